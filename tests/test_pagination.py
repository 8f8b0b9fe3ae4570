"""Every list is bounded: long lists come in pages with plain `?page=N`
links, blocks show a few with a link to all, the A to Z and the sitemap split,
and no public page outgrows its budget however much content the site has."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.views import ARTICLES_PER_PAGE, READ_MORE
from base.models import Status
from base.sitemaps import URLS_PER_SITEMAP
from conditions.models import BodyArea, Condition
from conditions.views import (
    AREA_CONDITION_NAMES,
    CONDITIONS_PER_PAGE,
    HOME_CONDITIONS,
    TAG_CONDITIONS_PER_PAGE,
)
from locations.models import Location
from locations.views import LOCATIONS_PER_PAGE
from pages.views import SearchView
from treatments.models import Treatment
from treatments.views import PAGE_CONDITIONS, PAGE_LOCATIONS

pytestmark = pytest.mark.django_db

LIBRARY = "/health-library/"
SITE = "http://testserver"
BUDGET_BYTES = 150 * 1024


def grow(articles=0, conditions=0):
    call_command(
        "grow_content", articles=articles, conditions=conditions, throwaway=True
    )


def article_links(html):
    return set(re.findall(r'href="(/health-library/[\w-]+/)"', html)) - {LIBRARY}


def test_the_library_comes_in_pages_that_together_list_every_article(client):
    grow(articles=2 * ARTICLES_PER_PAGE + 5)
    total = Article.objects.published().count()
    seen = []
    url = LIBRARY
    for _ in range(total // ARTICLES_PER_PAGE + 1):  # next, next, ... to the end
        if not url:
            break
        html = client.get(url).content.decode()
        links = article_links(html)
        assert 0 < len(links) <= ARTICLES_PER_PAGE
        seen += links
        following = re.search(r'<a rel="next" href="([^"]+)"', html)
        url = following and following.group(1).replace("&amp;", "&")
    assert not url, "the last page still links to a next one"
    assert len(seen) == len(set(seen)) == total


def test_page_links_are_plain_crawlable_and_announced(client):
    grow(articles=2 * ARTICLES_PER_PAGE)
    first = client.get(LIBRARY).content.decode()
    assert '<a rel="next" href="/health-library/?page=2">' in first
    assert 'rel="prev"' not in first
    assert 'aria-current="page"' in first
    assert '<nav class="pagination" aria-label="Pages of this list">' in first
    second = client.get(LIBRARY + "?page=2").content.decode()
    # Page 1 is the list's own address, never a ?page=1 twin.
    assert '<a rel="prev" href="/health-library/">' in second
    assert '<a rel="next" href="/health-library/?page=3">' in second
    assert f'<link rel="canonical" href="{SITE}/health-library/?page=2">' in second
    assert f'<link rel="canonical" href="{SITE}/health-library/">' in first
    assert "Page 2 of 3" in second


@pytest.mark.parametrize("page", ["4", "0", "-1", "abc", "1.5", "9" * 30, "last"])
def test_a_page_number_out_of_range_is_the_branded_404(client, page):
    grow(articles=2 * ARTICLES_PER_PAGE)
    response = client.get(f"{LIBRARY}?page={page}")
    assert response.status_code == 404
    assert "can’t find that page" in response.content.decode()


def test_each_page_is_cached_on_its_own(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        grow(articles=2 * ARTICLES_PER_PAGE)
    assert client.get(LIBRARY)["X-Page-Cache"] == "miss"
    second = client.get(LIBRARY + "?page=2")
    assert second["X-Page-Cache"] == "miss"
    again = client.get(LIBRARY + "?page=2&utm_source=newsletter")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == second.content
    assert client.get(LIBRARY)["X-Page-Cache"] == "hit"
    assert article_links(second.content.decode()).isdisjoint(
        article_links(client.get(LIBRARY).content.decode())
    )


def test_a_body_area_page_lists_its_conditions_in_pages(client):
    area = BodyArea.objects.get(slug="lower-back")
    extra = [
        Condition.objects.create(
            name=f"Zz extra {n}", slug=f"zz-extra-{n}", status=Status.PUBLISHED
        )
        for n in range(TAG_CONDITIONS_PER_PAGE + 3)
    ]
    area.conditions.add(*extra)
    total = area.conditions.published().count()
    url = area.get_absolute_url()
    first = client.get(url).content.decode()
    second = client.get(url + "?page=2").content.decode()
    cards = re.compile(r'<h3 class="card-title"><a href="(/conditions/[\w-]+/)">')
    on_first, on_second = cards.findall(first), cards.findall(second)
    assert len(on_first) == TAG_CONDITIONS_PER_PAGE
    assert len(set(on_first + on_second)) == total
    assert f"1 to {TAG_CONDITIONS_PER_PAGE} of {total} conditions" in first
    assert client.get(url + "?page=3").status_code == 404


def test_the_a_to_z_splits_and_every_letter_still_leads_to_its_conditions(client):
    grow(conditions=CONDITIONS_PER_PAGE + 20)
    first = client.get("/conditions/").content.decode()
    letters = dict(
        re.findall(r'<li><a href="([^"]*#letter-(\w))">\w</a></li>', first)[::-1]
    )
    cards = re.findall(r'<h3 class="card-title">', first)
    assert len(cards) == CONDITIONS_PER_PAGE
    # A letter whose conditions start on a later page links there.
    names = [c.name for c in Condition.objects.published().order_by("name")]
    last = names[-1][0].upper()
    starts = next(i for i, name in enumerate(names) if name[0].upper() == last)
    page = starts // CONDITIONS_PER_PAGE + 1
    assert page > 1
    href = next(h for h, letter in letters.items() if letter == last)
    assert href == f"/conditions/?page={page}#letter-{last}"
    later = client.get(f"/conditions/?page={page}").content.decode()
    assert f'id="letter-{last}"' in later


def test_the_a_to_z_letters_follow_a_new_condition_at_once(client):
    """The letters are worked out once per content version: a condition
    staff publish under a new letter is in the letter bar at the next
    visit, linked to its page."""
    grow(conditions=CONDITIONS_PER_PAGE + 20)

    def letters():
        html = client.get("/conditions/").content.decode()
        return dict(re.findall(r'<li><a href="([^"]*#letter-(\w))">', html))

    assert "Q" not in letters().values()
    Condition.objects.create(
        name="Quadratus Strain", slug="quadratus-strain", status=Status.PUBLISHED
    )
    href = next(h for h, letter in letters().items() if letter == "Q")
    names = [c.name for c in Condition.objects.published().order_by("name")]
    page = names.index("Quadratus Strain") // CONDITIONS_PER_PAGE + 1
    assert href.endswith(f"page={page}#letter-Q") or (page == 1 and href == "#letter-Q")


def test_read_more_shows_a_few_and_links_to_all_in_pages(client):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    for n in range(ARTICLES_PER_PAGE + 3):
        article = Article.objects.create(
            name=f"About spasms {n}",
            slug=f"about-spasms-{n}",
            summary="Words.",
            body="Words.",
            status=Status.PUBLISHED,
        )
        article.conditions.add(condition)
    total = condition.articles.published().count()
    html = client.get(condition.get_absolute_url()).content.decode()
    read_more = html[html.index('id="read-more-heading"') :]
    assert len(article_links(read_more)) == READ_MORE
    link = re.search(
        r'<a class="action-link" href="([^"]+)">.*?<span>([^<]+)</span></a>',
        read_more,
        re.DOTALL,
    )
    assert link.group(1) == f"/health-library/conditions/{condition.slug}/"
    assert link.group(2) == f"All {total} articles about Back + Muscle Spasms"
    all_page = client.get(f"/health-library/conditions/{condition.slug}/")
    assert len(article_links(all_page.content.decode())) == ARTICLES_PER_PAGE
    rest = client.get(f"/health-library/conditions/{condition.slug}/?page=2")
    assert len(article_links(rest.content.decode())) == total - ARTICLES_PER_PAGE
    assert client.get("/health-library/conditions/no-such/").status_code == 404


def test_conditions_it_helps_shows_a_few_and_links_to_all(client):
    treatment = Treatment.objects.get(slug="physical-therapy")
    grow(conditions=PAGE_CONDITIONS + 5)
    treatment.conditions.add(*Condition.objects.filter(slug__startswith="generated-"))
    total = treatment.conditions.published().count()
    html = client.get(treatment.get_absolute_url()).content.decode()
    helps = html[html.index('id="helps-heading"') :]
    helps = helps[: helps.index("</section>")]
    assert helps.count('<li><a href="/conditions/') == PAGE_CONDITIONS
    assert 'href="/treatments/physical-therapy/conditions/"' in helps
    all_page = client.get("/treatments/physical-therapy/conditions/").content.decode()
    listed = all_page[all_page.index("<h1") :]
    listed = listed[: listed.index("</ul>")]
    assert listed.count('<li><a href="/conditions/') == total


def test_home_blocks_stay_bounded(client):
    grow(articles=50, conditions=40)
    html = client.get("/").content.decode()
    block = html[html.index('id="conditions-heading"') :]
    block = block[: block.index("</section>")]
    assert block.count('class="card-title"') == HOME_CONDITIONS
    assert 'href="/conditions/"' in block


def test_sitemap_becomes_an_index_of_paged_sections_when_large(client):
    grow(articles=URLS_PER_SITEMAP + 10)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    sitemaps = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    assert f"{SITE}/sitemap-article.xml" in sitemaps
    assert f"{SITE}/sitemap-article.xml?p=2" in sitemaps
    urls = 0
    for location in sitemaps:
        response = client.get(location.removeprefix(SITE))
        assert response.status_code == 200, location
        found = ET.fromstring(response.content).findall("s:url", ns)  # noqa: S314
        assert len(found) <= URLS_PER_SITEMAP
        urls += len(found)
    assert urls > URLS_PER_SITEMAP
    # One page past the article section's last (each address is listed in
    # both languages, so there are more pages than articles / 1,000).
    last = max(
        int(location.partition("?p=")[2] or 1)
        for location in sitemaps
        if "/sitemap-article.xml" in location
    )
    assert last >= 2
    assert client.get(f"/sitemap-article.xml?p={last + 1}").status_code == 404


def test_no_public_page_outgrows_its_budget_on_the_grown_site(client):
    """The issue's grown site: 3,000 more articles, 300 more conditions."""
    grow(articles=3000, conditions=300)
    for url in [
        "/",
        LIBRARY,
        LIBRARY + "?page=2",
        "/conditions/",
        "/conditions/back-muscle-spasms/",
        "/treatments/physical-therapy/",
        "/where-it-hurts/",
        "/where-it-hurts/lower-back/",
        "/symptoms/skin-redness/",
        "/health-library/conditions/back-muscle-spasms/",
        "/sitemap.xml",
        "/search/?q=pain",
        "/search/?q=spasm",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.content) < BUDGET_BYTES, (url, len(response.content))


