"""Every public page costs a fixed, small number of queries, however many
records it links: each test counts a page's queries, doubles what the page
lists, checks the new records really show, and counts again."""

import itertools
from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from base.models import Status
from conditions.models import (
    BodyArea,
    Condition,
    ConditionSection,
    ConditionTreatment,
    RiskFactor,
    RootCause,
    Symptom,
)
from conditions.views import HOME_CONDITIONS
from locations.models import Location, OpeningHours
from team.models import Clinician, Profession
from treatments.models import Treatment, TreatmentSection

from .clinics import save_clinic

pytestmark = pytest.mark.django_db

# Above what any page needs today (site search, reading every kind of record
# of every content app, is the dearest at 21), far below what a per-record
# query would cost on a page listing dozens of records.
BUDGET = 24
_serial = itertools.count()


@pytest.fixture(autouse=True)
def render_every_time(settings):
    """Count what rendering costs, not what the page cache saves (the content
    version exists already, as on any running site)."""
    settings.PAGE_CACHE_SECONDS = 0


def queries(client, url):
    """The page's queries, less those on the database cache's own table: on
    the content version's row (read once per request, to reuse what was
    read for the current version) is not the page's cost either."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    count = sum(
        "django_cache" not in q["sql"] and "contentversion" not in q["sql"]
        for q in context.captured_queries
    )
    return count, response.content.decode()


def new(model, **fields):
    n = next(_serial)
    name = f"Extra {model.__name__} {n}"
    defaults = {"name": name, "slug": f"extra-{model.__name__.lower()}-{n}"}
    if model is Treatment:
        defaults["summary"] = "An extra treatment."
    if model is Article:
        defaults.update(summary="An extra article.", body="Words.")
    if model is Profession:
        defaults["plural_name"] = f"{name}s"
    if model is Location:
        defaults.update(postal_code="85050")  # its position comes from the ZIP
    return model.objects.create(status=Status.PUBLISHED, **{**defaults, **fields})


def doubled(manager, model, **fields):
    """Link as many new published records as the relation has now."""
    added = [new(model, **fields) for _ in range(max(manager.count(), 2))]
    manager.add(*added)
    return added


def assert_constant(client, url, grow, budget=BUDGET):
    before, _ = queries(client, url)
    added = grow()
    after, html = queries(client, url)
    for record in added:
        assert record.get_absolute_url() in html, f"{record} not shown on {url}"
    assert after == before, f"{url}: {before} queries, then {after}"
    assert before <= budget, url


def test_condition_page(client):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    url = condition.get_absolute_url()

    def grow():
        added = []
        for manager, model in (
            (condition.root_causes, RootCause),
            (condition.risk_factors, RiskFactor),
            (condition.symptoms, Symptom),
            (condition.body_areas, BodyArea),
        ):
            added += doubled(manager, model)
        # A root cause that is itself a condition links to that condition.
        other = new(Condition)
        condition.root_causes.add(new(RootCause, see_condition=other))
        added.append(other)
        for position in range(condition.sections.count() + 2):
            ConditionSection.objects.create(
                condition=condition,
                heading=f"Extra question {position}?",
                slug=f"extra-question-{position}",
                position=50 + position,
                body="More text.",
                list_kind=ConditionSection.ListKind.TREATMENTS,
            )
        for position in range(condition.condition_treatments.count()):
            treatment = new(Treatment)
            ConditionTreatment.objects.create(
                condition=condition,
                treatment=treatment,
                position=50 + position,
                text="Helps too.",
            )
            location = new(Location)
            location.treatments.add(treatment)
            added.append(treatment)
            # The page shows the first few clinics (test_pagination.py has
            # the bound); those it shows are new ones.
            if position < 2:
                added.append(location)
        added += doubled(condition.articles, Article)  # "Read more"
        return added

    assert_constant(client, url, grow)


def test_treatment_page(client):
    treatment = Treatment.objects.get(slug="chiropractic")

    def grow():
        added = []
        for manager, model in (
            (treatment.conditions, Condition),
            (treatment.locations, Location),
            (treatment.complementary, Treatment),
            (treatment.performed_by, Profession),
            (treatment.articles, Article),
        ):
            added += doubled(manager, model)
        # Symptoms treated, one naming a condition (linked to its page).
        added += doubled(treatment.symptoms, Symptom)
        other = new(Condition)
        treatment.symptoms.add(new(Symptom, see_condition=other))
        added.append(other)
        for position in range(treatment.sections.count() + 2):
            TreatmentSection.objects.create(
                treatment=treatment,
                heading=f"Extra question {position}?",
                slug=f"extra-question-{position}",
                position=50 + position,
                body="More text.",
                bullets="One\nTwo",
                list_kind=TreatmentSection.ListKind.SYMPTOMS,
            )
        return added

    assert_constant(client, treatment.get_absolute_url(), grow)


def test_team_page(client):
    clinicians = []

    def grow():
        added = []
        for profession in list(Profession.objects.published()):
            added += doubled(profession.treatments, Treatment)
        for _ in range(Profession.objects.count()):
            profession = new(Profession)
            clinician = new(Clinician, profession=profession)
            clinicians.append(clinician)
            added += [profession, *doubled(clinician.clinics, Location)]
        return added

    # One clinician from the start, so the first count already reads their
    # clinics (none ship: an empty prefetch costs nothing).
    clinicians.append(
        new(Clinician, profession=Profession.objects.get(slug="chiropractor"))
    )
    assert_constant(client, "/team/", grow)
    html = client.get("/team/").content.decode()
    assert all(f'id="{clinician.slug}"' in html for clinician in clinicians)


def test_article_page(client):
    article = Article.objects.get(slug="what-is-spinal-manipulation")

    def grow():
        return doubled(article.conditions, Condition) + doubled(
            article.treatments, Treatment
        )

    assert_constant(client, article.get_absolute_url(), grow)


def test_location_page(client):
    location = save_clinic(
        "Mesa", "85201", hours=dict.fromkeys(range(3), ("09:00", "17:00"))
    )
    location.opening_hours.filter(weekday__gte=3).delete()

    def grow():
        for weekday in range(3, 7):
            OpeningHours.objects.create(
                location=location, weekday=weekday, opens=time(8), closes=time(17)
            )
        return doubled(location.treatments, Treatment)

    assert_constant(client, location.get_absolute_url(), grow)


@pytest.mark.parametrize(
    "model, slug",
    [
        (RootCause, "pins-and-needles"),
        (RiskFactor, "age"),
        (Symptom, "skin-redness"),
        (BodyArea, "lower-back"),
    ],
)
def test_tag_pages(client, model, slug):
    tag = model.objects.get(slug=slug)

    def grow():
        added = doubled(tag.conditions, Condition)
        if model is Symptom:  # its page lists the treatments for it too
            added += doubled(tag.treatments, Treatment)
        return added

    assert_constant(client, tag.get_absolute_url(), grow)


@pytest.mark.parametrize(
    "url, model",
    [
        ("/conditions/", Condition),
        ("/treatments/", Treatment),
        ("/locations/", Location),
        ("/health-library/", Article),
    ],
)
def test_list_pages(client, url, model):
    def grow():
        return [new(model) for _ in range(model.objects.published().count())]

    assert_constant(client, url, grow)


def test_home_page(client):
    def grow():
        # The home page shows the first few conditions and treatments A to Z
        # (test_pagination.py has the bounds): these sort first.
        first = [
            new(model, name=f"A {n} extra {model.__name__}")
            for model, bound in ((Condition, HOME_CONDITIONS), (Treatment, 2))
            for n in range(bound)
        ]
        return first + [
            new(model)
            for model in (Location, BodyArea, Profession)
            for _ in range(model.objects.published().count())
        ]

    assert_constant(client, "/", grow)


def test_where_does_it_hurt_page(client):
    def grow():
        added = [new(BodyArea) for _ in range(BodyArea.objects.published().count())]
        for area in BodyArea.objects.published():
            doubled(area.conditions, Condition)
        return added

    assert_constant(client, "/where-it-hurts/", grow)


def test_search_results(client):
    """Every published record is a candidate; more records, same queries."""

    def grow():
        return [
            new(model)
            for model in (
                Condition,
                Treatment,
                Location,
                RootCause,
                Symptom,
                Profession,
                Article,
            )
            for _ in range(2)  # 15 in all: one page of results (20)
        ]

    new(Condition)  # so the first count already has a result to render
    # The day's first search for the words makes its count's row; later
    # ones update it (pages.searchlog): count after the row exists.
    client.get("/search/?q=extra")
    # After a content change the search index is built again: a query or two
    # per kind of page and list (synonyms, promotions and urgent help too),
    # however many records there are; later searches read none of it.
    assert_constant(client, "/search/?q=extra", grow, budget=36)


def test_nearest_clinics(client):
    def grow():
        return [new(Location) for _ in range(Location.objects.published().count())]

    assert_constant(client, "/locations/?near=85050", grow)
