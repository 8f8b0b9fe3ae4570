from datetime import timedelta
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from appointments.models import AppointmentRequest


class Command(BaseCommand):
    help = (
        "Delete appointment requests older than the retention period "
        "(APPOINTMENT_RETENTION_DAYS, default 90 days), with every trace of "
        "them: their lines in the admin's change log, and expired sessions "
        "(which may hold a patient's phone number). Also deletes sign-in "
        "records (addresses, browsers) older than SIGNIN_RECORD_RETENTION_DAYS "
        "(default 30). On PostgreSQL the tables that held them are then "
        "rewritten (VACUUM FULL), so deleted rows do not stay readable in "
        "the database's files. Run it daily, e.g. from cron."
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
        now = timezone.now()
        cutoff = now - timedelta(days=days)
        old = AppointmentRequest.objects.filter(created__lt=cutoff)
        if dry_run:
            self.stdout.write(
                f"Would delete {old.count()} appointment request(s) received "
                f"before {cutoff:%Y-%m-%d %H:%M %Z} (older than {days} days)."
            )
            return
        with transaction.atomic():
            deleted, _ = old.delete()
            # The admin's change log names each request it touched (older
            # lines by the patient's name): no line may outlive its request.
            kept = {
                str(pk)
                for pk in AppointmentRequest.objects.values_list("pk", flat=True)
            }
            log = LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(AppointmentRequest)
            )
            stale = [
                entry.pk
                for entry in log.only("object_id")
                if entry.object_id not in kept
            ]
            log_lines, _ = LogEntry.objects.filter(pk__in=stale).delete()
        self.stdout.write(
            f"Deleted {deleted} appointment request(s) older than {days} days "
            f"and {log_lines} admin log line(s) about deleted requests."
        )
        # Expired sessions (a patient's number waits in one until they see
        # the thank-you page); Django never deletes them by itself.
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
        signin_days = settings.SIGNIN_RECORD_RETENTION_DAYS
        signin_cutoff = now - timedelta(days=signin_days)
        signins = sum(
            model.objects.filter(attempt_time__lt=signin_cutoff).delete()[0]
            for model in (AccessAttempt, AccessLog, AccessFailureLog)
        )
        self.stdout.write(
            f"Deleted expired sessions and {signins} sign-in record(s) older "
            f"than {signin_days} days."
        )
        rewritten = self.rewrite_tables()
        if rewritten:
            self.stdout.write(
                f"Rewrote {len(rewritten)} table(s) without the deleted rows."
            )

    def rewrite_tables(self):
        """On PostgreSQL a deleted row stays in the table's file until its
        space is reused: VACUUM FULL writes each table that held patient
        data anew, without them. These tables are small (a clinic's
        requests for 90 days, the admin's log, sessions), so the lock it
        takes lasts milliseconds. Old write-ahead log segments are recycled
        after the next checkpoints (docs/operations.md)."""
        if connection.vendor != "postgresql":
            return []
        if connection.in_atomic_block:
            # VACUUM cannot run inside a transaction (as when called from a
            # test, or another command's transaction): the next daily run,
            # from cron in autocommit, rewrites the tables.
            self.stdout.write("Tables not rewritten: inside a transaction.")
            return []
        tables = [
            model._meta.db_table
            for model in (
                AppointmentRequest,
                LogEntry,
                import_module("django.contrib.sessions.models").Session,
                AccessAttempt,
                AccessLog,
                AccessFailureLog,
            )
        ]
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"VACUUM FULL {connection.ops.quote_name(table)}")
        return tables
