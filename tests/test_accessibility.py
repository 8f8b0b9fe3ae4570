"""WCAG 2.2 AA, checked in Debian's Chromium: axe-core on every public page
type (found by crawling from the home page, not from a list kept by hand),
the 404 page and every form with its error state; then what axe cannot judge
alone: skip link, landmarks, visible focus, touch-target size, reflow at
400 % zoom, information not by colour alone, the phone link's name, print."""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CONDITION_URL = "/conditions/back-muscle-spasms/"
SKIP = ("/static/", "/media/", "/" + settings.ADMIN_URL)


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"]
    ]


def page_type(path):
    """The URL pattern a path belongs to: one page of each type is enough."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def same_site_links(page, base):
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    for href in hrefs:
        parts = urlsplit(urljoin(base, href))
        if parts.netloc == urlsplit(base).netloc and not parts.path.startswith(SKIP):
            yield parts.path + (f"?{parts.query}" if parts.query else "")


def crawl_page_types(page, root):
    """Visit one page of every type reachable from "/", yielding each."""
    queue, seen_types = deque(["/"]), {page_type("/")}
    while queue:
        path = queue.popleft()
        page.goto(root + path)
        links = list(same_site_links(page, root + path))
        yield path  # the caller may navigate away (submitting forms)
        for link in links:
            kind = page_type(urlsplit(link).path)
            if kind and kind not in seen_types:
                seen_types.add(kind)
                queue.append(link)


def submit_empty(page, form_index):
    """Submit a form with nothing filled in, bypassing the browser's own
    checks, so the server's error state shows."""
    form = page.locator("form").nth(form_index)
    form.evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        form.evaluate("form => form.requestSubmit()")


def test_axe_finds_no_violation_on_any_page_type_form_or_error(live_site, page):
    problems, visited, forms = {}, [], {}
    for path in crawl_page_types(page, live_site.url):
        visited.append(path)
        problems[path] = axe_violations(page)
        found = page.locator("form").evaluate_all(
            "forms => forms.map(f => f.method + ' ' + new URL(f.action).pathname)"
        )
        for index, form in enumerate(found):
            if form in forms:  # the same form on another page (header search)
                continue
            page.goto(live_site.url + path)
            submit_empty(page, index)
            forms[form] = page.url
            problems[f"{form} (on {path}) submitted empty"] = axe_violations(page)
            if form.startswith("post"):
                # A form that posts shows its errors, and they pass axe too.
                assert page.get_by_role("alert").count() >= 1, form
    page.goto(live_site.url + "/no-such-page/")
    problems["404"] = axe_violations(page)

    # Every kind of form was found and tried: search, nearest clinic, booking.
    assert {"get /search/", "get /locations/", "post /appointments/request/"} <= set(
        forms
    )

    # The crawl really found the site's page types.
    types = {page_type(urlsplit(path).path) for path in visited}
    assert {
        "home",
        "conditions:list",
        "conditions:detail",
        "conditions:root_cause",
        "conditions:risk_factor",
        "conditions:symptom",
        "conditions:body_area",
        "treatments:list",
        "treatments:detail",
        "locations:list",
        "locations:detail",
        "team:list",
        "articles:list",
        "articles:detail",
    } <= types
    assert {where: found for where, found in problems.items() if found} == {}


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(live_site, page):
    page.goto(live_site.url + CONDITION_URL)
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0  # shown once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_landmarks(live_site, page):
    page.goto(live_site.url + CONDITION_URL)
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("contentinfo").count() == 1
    assert page.get_by_role("navigation", name="Main").count() == 1
    assert page.get_by_role("navigation", name="Breadcrumb").count() == 1
    assert page.locator("h1").count() == 1


def test_keyboard_focus_is_clearly_visible(live_site, page):
    page.goto(live_site.url + CONDITION_URL)
    for _ in range(4):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            """() => {
                const style = getComputedStyle(document.activeElement);
                return [style.outlineStyle, parseFloat(style.outlineWidth)];
            }"""
        )
        assert outline[0] != "none" and outline[1] >= 2, outline


def test_call_buttons_are_at_least_44_px(live_site, page):
    page.goto(live_site.url + CONDITION_URL)
    targets = page.locator("a[href^='tel:']")
    assert targets.count() >= 3
    for index in range(targets.count()):
        box = targets.nth(index).bounding_box()
        assert box["height"] >= 44, targets.nth(index).inner_text()
    header_call = page.locator(".site-header a[href^='tel:']").bounding_box()
    assert header_call["width"] >= 44 and header_call["height"] >= 44


