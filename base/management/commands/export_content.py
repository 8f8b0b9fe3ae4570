import datetime
import json

from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder

from base.content_export import in_load_order


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Timestamps to the microsecond (Django's encoder cuts them to the
    millisecond, so "last updated" would not survive the round trip)."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return (
                text.removesuffix("+00:00") + "Z"
                if o.utcoffset() == datetime.timedelta(0)
                else text
            )
        return super().default(o)


def serialized_records():
    for model in in_load_order():
        records = model._default_manager.order_by("pk")
        # Redirects point at the one Site by id (SITE_ID), which every
        # migrated database has, whatever its domain is called there.
        natural = model._meta.label != "redirects.Redirect"
        yield from serializers.serialize(
            "python",
            records.iterator(),
            use_natural_foreign_keys=natural,
            use_natural_primary_keys=True,
        )


class Command(BaseCommand):
    help = (
        "Write all site content (conditions, treatments, locations, clinic "
        "settings, redirects of renamed pages) as JSON with natural keys, for "
        "import_content into another database. Uploaded images are not "
        "included: copy MEDIA_ROOT alongside."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="File to write, e.g. content.json")

    def handle(self, *args, output, **options):
        # Like dumpdata --natural-foreign --natural-primary, but in an order
        # that loads (dumpdata's own order breaks on the condition <-> root
        # cause cycle).
        records = list(serialized_records())
        with open(output, "w", encoding="utf-8") as stream:
            json.dump(records, stream, cls=FullPrecisionEncoder, indent=1)
            stream.write("\n")
        self.stdout.write(
            f"Wrote the site's content ({len(records)} records) to {output}."
        )
