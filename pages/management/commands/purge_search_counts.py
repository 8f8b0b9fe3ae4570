from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pages import searchlog


class Command(BaseCommand):
    help = (
        "Delete the counts of what patients searched for older than "
        "SEARCH_COUNT_RETENTION_DAYS (default 90). Search also does this by "
        "itself each time a new day's count begins; run it daily from cron "
        "beside purge_appointment_requests so a quiet site forgets too."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days instead of SEARCH_COUNT_RETENTION_DAYS.",
        )

    def handle(self, *args, days=None, **options):
        days = settings.SEARCH_COUNT_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days must be at least 1.")
        deleted = searchlog.purge(days)
        self.stdout.write(
            f"Deleted {deleted} daily search count(s) older than {days} days."
        )
