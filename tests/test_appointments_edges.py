"""Appointment requests at their edges: what the patient's browser keeps
after the request, the retention boundary of the purge. Each test here was
written against a fault planted by hand that the rest of the suite let
through (docs/testing.md)."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from appointments.models import AppointmentRequest

from .conftest import parse
from .test_appointments import post, valid

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quiet_mail(settings):
    settings.APPOINTMENT_NOTIFY_EMAIL = ["frontdesk@example.com"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()  # rate-limit counters from other tests


def test_the_patients_number_is_shown_once_and_then_forgotten(client):
    """On a shared computer the next person to open the confirmation page
    (the back button, the history) must not read the patient's number."""
    response = post(client, valid())
    confirmation = parse(client.get(response["Location"]))
    assert "We will call you on (480) 555-0100" in confirmation.main_text
    again = client.get(response["Location"])
    assert again.status_code == 200
    assert "555-0100" not in again.content.decode()
    assert "appointment_phone" not in client.session


def aged(days, **extra):
    request = AppointmentRequest.objects.create(
        name="Pat Doe", phone="+14805550100", **extra
    )
    AppointmentRequest.objects.filter(pk=request.pk).update(
        created=timezone.now() - datetime.timedelta(days=days)
    )
    return request


def test_the_purge_keeps_a_request_until_the_retention_period_is_over(settings):
    """90 days kept means a request received 89 days and 23 hours ago is
    still there, and one received 90 days and a minute ago is gone."""
    settings.APPOINTMENT_RETENTION_DAYS = 90
    almost = aged(90 - 1 / 24)
    over = aged(90 + 1 / (24 * 60))
    call_command("purge_appointment_requests")
    assert list(AppointmentRequest.objects.all()) == [almost]
    assert not AppointmentRequest.objects.filter(pk=over.pk).exists()
