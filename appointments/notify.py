"""Telling staff a request has arrived, after it is safely saved."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from .models import AppointmentRequest

logger = logging.getLogger(__name__)


def notify_staff(request_id, admin_url):
    """Email the staff address a link to the new request in the admin.

    The email carries no name, number or message, only the link: health
    details stay behind the staff sign-in. If sending fails the request is
    already saved; the failure is logged and the admin shows it was not sent.
    """
    recipients = settings.APPOINTMENT_NOTIFY_EMAIL
    if not recipients:
        logger.warning(
            "Appointment request %s saved; APPOINTMENT_NOTIFY_EMAIL is not set, "
            "so no one was emailed.",
            request_id,
        )
        return
    try:
        send_mail(
            subject="New appointment request on the website",
            message=(
                "Someone has asked us to call them back about an appointment.\n\n"
                f"Open the request in the admin (sign in first):\n{admin_url}\n"
            ),
            from_email=None,
            recipient_list=recipients,
        )
    except Exception:
        logger.exception(
            "Could not email staff about appointment request %s; the request is "
            "saved and waiting in the admin.",
            request_id,
        )
        return
    AppointmentRequest.objects.filter(pk=request_id).update(notified=timezone.now())
