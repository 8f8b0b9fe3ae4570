"""What a patient sees of the design: the call within reach on a phone, the
first screen of a condition page on a laptop, nothing said twice, nothing
empty, each condition its own illustration, and a light page."""

import itertools
import re
from html.parser import HTMLParser

import pytest

from base.models import Status
from conditions.models import BodyArea, Condition

from .conftest import parse
from .test_accessibility import crawl_page_types
from .test_pages import crawl

CONDITION_URL = "/conditions/back-muscle-spasms/"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}

# Is this element on screen, inside the window, and the topmost thing at its
# centre (not covered by a bar, a banner or anything else)?
REACHABLE = """el => {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) return false;
    if (box.top < 0 || box.bottom > innerHeight) return false;
    if (box.left < 0 || box.right > innerWidth) return false;
    const hit = document.elementFromPoint(box.left + box.width / 2,
                                          box.top + box.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
}"""


def reachable(page, selector):
    """How many elements matching selector a patient can tap right now."""
    return sum(page.locator(selector).evaluate_all(f"els => els.map({REACHABLE})"))


# -- the call within reach on a phone ------------------------------------------


@pytest.mark.browser
def test_a_call_link_is_in_reach_mid_page_and_at_the_bottom_of_every_page_type(
    live_site, browser
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    out_of_reach = {}
    try:
        for path in crawl_page_types(page, live_site.url):
            height = page.evaluate("document.documentElement.scrollHeight")
            for where, y in (("middle", height / 2 - 422), ("bottom", height)):
                page.evaluate(f"window.scrollTo(0, {y})")
                calls = reachable(page, "a[href='tel:+18772225348']")
                call_backs = reachable(page, "a[href='/appointments/request/']")
                if not (calls and call_backs):
                    out_of_reach[f"{path} ({where})"] = (calls, call_backs)
    finally:
        context.close()
    assert out_of_reach == {}


@pytest.mark.browser
def test_the_call_bar_never_hides_the_end_of_the_page(live_site, page):
    page.goto(live_site.url + CONDITION_URL)
    bar = page.locator(".call-bar")
    assert bar.is_visible()
    for link in bar.locator("a").all():
        box = link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    # The last line of the footer is above the bar, not under it.
    assert reachable(page, ".site-footer .small") == 1
    # Printed, the bar is gone (the page's own phone number prints).
    page.emulate_media(media="print")
    assert not bar.is_visible()


@pytest.mark.browser
def test_laptops_get_no_call_bar(live_site, browser):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.goto(live_site.url + CONDITION_URL)
    assert not page.locator(".call-bar").is_visible()
    context.close()


@pytest.mark.browser
def test_a_condition_pages_first_laptop_screen_says_what_it_is_and_who_to_call(
    live_site, browser
):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    try:
        for condition in Condition.objects.published().exclude(definition=""):
            page.goto(live_site.url + condition.get_absolute_url())
            assert reachable(page, "h1") == 1
            assert page.locator("main .lead").inner_text() == condition.definition
            assert reachable(page, "main .lead") == 1, condition
            assert reachable(page, "main a[href='tel:+18772225348']") >= 1, condition
            # The illustration sits beside it, not above it.
            figure = page.locator(".body-figure").bounding_box()
            lead = page.locator("main .lead").bounding_box()
            assert figure["y"] > lead["y"]
    finally:
        context.close()


@pytest.mark.browser
def test_a_condition_pages_first_phone_screen_says_what_it_is(live_site, page):
    page.goto(live_site.url + CONDITION_URL)
    assert reachable(page, "h1") == 1
    assert reachable(page, "main .lead") == 1
    assert reachable(page, ".call-bar a[href^='tel:']") == 1


# -- nothing said twice, nothing empty -----------------------------------------


def sentences(html):
    """The sentences of a page's main content (without its list of
    headings under "On this page"), as a patient reads them."""
    html = re.sub(r'<nav class="on-this-page".*?</nav>', "", html, flags=re.S)
    page = parse_html(html)
    found = re.split(r"(?<=[.!?])\s+", page.main_text)
    return [s.strip() for s in found if len(s.split()) >= 4]


def parse_html(html):
    class Response:
        content = html.encode()

    return parse(Response)


@pytest.mark.django_db
def test_no_condition_page_says_a_sentence_twice(client):
    for condition in Condition.objects.published():
        said = sentences(client.get(condition.get_absolute_url()).content.decode())
        repeated = {s for s in said if said.count(s) > 1}
        assert repeated == set(), condition
    # The statistic and the tip are in the text of the spasms page: once each.
    text = parse(client.get(CONDITION_URL)).main_text
    assert text.count("back spasms will affect 80% of us") == 1
    assert text.count("drink more water especially with added electrolytes") == 1


@pytest.mark.django_db
def test_a_statistic_not_in_the_text_is_a_call_out_of_its_own(client):
    condition = Condition.objects.get(slug="neck-pain")
    condition.statistic = "About one in three adults has neck pain each year."
    condition.statistic_source = "Clinic survey"
    condition.self_care_tip = "Take a break from screens every half hour."
    condition.save()
    page = parse(client.get(condition.get_absolute_url()))
    assert page.main_text.count("About one in three adults") == 1
    assert "Source: Clinic survey" in page.main_text
    assert page.main_text.count("Take a break from screens") == 1
    assert "How common is it?" in page.main_text
    assert "Self-care tip" in page.main_text


class Cards(HTMLParser):
    """Every .card: its link texts and all its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cards, self.depth, self.in_link = [], 0, False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            if tag == "li":
                self.depth += 1
            if tag == "a":
                self.in_link = True
        elif tag == "li" and "card" in classes:
            self.depth = 1
            self.cards.append({"link": "", "text": ""})

    def handle_endtag(self, tag):
        if self.depth and tag == "li":
            self.depth -= 1
        if tag == "a":
            self.in_link = False

    def handle_data(self, data):
        if self.depth:
            self.cards[-1]["text"] += data
            if self.in_link:
                self.cards[-1]["link"] += data


@pytest.mark.django_db
def test_no_card_on_any_page_is_empty(client):
    # A condition with no definition and no body area yet.
    Condition.objects.create(name="Jaw Pain", slug="jaw-pain", status=Status.PUBLISHED)
    empty, seen = [], 0
    for url, response in crawl(client).items():
        parser = Cards()
        parser.feed(response.content.decode())
        for card in parser.cards:
            seen += 1
            title = " ".join(card["link"].split())
            rest = " ".join(card["text"].split()).replace(title, "", 1).strip()
            if not title or not rest:
                empty.append((url, title))
    assert seen > 20
    assert empty == []
    home = parse(client.get("/")).main_text
    # Never a sentence made of field names ("Where you may feel it: ...").
    assert "Where you may feel it:" not in home
    assert (
        "Sciatica Not written up yet: call us to ask how we can help with Sciatica."
        in home
    )
    assert (
        "Jaw Pain Not written up yet: call us to ask how we can help with Jaw Pain."
        in home
    )


# -- each condition its own illustration -----------------------------------------


def figure(client, condition):
    html = client.get(condition.get_absolute_url()).content.decode()
    found = re.search(r'<svg class="body-figure".*?</svg>', html, re.S)
    return found.group(0) if found else None


def lit(svg):
    return re.findall(r'<g class="body-lit">(.*?)</g>', svg)


@pytest.mark.django_db
def test_conditions_with_different_body_areas_have_different_illustrations(client):
    drawn = {}
    for condition in Condition.objects.published():
        areas = frozenset(
            condition.body_areas.published().values_list("slug", flat=True)
        )
        drawn[condition.name] = (areas, figure(client, condition))
    assert len({areas for areas, _ in drawn.values()}) >= 3
    for (a, (areas_a, svg_a)), (b, (areas_b, svg_b)) in itertools.combinations(
        drawn.items(), 2
    ):
        if areas_a != areas_b:
            assert lit(svg_a) != lit(svg_b), (a, b)


@pytest.mark.django_db
def test_neck_pain_lights_the_neck_and_nothing_else(client):
    svg = figure(client, Condition.objects.get(slug="neck-pain"))
    assert "with the neck highlighted" in svg
    neck = 'd="M-8 44h16l3 20h-22z"'
    assert [neck in group for group in lit(svg)] == [True]  # drawn once, lit
    assert lit(svg)[0].count("<path") == 1


@pytest.mark.django_db
def test_a_condition_whose_areas_cannot_be_drawn_shows_no_figure(client):
    condition = Condition.objects.get(slug="neck-pain")
    area = BodyArea.objects.create(
        name="Jaw", slug="jaw", status=Status.PUBLISHED, position=0
    )
    condition.body_areas.set([area])
    assert figure(client, condition) is None
    # The area is still named, as a link.
    assert (
        "/where-it-hurts/jaw/" in parse(client.get(condition.get_absolute_url())).links
    )


# -- a light page ------------------------------------------------------------------


@pytest.mark.browser
def test_condition_page_first_visit_under_100_kb_and_repeat_visit_html_only(
    gunicorn_site, browser
):
    """Bytes on the wire, as the browser counts them, from the production
    set-up (gunicorn, WhiteNoise's compressed, far-future cached files)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    fetched, from_cache = {}, set()
    urls = {}
    cdp.on(
        "Network.requestWillBeSent",
        lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]),
    )
    cdp.on("Network.requestServedFromCache", lambda e: from_cache.add(e["requestId"]))
    cdp.on(
        "Network.loadingFinished",
        lambda e: fetched.__setitem__(e["requestId"], e["encodedDataLength"]),
    )

    def visit():
        fetched.clear()
        from_cache.clear()
        page.goto(gunicorn_site.url + CONDITION_URL, wait_until="load")
        page.wait_for_timeout(300)
        return {
            urls[request]: size
            for request, size in fetched.items()
            if request not in from_cache and size > 0
        }

    try:
        first = visit()
        assert any(url.endswith(".css") for url in first)  # really counted
        assert sum(first.values()) < 100 * 1024, first
        repeat = visit()
        assert list(repeat) == [gunicorn_site.url + CONDITION_URL], repeat
    finally:
        context.close()