def test_where_does_it_hurt_names_a_few_conditions_per_area_and_counts_the_rest(
    client,
):
    area = BodyArea.objects.get(slug="lower-back")
    area.conditions.add(
        *[
            Condition.objects.create(
                name=f"Zz extra {n}", slug=f"zz-extra-{n}", status=Status.PUBLISHED
            )
            for n in range(AREA_CONDITION_NAMES + 4)
        ]
    )
    total = area.conditions.published().count()
    html = client.get("/where-it-hurts/").content.decode()
    item = html[html.index(f'<a href="{area.get_absolute_url()}">') :]
    names = item[item.index('<span class="meta">') : item.index("</span>")]
    assert names.endswith(f", and {total - AREA_CONDITION_NAMES} more")
    assert names.count(", ") == AREA_CONDITION_NAMES


def test_where_it_is_offered_shows_a_few_clinics_and_links_to_all(client):
    treatment = Treatment.objects.get(slug="physical-therapy")
    treatment.locations.add(
        *[
            Location.objects.create(
                name=f"Zz clinic {n}",
                slug=f"zz-clinic-{n}",
                postal_code="85050",
                status=Status.PUBLISHED,
            )
            for n in range(PAGE_LOCATIONS + 1)
        ]
    )
    html = client.get(treatment.get_absolute_url()).content.decode()
    offered = html[html.index('id="offered-heading"') :]
    offered = offered[: offered.index("</section>")]
    assert offered.count('<li class="card">') == PAGE_LOCATIONS
    assert 'href="/locations/?treatment=physical-therapy"' in offered


