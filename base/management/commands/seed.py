from django.core.management.base import BaseCommand

from base import last_updated
from base.images import make_missing_renditions
from base.seeding import seed


class Command(BaseCommand):
    help = (
        "Create the site's shipped content from fixtures/. Safe to run on every "
        "start: records staff have edited or deleted are left exactly as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "fixtures", nargs="*", help="Fixture files (default: fixtures/*.json)."
        )

    def handle(self, *fixtures, **options):
        counts = seed(fixtures or None)
        summary = ", ".join(
            f"{counts[k]} {k}"
            for k in ("created", "adopted", "linked", "translated", "kept", "skipped")
        )
        self.stdout.write(self.style.SUCCESS(f"Seed content: {summary}."))
        # Pictures uploaded by an earlier release get their copies under
        # today's names.
        made = make_missing_renditions()
        if made:
            self.stdout.write(f"Made the WebP copies of {made} picture(s).")
        # Pages staff edited before pages showed "Last updated" get it from
        # their history (base/last_updated.py).
        dated = last_updated.backfill()
        if dated:
            self.stdout.write(
                f'"Last updated" taken from the history: {dated} page(s).'
            )
