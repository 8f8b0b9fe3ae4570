"""What only a browser shows, for issue 16 (urgent help within reach, the
smaller layout faults) and one boundary of issue 21 (open now at the closing
minute, seen from a browser in another time zone)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from conditions.models import Condition

from .clinics import WEEKDAYS_8_TO_6, save_clinic

pytestmark = pytest.mark.browser

PHOENIX = ZoneInfo("America/Phoenix")
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}


def test_call_911_is_within_two_phone_screens_on_every_condition_page(live_site, page):
    slugs = list(Condition.objects.published().values_list("slug", flat=True))
    assert len(slugs) >= 7
    for slug in slugs:
        page.goto(f"{live_site.url}/conditions/{slug}/")
        heading = page.locator(".urgent-emergency .urgent-heading")
        assert heading.inner_text().lower().startswith("emergency: call 911"), slug
        box = heading.bounding_box()
        # The heading and its first line end within the first two screens.
        lead = page.locator(".urgent-emergency > p").first
        lead_box = lead.bounding_box()
        assert box["y"] + box["height"] <= 2 * PHONE["height"], slug
        assert lead_box["y"] <= 2 * PHONE["height"], slug


def test_the_callouts_differ_by_color_icon_and_words_not_the_brand(live_site, page):
    page.goto(live_site.url + "/conditions/back-muscle-spasms/")
    styles = page.evaluate(
        """() => ['.urgent-emergency .urgent-heading', '.urgent-urgent .urgent-heading',
                  '.site-header', '.button-call'].map(s => {
            const e = document.querySelector(s); const c = getComputedStyle(e);
            const icon = !!e.querySelector('svg.icon');
            return [c.backgroundColor, icon, e.textContent.trim()];
        })"""
    )
    emergency, urgent, header, call = styles
    assert emergency[0] != urgent[0]
    assert {emergency[0], urgent[0]}.isdisjoint({header[0], call[0]})
    assert emergency[1] and urgent[1]
    assert emergency[2].startswith("Emergency:") and urgent[2].startswith("Urgent:")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP])
def test_pills_on_the_team_page_hold_their_words(live_site, browser, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(live_site.url + "/team/")
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('main .tags a')].map(a => {
                const box = a.getBoundingClientRect();
                const range = document.createRange(); range.selectNodeContents(a);
                const words = range.getBoundingClientRect();
                const list = a.closest('ul').getBoundingClientRect();
                return {name: a.textContent.trim(),
                        box: [box.left, box.right],
                        words: [words.left, words.right],
                        list: [list.left, list.right]};
            })"""
        )
        assert len(boxes) >= 8
        for pill in boxes:
            left, right = pill["box"]
            # At least 4 px of the pill's own padding each side of its words,
            # and the pill inside its list.
            assert pill["words"][0] >= left + 4, pill
            assert pill["words"][1] <= right - 4, pill
            assert pill["list"][0] <= left and right <= pill["list"][1] + 0.5, pill
    finally:
        context.close()


def test_the_front_and_back_figures_are_drawn_the_same_size(live_site, browser):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    try:
        page.goto(live_site.url + "/where-it-hurts/")
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('svg.body-map')].map(svg => {
                let top = Infinity, bottom = -Infinity;
                let left = Infinity, right = -Infinity;
                for (const part of svg.querySelectorAll('.map-area, :scope > g')) {
                    const r = part.getBoundingClientRect();
                    if (!r.height) continue;
                    top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
                    left = Math.min(left, r.left); right = Math.max(right, r.right);
                }
                return [right - left, bottom - top];
            })"""
        )
        (front_w, front_h), (back_w, back_h) = sizes
        assert front_h > 200
        assert abs(front_h - back_h) <= 1, sizes
        assert abs(front_w - back_w) <= 1, sizes
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP])
def test_a_to_z_of_seven_conditions_is_one_short_list(live_site, browser, viewport):
    assert Condition.objects.published().count() == 7
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(live_site.url + "/conditions/")
        main = page.locator("main").bounding_box()
        # Seven cards: about their own height, not a section per letter
        # (3,200 px with a letter bar and a "Back to top" each).
        limit = 1400 if viewport is PHONE else 800
        assert main["height"] <= limit, main
        assert page.locator("main .card").count() == 7
        assert page.get_by_text("Back to top").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (7, 59, "Closed, opens today at 8 am"),
        (8, 0, "Open now, closes at 6 pm"),  # the minute it opens
        (17, 59, "Open now, closes at 6 pm"),
        (18, 0, "Closed, opens Thursday at 8 am"),  # the minute it closes
    ],
)
def test_open_now_at_the_opening_and_closing_minute_from_another_zone(
    live_site, browser, hour, minute, expected
):
    """The script works out "open now" in Arizona time (no daylight saving)
    whatever the browser's zone: here Auckland, a day ahead of Phoenix."""
    save_clinic("Desert Ridge", slug="desert-ridge", hours=WEEKDAYS_8_TO_6)
    context = browser.new_context(viewport=PHONE, timezone_id="Pacific/Auckland")
    page = context.new_page()
    try:
        when = datetime.datetime(2026, 7, 8, hour, minute, tzinfo=PHOENIX)  # Wed
        page.clock.set_fixed_time(when)
        page.goto(live_site.url + "/locations/desert-ridge/")
        status = page.locator("[data-open-status]")
        assert status.inner_text() == f"{expected} (Arizona time)"
    finally:
        context.close()
