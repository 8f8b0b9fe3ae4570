"""The call-back form page is rendered once per content version and filled
with each visitor's own tokens (base/formpage.py): every visitor still gets
their own CSRF token and submission token, and an edit shows at once."""

import re

import pytest
from django.test import Client

from appointments.models import AppointmentRequest
from base.models import ClinicSettings
from locations.models import Location

pytestmark = pytest.mark.django_db

URL = "/appointments/request/"
TOKENS = re.compile(r'name="(csrfmiddlewaretoken|submission)" value="([^"]+)"')


def visit(client, path=URL):
    response = client.get(path)
    assert response.status_code == 200
    return dict(TOKENS.findall(response.content.decode())), response


def request_a_call(client, tokens, name, phone):
    return client.post(
        URL,
        {
            "csrfmiddlewaretoken": tokens["csrfmiddlewaretoken"],
            "submission": tokens["submission"],
            "name": name,
            "phone": phone,
            "location": Location.objects.get(slug="desert-ridge").pk,
            "time_of_day": "morning",
            "message": "",
            "website": "",
        },
        REMOTE_ADDR="203.0.113.9",
    )


def test_two_visitors_each_get_their_own_tokens_and_both_requests_are_saved():
    maria, john = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    maria_tokens, first = visit(maria)
    john_tokens, second = visit(john)
    assert "csrftoken" in first.cookies and "csrftoken" in second.cookies
    assert "no-store" in second["Cache-Control"]
    for name in ("csrfmiddlewaretoken", "submission"):
        assert maria_tokens[name] != john_tokens[name]
    assert "slot-" not in second.content.decode()

    # Each visitor's own form, with their own cookie, is accepted.
    assert (
        request_a_call(john, john_tokens, "John Hale", "(480) 555-0101").status_code
        == 302
    )
    assert (
        request_a_call(maria, maria_tokens, "Maria Lopez", "(480) 555-0100").status_code
        == 302
    )
    assert sorted(AppointmentRequest.objects.values_list("name", flat=True)) == [
        "John Hale",
        "Maria Lopez",
    ]
    # Another visitor's token is no good with one's own cookie.
    late = Client(enforce_csrf_checks=True)
    visit(late)
    assert (
        request_a_call(late, john_tokens, "Ann Roe", "(480) 555-0102").status_code
        == 403
    )


def test_an_edit_is_on_the_form_page_at_the_next_visit():
    visit(Client())
    clinic = ClinicSettings.load()
    clinic.phone = "+14805550199"
    clinic.save()
    Location.objects.filter(slug="desert-ridge").update(name="Desert Ridge Renamed")
    _, response = visit(Client())
    html = response.content.decode()
    assert 'href="tel:+14805550199"' in html
    # A queryset update sends no signal: the clinic's save above moved the
    # content version, and the form's clinic list is read afresh.
    assert "Desert Ridge Renamed" in html


def test_the_spanish_form_page_is_its_own():
    visit(Client())
    _, spanish = visit(Client(), "/es" + URL)
    assert spanish["Content-Language"] == "es"
    assert "Le llamamos" in spanish.content.decode()