def test_pages_reflow_at_400_percent_zoom(live_site, browser):
    """1280 px at 400 % zoom is a 320 CSS px wide window: nothing may need
    scrolling sideways."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    try:
        for path in crawl_page_types(page, live_site.url):
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > 320:
                wide[path] = scroll_width
    finally:
        context.close()
    assert wide == {}


def test_information_is_not_given_by_colour_alone(live_site, page):
    page.goto(live_site.url + CONDITION_URL)
    # Links inside text are underlined, not just coloured.
    decoration = page.locator(".prose a, .small a, main p a").first.evaluate(
        "a => getComputedStyle(a).textDecorationLine"
    )
    assert "underline" in decoration
    # The current section in the menu is bold and announced, not just coloured.
    current = page.locator(".site-nav a[aria-current='page']")
    assert current.inner_text() == "Conditions"
    weights = page.locator(".site-nav a").evaluate_all(
        "links => links.map(a => getComputedStyle(a).fontWeight)"
    )
    assert sorted(set(weights)) == ["400", "700"]
    # A clinic whose distance is not known says so in words, not by styling.
    page.goto(live_site.url + "/locations/?near=85281")
    assert page.locator(".card .distance").first.inner_text() == "Distance not known"


def test_every_phone_link_says_it_calls(live_site, page):
    for path in ["/", CONDITION_URL, "/locations/desert-ridge/", "/no-such-page/"]:
        page.goto(live_site.url + path)
        phone_links = page.locator("a[href^='tel:']")
        named = page.get_by_role("link", name=re.compile(r"\bcall\b", re.I))
        assert phone_links.count() >= 2, path
        assert phone_links.and_(named).count() == phone_links.count(), path
    # The number first (as shown), then what the link does.
    appointment = page.get_by_role(
        "link", name=re.compile(r"^\(877\) 222-5348\s*, call the appointment line$")
    )
    assert appointment.count() == phone_links.count()


def test_a_printed_condition_page_shows_content_and_phone_not_navigation(
    live_site, page
):
    page.goto(live_site.url + CONDITION_URL)
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".breadcrumbs").is_visible()
    assert not page.locator(".skip-link").is_visible()
    assert page.locator("h1").is_visible()
    assert page.get_by_text("Definition", exact=True).is_visible()
    phone = page.locator("main .contact-block a[href^='tel:']")
    assert phone.is_visible()
    assert "(877) 222-5348" in phone.inner_text()
    page.emulate_media(media="screen")
    assert page.locator(".site-nav").is_visible()


def crawl_spanish_page_types(page, root):
    """Visit one Spanish page of every type reachable from /es/ (addresses
    are resolved in Spanish, where /es/ is the prefix)."""
    from django.utils import translation

    with translation.override("es"):
        queue, seen_types = deque(["/es/"]), {page_type("/es/")}
        while queue:
            path = queue.popleft()
            page.goto(root + path)
            links = list(same_site_links(page, root + path))
            yield path
            for link in links:
                kind = page_type(urlsplit(link).path)
                if link.startswith("/es/") and kind and kind not in seen_types:
                    seen_types.add(kind)
                    queue.append(link)


# Spanish pages no link leads to: a search with results, a suggestion, and
# "not found".
SPANISH_EXTRA_PAGES = ["/es/search/?q=espalda", "/es/search/?q=espamos", "/es/nada/"]


def test_axe_finds_no_violation_on_spanish_pages(live_site, page):
    """Every Spanish page type (/es/), English staff text marked lang="en"
    in it, and the call-back form's errors."""
    problems, visited = {}, []
    for path in crawl_spanish_page_types(page, live_site.url):
        visited.append(path)
        assert page.locator("html").get_attribute("lang") == "es-US", path
        problems[path] = axe_violations(page)
    for path in SPANISH_EXTRA_PAGES:
        page.goto(live_site.url + path)
        problems[path] = axe_violations(page)
    assert len(visited) >= 15, visited
    page.goto(live_site.url + "/es/appointments/request/")
    submit_empty(page, 1)
    problems["/es/appointments/request/ (errors)"] = axe_violations(page)
    assert {path: found for path, found in problems.items() if found} == {}
