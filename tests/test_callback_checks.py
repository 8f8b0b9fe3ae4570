"""The call-back form against what an outside test sent it (issue 19): numbers
that cost the clinic money or look local when they are not, names that are
invisible or reversed, and a patient's double submit or a retry."""

import re

import pytest
from django.urls import reverse

from appointments.models import AppointmentRequest

from .conftest import parse
from .test_appointments import URL, post, staff_address, valid  # noqa: F401

pytestmark = pytest.mark.django_db

CLINIC_PHONE = "(877) 222-5348"


@pytest.mark.parametrize(
    "number",
    [
        "+1 900 225 5288",  # US premium rate
        "(900) 225-5288",  # the same, typed as if local
        "(876) 555-0123",  # Jamaica, inside +1
        "+1 809 555 0123",  # Dominican Republic, inside +1
        "+44 909 879 0000",  # UK premium rate
        "+7 495 123-45-67",  # Moscow
        "+1 500 555 0000",  # US personal number (costs the caller)
    ],
)
def test_a_number_that_costs_money_or_is_not_us_is_refused_plainly(client, number):
    response = post(client, valid(phone=number))
    assert response.status_code == 200
    assert not AppointmentRequest.objects.exists()
    [error] = response.context["form"].errors["phone"]
    assert "US phone number" in error
    assert CLINIC_PHONE in error  # the patient can call instead
    text = parse(response).main_text
    assert "US phone number" in text and CLINIC_PHONE in text


@pytest.mark.parametrize(
    "number", ["(480) 555-0100", "+1 602 555 0199", "(877) 555-0100", "4805550100"]
)
def test_us_numbers_at_normal_cost_are_accepted(client, number):
    assert post(client, valid(phone=number)).status_code == 302
    assert AppointmentRequest.objects.get().phone.as_e164.startswith("+1")


def test_staff_see_every_number_in_full_international_form(admin_client):
    """A number kept from before this check (or typed by staff) never looks
    local: +1 876 is Jamaica, not (876), and a UK number keeps its +44."""
    AppointmentRequest.objects.create(name="Local", phone="+14805550100")
    AppointmentRequest.objects.create(name="Abroad", phone="+18765550123")
    AppointmentRequest.objects.create(name="UK", phone="+449098790000")
    listing = admin_client.get(
        reverse("admin:appointments_appointmentrequest_changelist")
    )
    html = listing.content.decode()
    assert "+1 480-555-0100" in html
    assert "+1 876-555-0123" in html
    assert "+44 909 879 0000" in html
    assert "(876) 555-0123" not in html
    assert "0909 879 0000" not in html
    abroad = AppointmentRequest.objects.get(name="Abroad")
    change = admin_client.get(abroad.get_admin_url()).content.decode()
    assert "+1 876-555-0123" in change and "(876) 555-0123" not in change


@pytest.mark.parametrize(
    "name",
    [
        "\u200b",  # zero-width space
        "\u200b\u200c\u200d\ufeff",  # every zero-width character
        "\u2060\u00ad",  # word joiner, soft hyphen
        "Maria \u202eLopez",  # right-to-left override
        "\u2067Maria Lopez\u2069",  # right-to-left isolate
        "\u202aMaria",  # left-to-right embedding
    ],
)
def test_an_invisible_or_reversed_name_is_refused(client, name):
    response = post(client, valid(name=name))
    assert response.status_code == 200
    assert not AppointmentRequest.objects.exists()
    [error] = response.context["form"].errors["name"]
    assert "Please tell us your name" in error


@pytest.mark.parametrize("name", ["José Núñez", "Nguyễn Thị", "محمد", "李小龙"])
def test_names_in_any_script_are_welcome(client, name):
    assert post(client, valid(name=name)).status_code == 302
    assert AppointmentRequest.objects.get().name == name


def test_a_reversed_message_is_refused(client):
    response = post(client, valid(message="Call me \u202eback"))
    assert response.status_code == 200
    assert "message" in response.context["form"].errors
    assert not AppointmentRequest.objects.exists()


def form_token(response):
    return re.search(
        r'name="submission" value="([^"]+)"', response.content.decode()
    ).group(1)


def test_a_double_submit_or_a_retry_records_one_request(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    """Issue 19, finding 8: the same form posted twice (a double click, a
    browser's retry, a load balancer's replay) is one request, one email."""
    token = form_token(client.get(URL))
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, valid(submission=token))
        second = post(client, valid(submission=token))
    assert first.status_code == second.status_code == 302
    assert AppointmentRequest.objects.count() == 1
    assert len(mailoutbox) == 1
    # The retry still ends on the thank-you page with the patient's number.
    assert "(480) 555-0100" in parse(client.get(second["Location"])).main_text


def test_each_form_shown_has_its_own_token_so_two_patients_never_merge(client):
    """The form page is never cached, so each visitor gets a token of their
    own; and even one token seen twice (a page kept by some proxy) keeps
    two patients' requests apart."""
    first, second = form_token(client.get(URL)), form_token(client.get(URL))
    assert first != second
    post(client, valid(submission=first))
    post(client, valid(submission=first, name="Ann Lee", phone="(602) 555-0199"))
    assert AppointmentRequest.objects.count() == 2


def test_a_new_form_after_the_first_request_is_a_new_request(client):
    post(client, valid(submission=form_token(client.get(URL))))
    post(client, valid(submission=form_token(client.get(URL))))
    assert AppointmentRequest.objects.count() == 2


def test_a_post_without_a_token_still_saves(client):
    """A form page loaded before this release has no token: it still works."""
    assert post(client, valid()).status_code == 302
    assert AppointmentRequest.objects.count() == 1
