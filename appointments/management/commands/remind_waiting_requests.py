"""Email the front desk about call-back requests still waiting after N hours.

Run it from a scheduler (cron), e.g. every hour in opening hours; see
docs/operations.md. It emails only when a request has passed the threshold
since the last reminder, so an hourly run does not repeat itself, and like
the first email it carries a link, not the patient's details.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from appointments.models import AppointmentRequest


def remind(hours, now=None, site_url=""):
    """Send one reminder if any new request has waited `hours` or more and
    was in no reminder yet; returns how many requests it listed (0: no
    email). `now` is the clock (tests pass their own)."""
    now = now or timezone.now()
    waiting = AppointmentRequest.objects.filter(
        status=AppointmentRequest.Status.NEW, created__lte=now - timedelta(hours=hours)
    )
    if not waiting.filter(reminded__isnull=True).exists():
        return 0
    count = waiting.count()
    oldest = waiting.order_by("created").first()
    url = site_url + reverse("admin:appointments_appointmentrequest_changelist")
    waited = (now - oldest.created).total_seconds() // 3600
    send_mail(
        subject=ngettext(
            "%(count)d call-back request still waiting",
            "%(count)d call-back requests still waiting",
            count,
        )
        % {"count": count},
        message=_(
            "%(count)d patient(s) asked to be called back %(hours)d or more "
            "hours ago and are still marked “New: not called yet”. The oldest "
            "has waited %(waited)d hours.\n\nOpen them in the admin (sign in "
            "first):\n%(url)s?status__exact=new\n\nMark each one Contacted, "
            "Booked or Closed as you call, so it leaves this reminder.\n"
        )
        % {"count": count, "hours": hours, "waited": waited, "url": url},
        from_email=None,
        recipient_list=settings.APPOINTMENT_NOTIFY_EMAIL,
    )
    waiting.filter(reminded__isnull=True).update(reminded=now)
    return count


class Command(BaseCommand):
    help = (
        "Email APPOINTMENT_NOTIFY_EMAIL when call-back requests are still "
        "marked New after --hours (default 4). Run it from cron, e.g. hourly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=4,
            help="Remind about requests waiting at least this many hours.",
        )
        parser.add_argument(
            "--now",
            default=None,
            help="Pretend it is this moment (ISO 8601, e.g. 2026-12-04T09:00Z): "
            "for checking the command, never needed in cron.",
        )

    def handle(self, *args, hours=4, now=None, **options):
        if hours < 1:
            raise CommandError("--hours must be at least 1.")
        if not settings.APPOINTMENT_NOTIFY_EMAIL:
            raise CommandError(
                "APPOINTMENT_NOTIFY_EMAIL is empty: no one to remind. Set it "
                "(docs/operations.md)."
            )
        if isinstance(now, str):
            parsed = parse_datetime(now)
            if parsed is None:
                raise CommandError(f"--now {now!r} is not a date and time.")
            now = parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=UTC)
        elif now is not None and not isinstance(now, datetime):
            raise CommandError("--now must be a date and time.")
        count = remind(hours, now=now, site_url=settings.SITE_URL or "")
        if count:
            self.stdout.write(f"Reminded the front desk about {count} request(s).")
        else:
            self.stdout.write("Nothing to remind about.")
