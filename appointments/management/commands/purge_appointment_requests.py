from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from appointments.models import AppointmentRequest


class Command(BaseCommand):
    help = (
        "Delete appointment requests older than the retention period "
        "(APPOINTMENT_RETENTION_DAYS, default 90 days). Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days instead of APPOINTMENT_RETENTION_DAYS.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only say how many requests would be deleted.",
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.APPOINTMENT_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days must be at least 1.")
        cutoff = timezone.now() - timedelta(days=days)
        old = AppointmentRequest.objects.filter(created__lt=cutoff)
        if dry_run:
            self.stdout.write(
                f"Would delete {old.count()} appointment request(s) received "
                f"before {cutoff:%Y-%m-%d %H:%M %Z} (older than {days} days)."
            )
            return
        deleted, _ = old.delete()
        self.stdout.write(
            f"Deleted {deleted} appointment request(s) older than {days} days."
        )
