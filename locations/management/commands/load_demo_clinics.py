"""Opt-in demo clinics, for trying the nearest-clinic finder and "open now"
on a developer's machine. Never run by `make serve`, the seed step or a
deployment. Every demo clinic is named "DEMO, not a real clinic: ...", so
every page that shows one (lists, the clinic's page, treatment and condition
pages, the appointment form) says so. `--remove` deletes them again."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction

from base.models import Status
from locations.models import Location, OpeningHours
from treatments.models import Treatment

LABEL = "DEMO, not a real clinic"
# (slug, town, ZIP code, treatments): real places so distances make sense.
DEMO = [
    ("demo-tempe", "Tempe", "85281", ["chiropractic", "physical-therapy"]),
    ("demo-glendale", "Glendale", "85301", ["chiropractic", "massage-therapy"]),
    ("demo-mesa", "Mesa", "85201", ["spinal-decompression", "physical-therapy"]),
]
HOURS = (datetime.time(8), datetime.time(17))


class Command(BaseCommand):
    help = (
        "Add three clearly labeled demo clinics (or remove them with --remove), "
        "to try the clinic finder locally. Never for a real site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--remove", action="store_true", help="Delete the demo clinics."
        )

    @transaction.atomic
    def handle(self, *args, remove=False, **options):
        slugs = [slug for slug, *_ in DEMO]
        if remove:
            count, _ = Location.objects.filter(slug__in=slugs).delete()
            self.stdout.write(f"Removed the demo clinics ({count} records).")
            return
        for slug, town, postal_code, treatments in DEMO:
            location, _ = Location.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": f"{LABEL}: {town}",
                    "area": f"{LABEL} ({town})",
                    "postal_code": postal_code,
                    "status": Status.PUBLISHED,
                },
            )
            location.treatments.set(Treatment.objects.filter(slug__in=treatments))
            for weekday in range(7):
                opens, closes = HOURS if weekday < 5 else (None, None)
                OpeningHours.objects.update_or_create(
                    location=location,
                    weekday=weekday,
                    defaults={"opens": opens, "closes": closes},
                )
        self.stdout.write(
            f"Added {len(DEMO)} demo clinics, each named '{LABEL}: ...'. Remove "
            "them with: manage.py load_demo_clinics --remove"
        )
