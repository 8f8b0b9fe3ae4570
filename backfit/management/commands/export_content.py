from django.core import serializers
from django.core.management.base import BaseCommand

from backfit.content_export import in_load_order


def all_records():
    for model in in_load_order():
        yield from model._default_manager.order_by("pk").iterator()


class Command(BaseCommand):
    help = (
        "Write all site content (conditions, treatments, locations, clinic "
        "settings) as JSON with natural keys, for import_content into another "
        "database. Uploaded images are not included: copy MEDIA_ROOT alongside."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="File to write, e.g. content.json")

    def handle(self, *args, output, **options):
        # Like dumpdata --natural-foreign --natural-primary, but in an order
        # that loads (dumpdata's own order breaks on the condition <-> root
        # cause cycle).
        with open(output, "w", encoding="utf-8") as stream:
            serializers.serialize(
                "json",
                all_records(),
                indent=1,
                stream=stream,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
            )
        self.stdout.write(f"Wrote the site's content to {output}.")
