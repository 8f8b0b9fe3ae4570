"""Honest at first sight: the site ships only what is known about the clinics,
says when each page was updated and who reviewed it, tells patients what
happens to what they send, and keeps thin pages out of search engines."""

import json
import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from base.models import ClinicSettings, Content
from base.seeding import fixture_paths
from conditions.models import Condition, RootCause
from locations.models import Location, OpeningHours

from .conftest import parse
from .test_seo import SITE, graph, site_url, sitemap_urls  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

CONDITION_URL = "/conditions/back-muscle-spasms/"


# Clinics: only what is known ships --------------------------------------------


def shipped_records(model):
    records = []
    for path in fixture_paths():
        records += [
            record
            for record in json.loads(path.read_text(encoding="utf-8"))
            if record["model"] == model
        ]
    return records


def test_no_shipped_location_has_an_address_zip_position_hours_or_services():
    locations = shipped_records("locations.location")
    assert [record["fields"]["name"] for record in locations] == ["Desert Ridge"]
    for record in locations:
        fields = record["fields"]
        for unknown in ["street_address", "postal_code", "latitude", "longitude"]:
            assert not fields.get(unknown), (fields["name"], unknown)
        assert not fields.get("treatments"), fields["name"]
        assert not fields.get("phone"), fields["name"]  # the central line only
    assert shipped_records("locations.openinghours") == []


def test_the_seeded_site_claims_nothing_unknown_about_its_clinics(client):
    for location in Location.objects.all():
        assert not location.has_address and not location.has_position
        assert not location.treatments.exists()
    assert not OpeningHours.objects.exists()
    desert_ridge = parse(client.get("/locations/desert-ridge/")).main_text
    assert "Area North Phoenix" in desert_ridge
    assert "for the address" in desert_ridge
    assert "for opening hours" in desert_ridge
    assert "Get directions" not in desert_ridge
    listing = parse(client.get("/locations/")).main_text
    assert "Desert Ridge North Phoenix" in listing
    assert "Sample" not in listing


def test_no_page_mentions_sample_or_demo_clinics(client):
    from .test_pages import crawl

    for url, response in crawl(client).items():
        text = parse(response).plain_text.lower()
        assert "sample clinic" not in text and "demo data" not in text, url


# Trust signals ----------------------------------------------------------------


def content_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Content) and model.url_name
    ]


def test_last_updated_is_when_staff_changed_what_patients_read(admin_client, client):
    """A fresh install (the seed step) shows no "Last updated" anywhere; a
    staff edit of the page shows it; a review alone shows "Page last
    reviewed" and leaves "Last updated" as it was."""
    from .editing import admin_form_data, change_url

    checked = set()
    today = timezone.localdate()
    today_text = f"{today:%B} {today.day}, {today.year}"
    for model in content_models():
        record = model.objects.published().first()
        if record is None:
            continue  # a content type that ships empty (still checked below)
        url = record.get_absolute_url()
        assert "Last updated" not in client.get(url).content.decode(), model

        data = admin_form_data(admin_client.get(change_url(record)))
        data["last_reviewed"] = "2026-03-01"
        assert admin_client.post(change_url(record), data).status_code == 302, model
        html = client.get(url).content.decode()
        assert '<p class="page-dates">' in html, (model, html[-3000:])
        line = html[html.index('<p class="page-dates">') :].split("</p>")[0]
        assert "Last updated" not in line, model
        assert "March 1, 2026" in line, model

        data["name"] = f"{record.name} (edited)"
        assert admin_client.post(change_url(record), data).status_code == 302, model
        record.refresh_from_db()
        html = client.get(record.get_absolute_url()).content.decode()
        line = html[html.index('<p class="page-dates">') :].split("</p>")[0]
        assert f'Last updated <time datetime="{today:%Y-%m-%d}">{today_text}' in line
        checked.add(model.__name__)
    assert {
        "Condition",
        "Treatment",
        "Location",
        "RootCause",
        "RiskFactor",
        "Symptom",
        "BodyArea",
    } <= checked


