"""The appointment request form, from the patient's side and the staff's."""

import datetime
import logging

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from appointments.models import AppointmentRequest
from base.models import Status
from locations.models import Location

from .clinics import save_clinic
from .conftest import parse

pytestmark = pytest.mark.django_db

URL = "/appointments/request/"
STAFF = ["frontdesk@example.com"]


class FailingEmailBackend:
    """An email backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


@pytest.fixture(autouse=True)
def staff_address(settings):
    settings.APPOINTMENT_NOTIFY_EMAIL = STAFF
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()  # rate-limit counters from other tests


def valid(**overrides):
    data = {
        "name": "Maria Lopez",
        "phone": "(480) 555-0100",
        "location": Location.objects.get(slug="desert-ridge").pk,
        "time_of_day": "morning",
        "message": "My lower back has been in spasm since Tuesday.",
        "website": "",
    }
    data.update(overrides)
    return data


def post(client, data, address="203.0.113.7"):
    return client.post(URL, data, REMOTE_ADDR=address)


def test_form_page_is_never_cached_and_carries_a_csrf_token(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_a_post_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, valid())
    assert response.status_code == 403
    assert not AppointmentRequest.objects.exists()


def test_a_request_is_saved_and_the_patient_sees_their_number(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, valid())
    assert response.status_code == 302
    saved = AppointmentRequest.objects.get()
    assert saved.name == "Maria Lopez"
    assert saved.phone.as_e164 == "+14805550100"
    assert saved.location.slug == "desert-ridge"
    assert saved.status == AppointmentRequest.Status.NEW
    assert saved.notified is not None

    confirmation = client.get(response["Location"])
    assert "no-store" in confirmation["Cache-Control"]
    text = parse(confirmation).main_text
    assert "We will call you on (480) 555-0100" in text
    assert 'href="tel:+18772225348"' in confirmation.content.decode()


def test_staff_email_has_only_a_link_to_the_admin(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, valid())
    saved = AppointmentRequest.objects.get()
    [email] = mail.outbox
    assert email.to == STAFF
    admin_link = "http://testserver" + reverse(
        "admin:appointments_appointmentrequest_change", args=[saved.pk]
    )
    assert admin_link in email.body
    for private in ["Maria", "Lopez", "555", "spasm", "Tuesday", "Tempe"]:
        assert private not in email.body + email.subject


def test_no_email_is_sent_before_the_request_is_committed(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client, valid())
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_when_the_email_fails_the_request_is_kept(
    client, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "tests.test_appointments.FailingEmailBackend"
    with (
        caplog.at_level(logging.ERROR, logger="appointments.notify"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = post(client, valid())
    assert response.status_code == 302  # the patient still sees the thank-you
    saved = AppointmentRequest.objects.get()
    assert saved.notified is None  # and staff can see no email went out
    assert "Could not email staff about appointment request" in caplog.text
    assert "SMTP server unreachable" in caplog.text


def test_without_a_staff_address_the_request_is_kept_and_logged(
    client, settings, django_capture_on_commit_callbacks, caplog
):
    settings.APPOINTMENT_NOTIFY_EMAIL = []
    with django_capture_on_commit_callbacks(execute=True):
        post(client, valid())
    assert AppointmentRequest.objects.count() == 1
    assert mail.outbox == []
    assert "APPOINTMENT_NOTIFY_EMAIL is not set" in caplog.text


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("name", "", "Please tell us your name."),
        ("name", "   ", "Please tell us your name."),
        ("name", "x" * 101, "at most 100 characters"),
        ("phone", "", "Please give a phone number so we can call you back."),
        ("phone", "12", "Please enter a phone number we can call"),
        ("phone", "not a number", "Please enter a phone number we can call"),
        ("message", "x" * 501, "at most 500 characters"),
        ("time_of_day", "midnight", "Select a valid choice"),
        ("location", "999999", "Select a valid choice"),
    ],
)
def test_each_invalid_field_gets_its_own_clear_error(client, field, value, error):
    response = post(client, valid(**{field: value}))
    assert response.status_code == 200
    assert not AppointmentRequest.objects.exists()
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert error in form.errors[field][0]
    text = parse(response).main_text
    assert "Please check the form" in text
    assert error in text
    # What the patient typed in the other fields is kept.
    if field != "name":
        assert 'value="Maria Lopez"' in response.content.decode()


def test_a_draft_clinic_cannot_be_chosen(client):
    tempe = save_clinic("Tempe", "85281")
    assert ">Tempe</option>" in client.get(URL).content.decode()
    # Saved as staff save it (the form page is kept per content version).
    tempe.status = Status.DRAFT
    tempe.save()
    assert ">Tempe</option>" not in client.get(URL).content.decode()
    response = post(client, valid(location=tempe.pk))
    assert "location" in response.context["form"].errors


def test_the_honeypot_saves_nothing_but_looks_like_success(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, valid(website="http://spam.example"))
    assert response.status_code == 302
    assert not AppointmentRequest.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people(client):
    html = client.get(URL).content.decode()
    assert '<div class="hp-field" aria-hidden="true">' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


def test_one_address_may_send_only_a_few_requests(client, settings):
    assert settings.APPOINTMENT_RATE_LIMIT == "5/h"
    for _ in range(5):
        assert post(client, valid()).status_code == 302
    response = post(client, valid())
    assert response.status_code == 429
    assert "Please call us instead" in parse(response).main_text
    assert 'href="tel:+18772225348"' in response.content.decode()
    # Only the phone: no link back to the form that just refused.
    assert URL not in parse(response).links
    assert AppointmentRequest.objects.count() == 5
    # Someone else is not affected, and the page itself still opens.
    assert post(client, valid(), address="198.51.100.20").status_code == 302
    assert client.get(URL, REMOTE_ADDR="203.0.113.7").status_code == 200


def test_invalid_posts_count_towards_the_limit_too(client):
    for _ in range(5):
        post(client, valid(phone="nope"))
    assert post(client, valid()).status_code == 429
    assert not AppointmentRequest.objects.exists()


def test_the_form_is_linked_from_the_contact_block_and_home(client):
    for url in ["/", "/conditions/back-muscle-spasms/", "/locations/"]:
        assert URL in parse(client.get(url)).links, url


# Staff ----------------------------------------------------------------------


def make_request(days_old, name="Old request"):
    obj = AppointmentRequest.objects.create(name=name, phone="+14805550100")
    AppointmentRequest.objects.filter(pk=obj.pk).update(
        created=timezone.now() - datetime.timedelta(days=days_old)
    )
    return obj


def test_admin_lists_filters_and_searches_requests(admin_client):
    make_request(1, "Maria Lopez")
    contacted = make_request(2, "John Smith")
    contacted.status = AppointmentRequest.Status.CONTACTED
    contacted.save()
    changelist = reverse("admin:appointments_appointmentrequest_changelist")
    text = parse(admin_client.get(changelist)).plain_text
    assert "Maria Lopez" in text and "John Smith" in text
    text = parse(admin_client.get(changelist + "?status__exact=contacted")).plain_text
    assert "John Smith" in text and "Maria Lopez" not in text
    text = parse(admin_client.get(changelist + "?q=maria")).plain_text
    assert "Maria Lopez" in text and "John Smith" not in text


def test_staff_can_change_a_requests_status(admin_client):
    obj = make_request(1, "Maria Lopez")
    url = reverse("admin:appointments_appointmentrequest_change", args=[obj.pk])
    response = admin_client.post(
        url,
        {
            "status": "booked",
            "name": "Maria Lopez",
            "phone": "(480) 555-0100",
            "location": "",
            "time_of_day": "any",
            "language": "en",
            "message": "",
        },
    )
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.status == AppointmentRequest.Status.BOOKED


def test_purge_deletes_only_requests_past_the_retention_period(settings):
    settings.APPOINTMENT_RETENTION_DAYS = 90
    keep = [make_request(0), make_request(89)]
    make_request(91)
    make_request(400)
    call_command("purge_appointment_requests", "--dry-run")
    assert AppointmentRequest.objects.count() == 4
    call_command("purge_appointment_requests")
    assert set(AppointmentRequest.objects.all()) == set(keep)
    call_command("purge_appointment_requests", "--days", "30")
    assert list(AppointmentRequest.objects.all()) == [keep[0]]


def test_purge_reports_what_it_did(capsys):
    make_request(100)
    call_command("purge_appointment_requests", "--dry-run")
    assert "Would delete 1 appointment request(s)" in capsys.readouterr().out
    call_command("purge_appointment_requests")
    assert "Deleted 1 appointment request(s) older than 90 days" in (
        capsys.readouterr().out
    )


def silent_smtp_server():
    """A socket that accepts connections and never says a word (a hung mail
    server): the kernel completes the handshake from the listen backlog."""
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    return server


def test_a_hung_mail_server_never_keeps_the_patient_waiting(
    client, settings, django_capture_on_commit_callbacks
):
    """The patient gets the thank-you page, with their number, within 2 s
    whatever the mail server does; the request is saved and shows the email
    did not go out."""
    import threading
    import time

    server = silent_smtp_server()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.getsockname()
    # Should the request hang anyway, closing the server after 5 s ends it.
    watchdog = threading.Timer(5, server.close)
    watchdog.start()
    outcome = {}
    try:
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            outcome["response"] = post(client, valid())
        outcome["seconds"] = time.monotonic() - started
    finally:
        watchdog.cancel()
        server.close()  # lets the email thread end
    assert outcome["seconds"] < 2
    response = outcome["response"]
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert "(480) 555-0100" in thanks.content.decode()
    assert AppointmentRequest.objects.get().notified is None


def slow_smtp_server(delay):
    """A real (tiny) SMTP server on loopback that answers only after `delay`
    seconds, then takes the message: a mail server that is slow, not down."""
    import socket
    import threading
    import time

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def serve():
        connection, _ = server.accept()
        with connection, connection.makefile("rwb") as stream:
            time.sleep(delay)

            def say(line):
                stream.write(line.encode() + b"\r\n")
                stream.flush()

            say("220 slow.example ESMTP")
            in_data = False
            for raw in stream:
                line = raw.decode().rstrip("\r\n")
                if in_data:
                    if line == ".":
                        in_data = False
                        say("250 queued")
                    continue
                verb = line[:4].upper()
                if verb == "DATA":
                    in_data = True
                    say("354 go ahead")
                elif verb == "QUIT":
                    say("221 bye")
                    break
                else:
                    say("250 ok")

    threading.Thread(target=serve, daemon=True).start()
    return server


@pytest.mark.django_db(transaction=True)
def test_mail_that_gets_through_after_the_patient_left_is_ticked(settings):
    """The patient's request stops waiting for the mail server after
    notify.WAIT_SECONDS; when the email then does go out, the background
    thread itself ticks "Staff emailed", so staff are not told it failed."""
    import time

    from appointments import notify
    from base.seeding import seed

    seed()
    server = slow_smtp_server(delay=notify.WAIT_SECONDS + 0.5)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.getsockname()
    try:
        response = post(Client(), valid())
        assert response.status_code == 302
        saved = AppointmentRequest.objects.get()
        assert saved.notified is None  # the patient did not wait for it
        deadline = time.monotonic() + 20
        while saved.notified is None and time.monotonic() < deadline:
            time.sleep(0.1)
            saved.refresh_from_db()
    finally:
        server.close()
    assert saved.notified is not None


def test_the_mail_server_has_a_timeout():
    from django.conf import settings

    assert 0 < settings.EMAIL_TIMEOUT <= 30


def test_behind_the_load_balancer_the_limit_is_per_patient(client, settings):
    """Every post comes from the balancer's address: the limit must count the
    patient's own address, or six patients would use up everyone's limit."""
    settings.TRUSTED_PROXIES = 1

    def through_balancer(patient, forged=""):
        chain = f"{forged}, {patient}" if forged else patient
        return client.post(
            URL, valid(), REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=chain
        )

    for _ in range(5):
        assert through_balancer("203.0.113.7").status_code == 302
    # A forged address further left does not make a new patient.
    assert through_balancer("203.0.113.7", forged="192.0.2.1").status_code == 429
    assert through_balancer("198.51.100.20").status_code == 302


def test_the_staff_email_links_the_site_url_not_the_host_asked_for(
    client, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://clinic.example.com"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, valid(), HTTP_HOST="localhost:8443")
    [email] = mail.outbox
    assert "https://clinic.example.com/admin/appointments/" in email.body
    assert "localhost" not in email.body


def test_the_purge_leaves_no_trace_of_a_patient(admin_client, admin_user):
    """After the purge, nothing anywhere holds the patient's name or number:
    not the admin's change log, not a session, not the sign-in records."""
    from axes.models import AccessAttempt
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    old = make_request(100, "Maria Lopez")
    # Staff worked on it through the admin (the log line names the request).
    change = f"/admin/appointments/appointmentrequest/{old.pk}/change/"
    admin_client.post(
        change,
        {
            "status": "booked",
            "name": "Maria Lopez",
            "phone": "(480) 555-0100",
            "time_of_day": "any",
            "language": "en",
            "message": "",
        },
    )
    assert LogEntry.objects.filter(object_id=str(old.pk)).exists()
    # ...and one written before the label lost the name.
    LogEntry.objects.create(
        user=admin_user,
        content_type=ContentType.objects.get_for_model(AppointmentRequest),
        object_id=str(old.pk),
        object_repr="Maria Lopez, Aug 18, 2026",
        action_flag=CHANGE,
    )
    # The thank-you page's session, never visited, long expired.
    session = SessionStore()
    session["appointment_phone"] = "(480) 555-0100"
    session.set_expiry(-1)
    session.save()
    AccessAttempt.objects.create(
        username="editor",
        ip_address="198.51.100.66",
        user_agent="Mozilla/5.0",
        failures_since_start=1,
    )
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - datetime.timedelta(days=40)
    )

    call_command("purge_appointment_requests")

    assert not AppointmentRequest.objects.exists()
    assert not LogEntry.objects.filter(object_repr__contains="Maria").exists()
    assert not LogEntry.objects.filter(object_id=str(old.pk)).exists()
    assert not any(
        "appointment_phone" in s.get_decoded() for s in Session.objects.all()
    )
    assert not AccessAttempt.objects.exists()


def test_the_admin_log_never_names_the_patient(admin_client):
    from django.contrib.admin.models import LogEntry

    request = make_request(1, "Maria Lopez")
    admin_client.post(
        "/admin/appointments/appointmentrequest/",
        {"action": "mark_booked", "_selected_action": [request.pk]},
    )
    admin_client.post(
        f"/admin/appointments/appointmentrequest/{request.pk}/delete/", {"post": "yes"}
    )
    assert LogEntry.objects.exists()
    assert not LogEntry.objects.filter(object_repr__contains="Maria").exists()
