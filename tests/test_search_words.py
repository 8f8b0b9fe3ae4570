"""Search that understands patients (issue 16): spelling suggestions,
synonyms and promoted pages staff edit, conditions first, a snippet on every
result, near-identical tags as one, urgent help for emergency words. (Results
a page at a time: tests/test_pagination.py.)"""

import re

import pytest

from pages.models import Promotion, Synonym
from pages.searchwords import URGENT_WORDS

from .conftest import parse
from .test_search import SPASMS_URL, result_links

pytestmark = pytest.mark.django_db


def results_html(client, query, **params):
    html = client.get("/search/", {"q": query, **params}).content.decode()
    start = html.find('<ol class="results"')
    return "" if start < 0 else html[start : html.find("</ol>", start)]


def test_a_misspelling_offers_the_sites_own_word_in_one_click(client):
    page = parse(client.get("/search/", {"q": "spams"}))
    assert "Did you mean spasms?" in page.main_text
    assert "/search/?q=spasms" in page.links
    assert result_links(client, "spasms")[0] == SPASMS_URL


def test_a_word_the_site_knows_gets_no_suggestion(client):
    assert "Did you mean" not in parse(client.get("/search/", {"q": "spasm"})).main_text


@pytest.mark.parametrize(
    ("words", "finds"),
    [
        ("cramp", SPASMS_URL),
        ("cramps", SPASMS_URL),
        ("pinched nerve", "/root-causes/nerve-compression/"),
        ("low back", "/where-it-hurts/lower-back/"),
    ],
)
def test_patients_words_reach_the_clinics_pages(client, words, finds):
    assert finds in result_links(client, words)[:3]


def test_every_shipped_synonym_points_at_words_the_site_uses(client):
    # The Spanish ones: tests/test_search_spanish.py (against the shipped
    # Spanish text, which the Spanish pages show once content is translated).
    synonyms = list(Synonym.objects.filter(language="en"))
    assert {s.words for s in synonyms} >= {"cramp", "pinched nerve", "low back"}
    for synonym in synonyms:
        assert result_links(client, synonym.means), synonym.means


def test_conditions_rank_above_treatments_for_a_symptom_word(client):
    links = result_links(client, "spasm")
    assert links[0] == SPASMS_URL
    assert links.index("/conditions/neck-pain/") < links.index(
        "/treatments/weight-loss/"
    )


@pytest.mark.parametrize(
    "query",
    ["sciatica", "numbness", "pain", "nerve compression", "functional medicine"],
)
def test_every_result_has_a_snippet(client, query):
    items = results_html(client, query).split("<li>")[1:]
    assert items
    for item in items:
        snippet = re.search(r"</a>\s*<p>(.*?)</p>", item, re.S)
        assert snippet and re.sub(r"<[^>]+>", "", snippet.group(1)).strip(), item


def test_a_page_with_little_text_shows_what_it_lists_or_says_so(client):
    # Leg Pain (a root cause) has no description: its page lists Sciatica.
    html = results_html(client, "leg pain")
    item = html[html.find('href="/root-causes/leg-pain/"') :].split("</li>")[0]
    assert "Conditions: Sciatica." in item
    # A treatment published with no text and no links yet says so.
    from base.models import Status
    from treatments.models import Treatment

    Treatment.objects.create(
        name="Zephyr Therapy", slug="zephyr-therapy", status=Status.PUBLISHED
    )
    html = results_html(client, "zephyr")
    item = html[html.find('href="/treatments/zephyr-therapy/"') :]
    assert "We have not written this page up yet" in item.split("</li>")[0]


def test_tags_with_the_same_meaning_are_one_result_linking_the_others(client):
    links = result_links(client, "numbness")
    tags = [
        "/root-causes/numbness/",
        "/root-causes/numbness-tingling/",
        "/symptoms/numbness-or-tingling/",
    ]
    assert links.count(tags[0]) == 1
    assert all(tag in links for tag in tags)  # the others, linked under it
    html = results_html(client, "numbness")
    assert (
        html.count('<p class="eyebrow">Root cause')
        + html.count('<p class="eyebrow">Symptom')
        == 1
    )


@pytest.mark.parametrize(
    "query", [*URGENT_WORDS, "can't pee", "Chest pains", "my legs are numb"]
)
def test_emergency_words_show_urgent_help_above_every_result(client, query):
    html = client.get("/search/", {"q": query}).content.decode()
    main = html[html.find("<main") :]
    assert "Call 911" in main
    assert 'href="/urgent-help/"' in main
    results = main.find('<ol class="results"')
    assert results < 0 or main.find("Call 911") < results


@pytest.mark.parametrize("query", ["spasm", "back pain", "neck"])
def test_other_searches_show_no_urgent_help(client, query):
    assert "Call 911 or go" not in parse(client.get("/search/", {"q": query})).main_text


def promote(editor_client, words, url, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/pages/promotion/add/",
            {"words": words, "url": url, "language": "en"},
        )
    assert response.status_code == 302, response.content.decode()[:3000]


def test_a_promoted_page_comes_first_for_its_words_even_from_the_cache(
    client, editor_client, django_capture_on_commit_callbacks
):
    from django.test import Client

    anonymous = Client()
    assert result_links(anonymous, "xylophone") == []  # now in the page cache
    promote(
        editor_client,
        "Xylophone",
        "/treatments/massage-therapy/",
        django_capture_on_commit_callbacks,
    )
    response = anonymous.get("/search/", {"q": "xylophone"})
    assert response["X-Page-Cache"] == "miss"  # the save made the cache stale
    assert result_links(anonymous, "xylophone")[0] == "/treatments/massage-therapy/"
    assert "Suggested by the clinic" in parse(response).main_text
    assert result_links(anonymous, "massage")[0] == "/treatments/massage-therapy/"


def test_a_synonym_staff_add_is_used_by_the_next_search(
    editor_client, django_capture_on_commit_callbacks
):
    from django.test import Client

    anonymous = Client()
    assert SPASMS_URL not in result_links(anonymous, "charley horse")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/pages/synonym/add/",
            {"words": "charley horse", "means": "spasm", "language": "en"},
        )
    assert response.status_code == 302
    assert result_links(anonymous, "charley horse")[0] == SPASMS_URL
    assert Synonym.history.filter(words="charley horse").exists()


def test_a_synonym_for_words_the_site_never_uses_is_refused(editor_client):
    response = editor_client.post(
        "/admin/pages/synonym/add/",
        {"words": "ouch", "means": "xylophone", "language": "en"},
    )
    assert response.status_code == 200
    assert "finds no page on the site yet" in response.content.decode()
    assert not Synonym.objects.filter(words="ouch").exists()


def test_a_promotion_offers_only_published_pages(editor_client):
    html = editor_client.get("/admin/pages/promotion/add/?words=spams").content.decode()
    assert 'value="spams"' in html  # prefilled from the address
    assert 'value="/conditions/sciatica/"' in html
    assert 'value="/admin/' not in html
    response = editor_client.post(
        "/admin/pages/promotion/add/",
        {"words": "x", "url": "https://evil.example/", "language": "en"},
    )
    assert response.status_code == 200
    assert not Promotion.objects.exists()