def test_reviewed_by_shows_only_when_staff_fill_it_in(client):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    condition.last_reviewed = date(2026, 3, 1)
    condition.reviewed_by = ""
    condition.save()
    text = parse(client.get(CONDITION_URL)).main_text
    assert "Reviewed by" not in text
    assert "reviewedBy" not in graph(client, CONDITION_URL)["MedicalWebPage"]

    condition.reviewed_by = "a BackFit chiropractor"
    condition.save()
    text = parse(client.get(CONDITION_URL)).main_text
    assert "Reviewed by a BackFit chiropractor on March 1, 2026" in text
    page = graph(client, CONDITION_URL)["MedicalWebPage"]
    assert page["lastReviewed"] == "2026-03-01"
    assert page["reviewedBy"] == {"@type": "Person", "name": "a BackFit chiropractor"}


def test_a_reviewer_needs_the_date_of_the_review():
    condition = Condition.objects.get(slug="back-muscle-spasms")
    condition.last_reviewed = None
    condition.reviewed_by = "Dr. Example"
    with pytest.raises(ValidationError) as error:
        condition.full_clean()
    assert "last_reviewed" in error.value.message_dict


def test_the_privacy_page_says_what_the_site_does(client, settings):
    settings.APPOINTMENT_RETENTION_DAYS = 30
    page = parse(client.get("/privacy/"))
    assert page.h1 == ["Privacy"]
    text = page.main_text
    assert "no tracking or advertising cookies" in text
    assert "loads no scripts, fonts or images from other companies" in text
    assert "do not hold your IP address" in text
    assert "We keep your request for 30 days, then delete it" in text
    # What the clinic itself must write is marked as a placeholder.
    assert "Coming soon: the clinic is still writing this part" in text
    assert "/privacy/" in parse(client.get("/")).links  # the footer


def test_staff_edit_the_privacy_page_and_the_placeholder_notice_goes(client):
    clinic = ClinicSettings.load()
    clinic.privacy_clinic_text = "Questions? Write to our privacy officer."
    clinic.privacy_clinic_is_placeholder = False
    clinic.save()
    text = parse(client.get("/privacy/")).main_text
    assert "Questions? Write to our privacy officer." in text
    assert "Coming soon" not in text


@pytest.mark.parametrize("days", [90, 14])
def test_the_form_says_who_sees_the_request_and_how_long_it_is_kept(
    client, settings, days
):
    settings.APPOINTMENT_RETENTION_DAYS = days
    page = parse(client.get("/appointments/request/"))
    text = page.main_text
    assert (
        "only BackFit Health + Spine staff who arrange appointments see your request"
        in text
    )
    assert f"We keep your request for {days} days, then delete it" in text
    assert "/privacy/" in page.links


def test_the_thank_you_page_says_it_too(client, settings):
    settings.APPOINTMENT_RETENTION_DAYS = 45
    page = parse(client.get("/appointments/request/received/"))
    assert "staff who arrange appointments see your request" in page.main_text
    assert "We keep your request for 45 days" in page.main_text
    assert "/privacy/" in page.links


# Thin tag pages ---------------------------------------------------------------


def robots(client, url):
    return parse(client.get(url)).meta.get("robots")


def test_a_thin_tag_page_is_noindex_out_of_the_sitemap_and_shows_a_card(client):
    anemia = RootCause.objects.get(slug="anemia")
    assert not anemia.description
    (condition,) = anemia.conditions.published()
    url = anemia.get_absolute_url()
    assert robots(client, url) == "noindex"
    assert SITE + url not in sitemap_urls(client)
    html = client.get(url).content.decode()
    card = html[html.index('<li class="card">') :].split("</li>")[0]
    assert condition.get_absolute_url() in card
    assert condition.definition[:60] in card  # its summary, not a bare link


def test_a_described_tag_page_is_indexed(client):
    anemia = RootCause.objects.get(slug="anemia")
    anemia.description = "Too few red blood cells to carry oxygen to the muscles."
    anemia.save()
    assert robots(client, anemia.get_absolute_url()) is None
    assert SITE + "/root-causes/anemia/" in sitemap_urls(client)


