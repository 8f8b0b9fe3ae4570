from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from base.content_export import content_models


class Command(BaseCommand):
    help = (
        "Load content written by export_content into this database, which must "
        "hold no content yet (run migrate first). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="File written by export_content")

    def handle(self, *args, input, **options):
        existing = [
            model._meta.label
            for model in content_models()
            if model._default_manager.exists()
        ]
        if existing:
            raise CommandError(
                "This database already has content ("
                + ", ".join(existing)
                + "). Import into an empty, migrated database."
            )
        with transaction.atomic():
            call_command("loaddata", input, verbosity=0)
        # Pages cached from before the import are not served: every record
        # loaded is a content save, which the page cache hears of (a new
        # content version). The shared cache is not cleared: it also holds
        # the rate limits, which an import has no business wiping.
        self.stdout.write(f"Imported the site's content from {input}.")
