"""What a page lists, at its edges: only published records, each once, as
many as the page promises. Each test here was written against a fault
planted by hand that the rest of the suite let through (docs/testing.md)."""

import pytest

from articles.models import Article
from base.models import Status
from conditions.models import Condition, RootCause
from locations.models import Location
from team.models import Clinician, Profession
from treatments.models import Treatment

from .clinics import save_clinic
from .conftest import parse

pytestmark = pytest.mark.django_db

SPASMS = "/conditions/back-muscle-spasms/"


def unpublish(record):
    record.status = Status.DRAFT
    record.save()


def main_links(response):
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    parser = parse(response)
    return [link for link in parser.links if link in main], parser


def test_a_draft_treatment_is_neither_linked_nor_described_on_a_condition_page(
    client,
):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    links = list(condition.condition_treatments.select_related("treatment"))
    described = next(link for link in links if link.text)
    treatment = described.treatment
    before, _ = main_links(client.get(SPASMS))
    assert treatment.get_absolute_url() in before
    unpublish(treatment)
    after, page = main_links(client.get(SPASMS))
    assert treatment.get_absolute_url() not in after
    assert described.text[:60] not in page.main_text
    # The others are still there.
    others = [link.treatment for link in links if link.treatment != treatment]
    assert others and all(t.get_absolute_url() in after for t in others)


@pytest.fixture
def two_treatments():
    """Two published treatments of Back + Muscle Spasms."""
    condition = Condition.objects.get(slug="back-muscle-spasms")
    treatments = [
        ct.treatment
        for ct in condition.condition_treatments.select_related("treatment")
        if ct.treatment.is_published
    ]
    assert len(treatments) >= 2
    return [t.slug for t in treatments[:2]]


def test_a_clinic_offering_two_of_a_conditions_treatments_is_listed_once(
    client, two_treatments
):
    save_clinic("Desert Ridge", slug="desert-ridge", treatments=two_treatments)
    links, _ = main_links(client.get(SPASMS))
    assert links.count("/locations/desert-ridge/") == 1


def test_a_draft_clinic_is_on_no_condition_or_treatment_page(client, two_treatments):
    save_clinic(
        "Desert Ridge", slug="desert-ridge", treatments=two_treatments, status="draft"
    )
    treatment = Treatment.objects.get(slug=two_treatments[0])
    for url in (SPASMS, treatment.get_absolute_url()):
        links, page = main_links(client.get(url))
        assert "/locations/desert-ridge/" not in links, url
        assert "Desert Ridge" not in page.main_text, url


def test_a_tag_standing_for_a_draft_condition_links_to_its_own_page(client):
    """A root cause that is itself a condition links to that condition's page,
    unless the condition is a draft: then to the cause's own page, never to
    a page that answers "not found"."""
    cause = RootCause.objects.published().exclude(see_condition=None).first()
    assert cause is not None
    target = cause.see_condition
    page = next(c for c in cause.conditions.published() if c != target)
    links, _ = main_links(client.get(page.get_absolute_url()))
    assert target.get_absolute_url() in links
    unpublish(target)
    links, _ = main_links(client.get(page.get_absolute_url()))
    assert target.get_absolute_url() not in links
    assert cause.get_absolute_url() in links
    assert client.get(cause.get_absolute_url()).status_code == 200


def test_the_home_page_shows_the_three_newest_articles(client):
    articles = list(Article.objects.published())
    assert len(articles) > 3  # so the limit is seen
    links, _ = main_links(client.get("/"))
    shown = [a for a in articles if a.get_absolute_url() in links]
    assert shown == articles[:3]


def test_an_article_links_only_published_conditions_and_treatments(client):
    article = Article.objects.published().exclude(conditions=None).first()
    condition = article.conditions.first()
    unpublish(condition)
    links, _ = main_links(client.get(article.get_absolute_url()))
    assert condition.get_absolute_url() not in links


def test_the_team_page_names_only_published_clinics_of_a_clinician(client):
    save_clinic("Desert Ridge", slug="desert-ridge")
    draft = save_clinic("Mesa", slug="mesa", status="draft")
    clinician = Clinician.objects.create(
        name="Pat Example",
        slug="pat-example",
        profession=Profession.objects.get(slug="chiropractor"),
        status=Status.PUBLISHED,
    )
    clinician.clinics.add(draft, Location.objects.get(slug="desert-ridge"))
    links, page = main_links(client.get("/team/"))
    assert "/locations/desert-ridge/" in links
    assert "/locations/mesa/" not in links
    assert "Mesa" not in page.main_text


def test_previewing_a_profession_shows_no_draft_clinician(admin_client):
    """The preview of one draft shows that record as the public would see the
    rest of the page: another draft (a clinician) stays hidden."""
    profession = Profession.objects.get(slug="chiropractor")
    # A draft clinician whose id is the profession's: the one a preview that
    # mixed up the two kinds of record would let through.
    Clinician.objects.create(
        pk=profession.pk, name="Pat Example", slug="pat-example", profession=profession
    )
    response = admin_client.get(f"/preview/team/profession/{profession.pk}/")
    assert response.status_code == 200
    assert "Pat Example" not in parse(response).main_text


def test_a_treatment_written_up_to_exactly_120_words_is_indexable(client):
    """Fewer than 120 words of its own: kept out of search engines. Exactly
    120: a written-up page, in the sitemap."""
    treatment = Treatment.objects.get(slug="pens")
    treatment.description = ""
    own = treatment.word_count
    treatment.description = " ".join(["word"] * (119 - own))
    treatment.save()
    page = parse(client.get("/treatments/pens/"))
    assert page.meta.get("robots") == "noindex"
    treatment.description += " word"
    treatment.save()
    page = parse(client.get("/treatments/pens/"))
    assert "robots" not in page.meta
    assert "/treatments/pens/" in client.get("/sitemap.xml").content.decode()
