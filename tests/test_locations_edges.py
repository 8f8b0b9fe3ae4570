"""Clinics at their edges: a city staff typed that differs from the ZIP
code's, a week in which every day ended up closed. Each test here was
written against a fault planted by hand that the rest of the suite let
through (docs/testing.md)."""

import pytest

from base.models import Status
from locations.models import OpeningHours
from treatments.models import Treatment

from .clinics import save_clinic
from .conftest import parse

pytestmark = pytest.mark.django_db


def test_the_city_staff_typed_is_kept_when_the_zip_says_another(client):
    """The ZIP code gives the map position, and the city only when none is
    typed: 85254's records say Scottsdale, and a clinic staff put in
    Phoenix stays in Phoenix, through every later save."""
    clinic = save_clinic(
        "Desert Ridge", "85254", slug="desert-ridge", locality="Phoenix"
    )
    assert clinic.locality == "Phoenix"
    assert clinic.latitude is not None
    clinic = save_clinic("Desert Ridge", "85254", slug="desert-ridge", area="north")
    assert clinic.locality == "Phoenix"
    page = parse(client.get(clinic.get_absolute_url()))
    assert "Phoenix, AZ 85254" in page.main_text
    # Left empty, the city comes from the ZIP code.
    assert save_clinic("Mesa", "85254", slug="mesa", locality="").locality == (
        "Scottsdale"
    )


def test_a_week_with_every_day_closed_has_no_hours_and_no_open_now(client):
    """Staff may clear a day's times row by row (the opening hours' own admin
    list, or restoring an older version): once no day has hours, the page
    says to call, with neither the hours table nor "Open now"."""
    clinic = save_clinic("Mesa", "85201", slug="mesa", hours={0: ("09:00", "12:00")})
    assert OpeningHours.objects.filter(location=clinic).count() == 7
    html = client.get(clinic.get_absolute_url()).content.decode()
    assert "data-open-status" in html
    for hours in OpeningHours.objects.filter(location=clinic):
        hours.opens = hours.closes = None
        hours.save()  # as the opening hours' admin form saves a row
    html = client.get(clinic.get_absolute_url()).content.decode()
    assert "data-open-status" not in html
    assert "open-now.js" not in html
    assert "data-hours" not in html
    text = parse(client.get(clinic.get_absolute_url())).main_text
    assert "for opening hours" in text


def test_the_clinic_finder_never_filters_by_a_draft_treatment(client):
    """?treatment= names a published treatment only: for a draft one the
    page neither links its hidden page nor narrows the list to it."""
    save_clinic("Desert Ridge", slug="desert-ridge", treatments=["chiropractic"])
    save_clinic("Mesa", "85201", slug="mesa")
    treatment = Treatment.objects.get(slug="chiropractic")
    page = parse(client.get("/locations/?treatment=chiropractic"))
    assert "/locations/mesa/" not in page.links  # filtered while published
    treatment.status = Status.DRAFT
    treatment.save()
    page = parse(client.get("/locations/?treatment=chiropractic"))
    assert "/locations/mesa/" in page.links
    assert treatment.get_absolute_url() not in page.links
    assert "Clinics offering" not in page.main_text
