"""A patient in a real browser: from a condition to the nearest clinic that
offers the treatment, and the small scripts that help on the way."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from .clinics import WEEKDAYS_8_TO_6, save_clinic

pytestmark = pytest.mark.browser

PHOENIX = ZoneInfo("America/Phoenix")


@pytest.fixture(autouse=True)
def plain_static_names(settings):
    """The live server serves static files from the source folders, where the
    manifest's hashed names do not exist: use the plain names so the CSS and
    scripts under test really load."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


def test_condition_to_treatment_to_nearest_clinic_to_tap_to_call(live_site, page):
    save_clinic(
        "Tempe",
        "85281",
        street_address="100 E Example St",
        treatments=["spinal-decompression"],
    )
    page.goto(live_site.url + "/conditions/back-muscle-spasms/")
    page.locator(".tag-group a", has_text="Spinal Decompression").first.click()
    assert page.locator("h1").inner_text() == "Spinal Decompression"
    page.get_by_label("Find the nearest: your ZIP code or city").fill("85281")
    page.get_by_role("button", name="Find nearest clinic").click()
    assert page.locator("h1").inner_text() == "Clinics near 85281 (Tempe, AZ)"
    first = page.locator("main .cards .card").first
    assert "Less than a mile away" in first.inner_text()  # placed at its ZIP
    first.locator("a").click()
    assert page.locator("h1").inner_text() == "Tempe"
    call = page.locator("main .summary-list a[href^='tel:']")
    assert call.get_attribute("href") == "tel:+18772225348"
    assert call.is_visible()
    box = call.bounding_box()
    assert box["height"] >= 24  # big enough to tap


def test_open_now_is_worked_out_again_in_the_browser(live_site, page):
    # A cached page may be old: the script recomputes from the hours table.
    save_clinic("Desert Ridge", slug="desert-ridge", hours=WEEKDAYS_8_TO_6)
    saturday_night = datetime.datetime(2026, 11, 28, 23, 30, tzinfo=PHOENIX)
    page.clock.set_fixed_time(saturday_night)
    page.goto(live_site.url + "/locations/desert-ridge/")
    status = page.locator("[data-open-status]")
    assert status.inner_text() == "Closed, opens Monday at 8 am (Arizona time)"
    wednesday_noon = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=PHOENIX)
    page.clock.set_fixed_time(wednesday_noon)
    page.reload()
    assert status.inner_text() == "Open now, closes at 6 pm (Arizona time)"


def test_use_my_location_lists_the_nearest_clinic_first(live_site, browser):
    save_clinic("Mesa", "85201")
    save_clinic("Tempe", "85281")
    context = browser.new_context(
        geolocation={"latitude": 33.4317, "longitude": -111.8469},  # Mesa
        permissions=["geolocation"],
    )
    page = context.new_page()
    try:
        page.goto(live_site.url + "/locations/")
        page.get_by_role("button", name="Use my location").click()
        page.wait_for_url("**/locations/?lat=33.432&lng=-111.847")
        assert page.locator("h1").inner_text() == "Clinics near your location"
        first = page.locator("main .cards .card a").first
        assert first.inner_text() == "Mesa"
    finally:
        context.close()


def test_the_body_map_links_are_reachable_and_named(live_site, page):
    page.goto(live_site.url + "/where-it-hurts/")
    link = page.get_by_role("link", name="Lower Back").first
    assert link.is_visible()
    link.click()
    assert page.locator("h1").inner_text() == "Lower Back"