def test_a_tag_of_two_conditions_is_indexed(client):
    anemia = RootCause.objects.get(slug="anemia")
    Condition.objects.get(slug="sciatica").root_causes.add(anemia)
    assert robots(client, anemia.get_absolute_url()) is None
    assert SITE + "/root-causes/anemia/" in sitemap_urls(client)


def test_condition_and_treatment_pages_are_never_thin(client):
    for url in [CONDITION_URL, "/treatments/chiropractic/"]:
        assert robots(client, url) is None, url


def test_demo_clinics_are_opt_in_and_labeled_wherever_they_show(client):
    from django.core.management import call_command

    from .test_pages import crawl

    assert not Location.objects.filter(slug__startswith="demo-").exists()
    call_command("load_demo_clinics", stdout=StringIO())
    order = parse(client.get("/locations/?near=85281")).main_text
    assert order.index("DEMO, not a real clinic: Tempe") < order.index("Desert Ridge")
    for url, response in crawl(client).items():
        text = parse(response).main_text
        for town in ["Tempe", "Glendale", "Mesa"]:
            if f"/locations/demo-{town.lower()}/" in response.content.decode():
                assert f"DEMO, not a real clinic: {town}" in text, url
    call_command("load_demo_clinics", "--remove", stdout=StringIO())
    assert not Location.objects.filter(slug__startswith="demo-").exists()


def test_last_updated_of_earlier_edits_comes_from_their_history(admin_user, client):
    """Pages staff edited before pages showed "Last updated" get it from the
    history on the next `manage.py seed` (as `make serve` runs it): an edit
    of the page or of one of its sections counts, a review alone or a save
    without a person (the seed's own) never, and no date is made up."""
    from django.core.management import call_command

    from conditions.models import ConditionSection

    def saved_by_staff(record, when):
        record._history_user = admin_user
        record.save()
        version = record.history.latest()
        type(version).objects.filter(pk=version.pk).update(history_date=when)

    def last_updated(condition):
        html = client.get(condition.get_absolute_url()).content.decode()
        found = re.search(r'Last updated <time datetime="([\d-]+)">', html)
        return found and found.group(1)

    edited, part_edited, reviewed, untouched = (
        Condition.objects.get(slug=slug)
        for slug in ("back-muscle-spasms", "neck-pain", "whiplash", "knee-pain")
    )
    long_ago = timezone.now() - timedelta(days=400)
    later = timezone.now() - timedelta(days=40)
    # The site was installed (seeded) before those edits.
    for model in (Condition, ConditionSection):
        model.history.update(history_date=long_ago - timedelta(days=365))
    edited.definition += " Edited."
    saved_by_staff(edited, long_ago)
    edited.name += " (edited)"
    saved_by_staff(edited, later)
    edited.last_reviewed = date(2026, 3, 1)
    saved_by_staff(edited, timezone.now())  # a review after: not an update
    section = ConditionSection.objects.filter(condition=part_edited).first()
    section.body += " Edited."
    saved_by_staff(section, long_ago)
    reviewed.last_reviewed = date(2026, 3, 1)
    reviewed.status = "published"
    saved_by_staff(reviewed, later)
    untouched.definition += " Edited."
    untouched.save()  # no person: as the seed step saves
    assert not Condition.objects.filter(changed__isnull=False).exists()
    assert last_updated(edited) is None  # and now in the page cache

    call_command("seed", stdout=StringIO())

    assert last_updated(edited) == f"{timezone.localdate(later):%Y-%m-%d}"
    assert last_updated(part_edited) == f"{timezone.localdate(long_ago):%Y-%m-%d}"
    assert last_updated(reviewed) is None
    assert last_updated(untouched) is None
    # Run again (every start): a page's date, once set, is left as it is.
    edited.refresh_from_db()
    call_command("seed", stdout=StringIO())
    assert Condition.objects.get(pk=edited.pk).changed == edited.changed
