"""Add generated articles and conditions to a THROWAWAY copy of the site, to
measure what a page costs as the library grows (`make bench`,
tests/bench/grown.py). Never for a real database: it refuses unless given
--throwaway and the database is one a test or a bench made (an SQLite file in
the temporary folder or in memory, or a PostgreSQL database named test_* or
*_throwaway). Generated content is never shipped in fixtures.

Each article is linked to two conditions and one treatment, taken in turn
from every published condition and treatment (the shipped ones included, so
their "Read more" grows too); each condition to one body area and one
symptom."""

import itertools
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from articles.models import Article
from base.models import Status
from conditions.models import BodyArea, Condition, Symptom
from treatments.models import Treatment

KINDS = ["Acute", "Chronic", "Lateral", "Postural", "Recurring", "Sudden", "Mild"]
PARTS = ["back", "neck", "hip", "shoulder", "knee", "wrist", "rib", "jaw"]
TROUBLES = ["strain", "stiffness", "ache", "pain", "tightness"]
# Like the grown site: "pain" in every article, "spasm" in none.
WORDS = ["pain", "back", "neck", "muscle", "posture", "stretch", "rest", "walking"]
WORDS += ["sleep", "desk", "lifting", "exercise", "care", "joint", "spine"]
WORDS += ["movement", "breathing", "habit", "relief"]


def throwaway_reason(settings_dict):
    """Why this database may be grown, or None if it looks real."""
    name = str(settings_dict.get("NAME") or "")
    if settings_dict["ENGINE"].endswith("sqlite3"):
        if name in ("", ":memory:") or "mode=memory" in name:
            return "an in-memory SQLite database"
        path = Path(name).resolve()
        # Never one beside the code (the checkout may itself be in /tmp).
        if path.is_relative_to(Path(settings.BASE_DIR).resolve()):
            return None
        if path.is_relative_to(Path(tempfile.gettempdir()).resolve()):
            return f"an SQLite file in the temporary folder ({path})"
        return None
    if name.startswith("test_") or name.endswith("_throwaway"):
        return f"the database {name}"
    return None


def words(seed, count):
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(count))


class Command(BaseCommand):
    help = (
        "Add N generated articles and conditions to a THROWAWAY copy of the "
        "site (refuses a real database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=3000)
        parser.add_argument("--conditions", type=int, default=300)
        parser.add_argument(
            "--throwaway",
            action="store_true",
            help="Say that this database is a copy that may be thrown away.",
        )

    def handle(self, *args, articles, conditions, throwaway, **options):
        reason = throwaway_reason(connection.settings_dict)
        if not throwaway or reason is None:
            raise CommandError(
                "grow_content only grows a throwaway copy: pass --throwaway and "
                "point DATABASE_URL at an SQLite file in the temporary folder or "
                "a PostgreSQL database named test_* or *_throwaway. The database "
                f"configured now ({connection.settings_dict.get('NAME')}) was "
                "left untouched."
            )
        if articles < 0 or conditions < 0:
            raise CommandError("--articles and --conditions must be 0 or more.")
        with transaction.atomic():
            self.grow(articles, conditions)
        self.stdout.write(
            f"Added {articles} articles and {conditions} conditions to {reason}."
        )

    def grow(self, article_count, condition_count):
        areas = list(BodyArea.objects.published()) or [None]
        symptoms = list(Symptom.objects.published()) or [None]
        start = Condition.objects.count()
        names = itertools.product(KINDS, PARTS, TROUBLES)
        new_conditions = Condition.objects.bulk_create(
            Condition(
                name=f"{kind} {part} {trouble} {start + n}",
                slug=f"generated-{kind}-{part}-{trouble}-{start + n}".lower(),
                status=Status.PUBLISHED,
                definition=f"Generated for a bench: {words(n, 18)}.",
            )
            for n, (kind, part, trouble) in zip(
                range(condition_count), itertools.cycle(names), strict=False
            )
        )
        links = []
        for n, condition in enumerate(new_conditions):
            if areas[n % len(areas)] is not None:
                links.append(
                    Condition.body_areas.through(
                        condition_id=condition.pk, body_area_id=areas[n % len(areas)].pk
                    )
                )
        Condition.body_areas.through.objects.bulk_create(links)
        Condition.symptoms.through.objects.bulk_create(
            Condition.symptoms.through(
                condition_id=condition.pk, symptom_id=symptoms[n % len(symptoms)].pk
            )
            for n, condition in enumerate(new_conditions)
            if symptoms[n % len(symptoms)] is not None
        )

        published = Condition.objects.published()
        all_conditions = list(published.values_list("pk", flat=True))
        treatments = list(Treatment.objects.published().values_list("pk", flat=True))
        if not all_conditions or not treatments:
            raise CommandError("The copy needs published conditions and treatments.")
        start = Article.objects.count()
        new_articles = Article.objects.bulk_create(
            Article(
                name=f"Generated article {start + n}: {words(n, 4)}",
                slug=f"generated-article-{start + n}",
                status=Status.PUBLISHED,
                summary=f"Generated for a bench: {words(n, 20)}."[:250],
                body="\n\n".join(words(n + p, 60) + "." for p in range(4)),
            )
            for n in range(article_count)
        )
        about_conditions, about_treatments = [], []
        for n, article in enumerate(new_articles):
            first = all_conditions[(2 * n) % len(all_conditions)]
            second = all_conditions[(2 * n + 1) % len(all_conditions)]
            for condition in {first, second}:
                about_conditions.append(
                    Article.conditions.through(
                        article_id=article.pk, condition_id=condition
                    )
                )
            about_treatments.append(
                Article.treatments.through(
                    article_id=article.pk, treatment_id=treatments[n % len(treatments)]
                )
            )
        Article.conditions.through.objects.bulk_create(about_conditions)
        Article.treatments.through.objects.bulk_create(about_treatments)
        # Bulk inserts send no signals: one save, as staff would make, tells
        # a running site's page cache that the content changed.
        if new_articles:
            Article.objects.get(pk=new_articles[-1].pk).save()
