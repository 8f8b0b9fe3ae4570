"""Site search: ranked, highlighted, forgiving, and never an error."""

import pytest

from base.models import Status
from conditions.models import Condition
from pages.search import clean_query, highlight, query_stems, search
from treatments.models import Treatment

from .clinics import save_clinic
from .conftest import parse

pytestmark = pytest.mark.django_db

SPASMS_URL = "/conditions/back-muscle-spasms/"


def result_links(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    start = html.find('<ol class="results">')
    return [] if start < 0 else parse_links(html[start : html.find("</ol>", start)])


def parse_links(fragment):
    from .conftest import PageParser

    parser = PageParser()
    parser.feed(fragment)
    return parser.links


@pytest.mark.parametrize(
    "query",
    ["spasm", "spasms", "Spasms", "muscle spasm", "back spasm", "back spasms"],
)
def test_near_misses_find_back_and_muscle_spasms_first(client, query):
    assert result_links(client, query)[0] == SPASMS_URL


def test_a_name_match_ranks_above_a_text_match(client):
    # "Chiropractors" is in the spasms page's text; "Chiropractic" is a name.
    links = result_links(client, "chiropractic")
    assert links[0] == "/treatments/chiropractic/"
    assert SPASMS_URL in links[1:]


def test_every_kind_of_page_is_searched(client):
    assert "/treatments/massage-therapy/" in result_links(client, "massage")
    assert "/where-it-hurts/lower-back/" in result_links(client, "lower back")
    assert "/risk-factors/obesity/" in result_links(client, "obesity")
    assert "/root-causes/bone-spurs/" in result_links(client, "bone spurs")
    assert "/locations/desert-ridge/" in result_links(client, "north phoenix")
    save_clinic("Tempe", "85281", street_address="100 E Example St")
    assert "/locations/tempe/" in result_links(client, "tempe")
    assert "/locations/tempe/" in result_links(client, "85281")


def test_a_root_cause_that_is_a_condition_gives_one_result_for_that_page(client):
    # "Muscle Spasms" (root cause of Neck Pain) links to the spasms page.
    links = result_links(client, "spasms")
    assert links.count(SPASMS_URL) == 1


def test_a_condition_is_found_by_what_it_lists(client):
    # Sciatica's page lists "Numbness" among its root causes.
    assert "/conditions/sciatica/" in result_links(client, "numbness")


def test_matches_are_highlighted(client):
    html = client.get("/search/", {"q": "spasms"}).content.decode()
    assert "<mark>Spasms</mark>" in html


def test_near_miss_message_when_no_page_has_every_word(client):
    response = client.get("/search/", {"q": "neck pizza"})
    text = parse(response).main_text
    assert "No page matched every word" in text
    assert "/conditions/neck-pain/" in result_links(client, "neck pizza")


def test_drafts_are_not_found(client):
    Condition.objects.filter(slug="back-muscle-spasms").update(status=Status.DRAFT)
    Treatment.objects.filter(slug="chiropractic").update(status=Status.DRAFT)
    assert SPASMS_URL not in result_links(client, "spasms")
    assert "/treatments/chiropractic/" not in result_links(client, "chiropractic")


def test_nothing_found_is_a_helpful_page(client):
    response = client.get("/search/", {"q": "xylophone"})
    page = parse(response)
    assert "Sorry, nothing matched “xylophone”" in page.main_text
    assert "/conditions/" in page.links
    assert "/where-it-hurts/" in page.links


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "the and of",  # only stop words
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "' OR 1=1; DROP TABLE conditions_condition; --",
        "spasm\x00",
        "\x00\x01\x02",
        "%",
        "_",
        "\\",
        "{{ 7*7 }} {% debug %}",
        "脊椎 痛み",
        "😖 back",
        "\u202eevil",
        "ǅ ﬁ ⅷ",
        "a" * 10000,
        "spasm " * 500,
    ],
)
def test_odd_and_hostile_queries_get_a_friendly_page(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    page = parse(response)
    assert page.h1_count == 1
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "49" not in page.main_text  # templates never evaluated the query


def test_a_very_long_query_is_cut_short_and_says_so(client):
    response = client.get("/search/", {"q": "spasm " + "x" * 500})
    text = parse(response).main_text
    assert "we used its first 100 characters" in text
    assert "x" * 101 not in text


def test_query_cleaning():
    assert clean_query("  back\x00  spasm\n ") == ("back spasm", False)
    assert clean_query("ﬁ")[0] == "fi"  # unicode compatibility forms folded
    assert clean_query("a" * 150) == ("a" * 100, True)
    assert query_stems("The spasms of my back") == ["spasm", "back"]


def test_highlight_escapes_before_marking():
    html = highlight("<b>Spasm</b> & spasms", ["spasm"])
    assert html == ("&lt;b&gt;<mark>Spasm</mark>&lt;/b&gt; &amp; <mark>spasms</mark>")
    # A query word never marks inside an escaped entity.
    assert highlight("a & b", ["amp"]) == "a &amp; b"


def test_a_name_with_markup_is_shown_as_text(client):
    Condition.objects.filter(slug="sciatica").update(name="<i>Sciatica</i>")
    html = client.get("/search/", {"q": "sciatica"}).content.decode()
    assert "&lt;i&gt;<mark>Sciatica</mark>&lt;/i&gt;" in html
    assert "<i>Sciatica" not in html


def test_search_results_never_leave_the_site():
    for result in search("back")[0]:
        assert result.url.startswith("/")


def test_every_page_has_a_search_form_that_works_without_javascript(client):
    for url in ["/", SPASMS_URL, "/locations/", "/search/?q=back"]:
        html = client.get(url).content.decode()
        assert '<form class="header-search" action="/search/" method="get"' in html
        assert '<label for="header-q"' in html


def test_search_reads_the_pages_once_per_content_version(
    settings, django_capture_on_commit_callbacks
):
    """The index of every published page is built once and kept until the
    content changes; a change is in the next search."""
    from .test_cache import content_queries

    settings.PAGE_CACHE_SECONDS = 0  # what the page cache would hide
    search("spasm")
    with content_queries() as queries:
        results, _ = search("spasm")
    assert queries == []
    assert SPASMS_URL in [r.url for r in results]

    with django_capture_on_commit_callbacks(execute=True):
        spasms = Condition.objects.get(slug="back-muscle-spasms")
        spasms.status = Status.DRAFT
        spasms.save()
    results, _ = search("spasm")
    assert SPASMS_URL not in [r.url for r in results]


def test_a_change_being_saved_is_searched_afresh():
    """Inside the saving transaction the version is pending: no index is
    kept, so what search shows is what the database holds."""
    search("spasm")
    Condition.objects.filter(slug="sciatica").update(name="Sciatica renamed")
    spasms = Condition.objects.get(slug="back-muscle-spasms")
    spasms.name = "Back spasms renamed"
    spasms.save()
    names = [r.name for r in search("renamed")[0]]
    assert "Back spasms renamed" in names
