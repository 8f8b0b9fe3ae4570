"""Clinics entered the way staff enter them: a Content editor fills in the
admin's clinic form (street address, ZIP code, the week of opening hours, the
treatments) and saves. Nothing ships with an address, ZIP, position or hours,
so every test that needs a clinic with them makes it here."""

from django.test import Client
from django.urls import reverse

from locations.models import Location
from treatments.models import Treatment

from .editing import admin_form_data, make_editor

WEEKDAYS_8_TO_6 = dict.fromkeys(range(5), ("08:00", "18:00"))


def _editor_client():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username="clinic-editor").first()
    client = Client()
    client.force_login(user or make_editor("clinic-editor"))
    return client


def save_clinic(
    name,
    postal_code="",
    *,
    slug=None,
    street_address=None,
    area=None,
    hours=None,
    treatments=(),
    status="published",
    **fields,
):
    """Add a clinic (or, when a clinic with `slug` exists, change it) through
    the admin form. Fields given as None stay as they are. `hours` maps a
    weekday (Monday 0) to ("08:00", "18:00") or "closed"; days not given are
    left as the form has them. Returns the saved clinic."""
    slug = slug or name.lower().replace(" ", "-")
    client = _editor_client()
    existing = Location.objects.filter(slug=slug).first()
    url = (
        reverse("admin:locations_location_change", args=[existing.pk])
        if existing
        else reverse("admin:locations_location_add")
    )
    data = admin_form_data(client.get(url))
    data.update(
        name=name,
        slug=slug,
        area=area,
        status=status,
        street_address=street_address,
        postal_code=postal_code,
        treatments=[
            str(pk)
            for pk in Treatment.objects.filter(slug__in=treatments).values_list(
                "pk", flat=True
            )
        ],
        **fields,
    )
    for day, value in (hours or {}).items():
        if value == "closed":
            data[f"hours_{day}_closed"] = "on"
        else:
            data[f"hours_{day}_opens"], data[f"hours_{day}_closes"] = value
    # None: left as the form has it (for a change, as saved).
    data = {key: value for key, value in data.items() if value is not None}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Location.objects.get(slug=slug)
