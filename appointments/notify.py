"""Telling staff a request has arrived, after it is safely saved.

The patient never waits for the mail server: the email is sent on a small
pool of background threads, and the request waits at most `WAIT_SECONDS` for
it (a healthy server answers well within that, so "Staff emailed" is ticked
at once). A slow or hung server is given up on by EMAIL_TIMEOUT (seconds per
step, settings); until then the email carries on in the background and ticks
"Staff emailed" itself if it gets through. Either way the patient gets the
thank-you page in about a second.

Why a small thread pool and not a task queue (the django-tasks backport with
its database backend): a queue needs a worker process on every host, one
more service to run, watch and restart, for one best-effort email per
request whose loss costs nothing that the request list and the reminder
to the front desk (`manage.py remind_waiting_requests`) do not already
cover. Both branches are tested with real mail servers
(tests/test_appointments.py: a hung one, and a slow one whose mail gets
through after the patient has moved on).
"""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.mail import send_mail
from django.db import connections
from django.utils import timezone

from .models import AppointmentRequest

logger = logging.getLogger(__name__)

# How long a patient's request waits for the staff email at most.
WAIT_SECONDS = 1.0
_senders = ThreadPoolExecutor(max_workers=4, thread_name_prefix="staff-email")


def _send(request_id, admin_url, spanish=False):
    """Send the email; True if it went out. Never raises. Staff read it in
    English; a call-back asked for in Spanish says so in the subject and the
    text, so the right person calls."""
    subject = "New appointment request on the website"
    language = ""
    if spanish:
        subject += " (call back in Spanish)"
        language = "They asked to be called back in Spanish.\n\n"
    try:
        send_mail(
            subject=subject,
            message=(
                "Someone has asked us to call them back about an appointment.\n\n"
                + language
                + f"Open the request in the admin (sign in first):\n{admin_url}\n"
            ),
            from_email=None,
            recipient_list=settings.APPOINTMENT_NOTIFY_EMAIL,
        )
    except Exception:
        logger.exception(
            "Could not email staff about appointment request %s; the request is "
            "saved and waiting in the admin.",
            request_id,
        )
        return False
    return True


def _record_sent(request_id):
    AppointmentRequest.objects.filter(pk=request_id).update(notified=timezone.now())


class _Delivery:
    """One email on its way, and who records that it went out: the request,
    if it is still waiting, else the background thread."""

    def __init__(self, request_id, admin_url, spanish=False):
        self.request_id = request_id
        self.admin_url = admin_url
        self.spanish = spanish
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.request_waiting = True
        self.sent = None

    def run(self):
        sent = _send(self.request_id, self.admin_url, self.spanish)
        with self.lock:
            if self.request_waiting:
                self.sent = sent
                self.done.set()
                return
        try:  # the patient's request has moved on: record it from here
            if sent:
                _record_sent(self.request_id)
        finally:
            connections.close_all()  # this thread's own connections

    def wait(self, seconds):
        self.done.wait(seconds)
        with self.lock:
            self.request_waiting = False
            return self.sent


def notify_staff(request_id, admin_url, spanish=False):
    """Email the staff address a link to the new request in the admin.

    The email carries no name, number or message, only the link (and, for a
    call-back asked for in Spanish, that it is in Spanish): health details
    stay behind the staff sign-in. If sending fails the request is
    already saved; the failure is logged and the admin shows it was not sent.
    """
    if not settings.APPOINTMENT_NOTIFY_EMAIL:
        logger.warning(
            "Appointment request %s saved; APPOINTMENT_NOTIFY_EMAIL is not set, "
            "so no one was emailed.",
            request_id,
        )
        return
    delivery = _Delivery(request_id, admin_url, spanish)
    _senders.submit(delivery.run)
    sent = delivery.wait(WAIT_SECONDS)
    if sent:
        _record_sent(request_id)
    elif sent is None:
        logger.warning(
            "The mail server is slow; the email about appointment request %s "
            "carries on in the background.",
            request_id,
        )