def many_clinics(count):
    """`count` published clinics due north of ZIP 85050's center, the
    n-th one n hundredths of a degree away (so n-th nearest), named so
    that A to Z is the other way round."""
    return [
        Location.objects.create(
            name=f"Zz clinic {count - n:03}",
            slug=f"zz-clinic-{n:03}",
            position_is_custom=True,
            latitude=Decimal("33.70") + Decimal(n) / 100,
            longitude=Decimal("-111.99"),
            status=Status.PUBLISHED,
        )
        for n in range(count)
    ]


def clinic_links(html):
    return re.findall(r'<li class="card">\s*<a href="(/locations/[\w-]+/)">', html)


def all_pages(client, url):
    """The clinics on every page, following rel="next" from `url`."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        pages.append(clinic_links(html))
        following = re.search(r'<a rel="next" href="([^"]+)"', html)
        url = following and following.group(1).replace("&amp;", "&")
        assert len(pages) <= 10, "the pages never end"
    return pages


def test_the_clinic_list_comes_in_pages_that_together_list_every_clinic(client):
    many_clinics(LOCATIONS_PER_PAGE + 3)
    pages = all_pages(client, "/locations/")
    assert len(pages) == 2
    assert len(pages[0]) == LOCATIONS_PER_PAGE
    seen = pages[0] + pages[1]
    expected = [c.get_absolute_url() for c in Location.objects.published()]
    assert seen == expected  # A to Z, each clinic once
    second = client.get("/locations/?page=2").content.decode()
    assert '<a rel="prev" href="/locations/">' in second
    assert "Page 2 of 2" in second
    assert f'<link rel="canonical" href="{SITE}/locations/?page=2">' in second


def test_the_finders_pages_go_on_nearest_first_and_keep_its_place(client):
    clinics = many_clinics(LOCATIONS_PER_PAGE + 3)
    treatment = Treatment.objects.get(slug="physical-therapy")
    treatment.locations.add(*clinics)
    url = "/locations/?treatment=physical-therapy&near=85050"
    first = client.get(url).content.decode()
    # The place and the treatment ride along on every page link.
    assert (
        '<a rel="next" href="/locations/?treatment=physical-therapy'
        '&amp;near=85050&amp;page=2">'
    ) in first
    pages = all_pages(client, url)
    seen = pages[0] + pages[1]
    offering = treatment.locations.published()
    assert len(pages[0]) == LOCATIONS_PER_PAGE
    assert len(seen) == offering.count()
    # Nearest first across the pages: page 2 goes on where page 1 stopped.
    assert seen[: len(clinics)] == [c.get_absolute_url() for c in clinics]
    second = client.get(url + "&page=2").content.decode()
    assert "Clinics near 85050" in second
    assert (
        '<a rel="prev" href="/locations/?treatment=physical-therapy&amp;near=85050">'
    ) in second


@pytest.mark.parametrize("page", ["0", "3", "999", "-1", "abc", "1.5", "9" * 30])
def test_a_clinic_page_that_is_not_one_is_the_branded_404(client, page):
    many_clinics(LOCATIONS_PER_PAGE + 3)
    for url in [f"/locations/?page={page}", f"/locations/?near=85050&page={page}"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "can’t find that page" in response.content.decode()


def test_each_page_of_clinics_is_cached_on_its_own(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        many_clinics(LOCATIONS_PER_PAGE + 3)
    pages = {}
    for url in ["/locations/", "/locations/?page=2", "/locations/?near=85050&page=2"]:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        pages[url] = response.content
    again = client.get("/locations/?page=2&utm_source=newsletter")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == pages["/locations/?page=2"]
    near = client.get("/locations/?near=85050&page=2")
    assert near["X-Page-Cache"] == "hit"
    assert near.content == pages["/locations/?near=85050&page=2"]
    assert clinic_links(pages["/locations/?page=2"].decode()) != clinic_links(
        near.content.decode()
    )


# Search results come in pages too, with the same links as every list
# (base/pagination.py, includes/pagination.html), the words kept in each.

RESULT = re.compile(r'<li>\s*<p class="eyebrow">.*?<a href="(/[^"]*)"', re.S)


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(SearchView, "PAGE_SIZE", 5)


def results_of(html):
    start = html.find('<ol class="results"')
    return RESULT.findall(html[start : html.find("</ol>", start)])


def test_search_results_come_in_pages_that_together_list_every_result(
    client, small_pages
):
    first = client.get("/search/?q=pain").content.decode()
    found = int(re.search(r"(\d+) results\.", first).group(1))
    assert found > 10
    seen, url, pages = [], "/search/?q=pain", 0
    while url:
        html = client.get(url).content.decode()
        pages += 1
        on_page = results_of(html)
        assert 0 < len(on_page) <= 5, url
        seen += on_page
        following = re.search(r'<a rel="next" href="([^"]+)"', html)
        url = following and following.group(1).replace("&amp;", "&")
    assert len(seen) == found and pages == -(-found // 5)
    assert f"Page {pages} of {pages}" in html


def test_search_page_links_are_the_lists_own_and_keep_the_words(client, small_pages):
    first = client.get("/search/", {"q": "back pain"}).content.decode()
    assert '<nav class="pagination" aria-label="Pages of this list">' in first
    assert '<a rel="next" href="/search/?q=back+pain&amp;page=2">' in first
    assert 'rel="prev"' not in first
    assert "Page 1 of" in first
    second = client.get("/search/?q=back+pain&page=2").content.decode()
    # Page 1 is the search's own address, never a page=1 twin.
    assert '<a rel="prev" href="/search/?q=back+pain">' in second
    assert '<a rel="next" href="/search/?q=back+pain&amp;page=3">' in second
    assert '<ol class="results" start="6">' in second
    assert re.search(r'<a href="[^"]*" aria-current="page">.*?2</a>', second)
    assert set(results_of(second)).isdisjoint(results_of(first))
    # Search's pages are not pages of their own for search engines.
    assert '<link rel="canonical" href="http://testserver/search/">' in second


def test_search_words_that_look_like_a_parameter_stay_words_in_the_links(
    client, small_pages
):
    html = client.get("/search/", {"q": "pain&page=9"}).content.decode()
    assert '<a rel="next" href="/search/?q=pain%26page%3D9&amp;page=2">' in html


@pytest.mark.parametrize("number", ["999", "0", "-1", "abc", "2.5", "1" * 40])
def test_a_search_page_past_the_end_or_not_a_number_is_not_found(
    client, small_pages, number
):
    response = client.get("/search/", {"q": "pain", "page": number})
    assert response.status_code == 404
    assert "can’t find that page" in response.content.decode()
    again = client.get("/search/", {"q": "pain", "page": number})
    assert again.status_code == 404 and again.get("X-Page-Cache") != "hit"


def test_the_page_cache_keeps_each_page_of_results_apart(client, small_pages):
    first = client.get("/search/?q=pain")
    assert first["X-Page-Cache"] == "miss"
    second = client.get("/search/?q=pain&page=2")
    assert second["X-Page-Cache"] == "miss"
    assert second.content != first.content
    again = client.get("/search/?page=02&q=pain&utm_source=x")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == second.content
    other = client.get("/search/?q=spasm&page=2")
    assert other.status_code == 404 or other.content != second.content
