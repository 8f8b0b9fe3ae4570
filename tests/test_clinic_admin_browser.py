"""A Content editor adds a clinic the way staff think of it, in a real
browser at a laptop's size: street address and ZIP code (no latitude or
longitude), weekday hours with the time pickers, the treatments from a
filterable list. The public site then finds it nearest and says it is open."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from locations.models import Location

from .editing import EDITOR_PASSWORD, make_editor
from .test_accessibility import axe_violations

pytestmark = pytest.mark.browser

PHOENIX = ZoneInfo("America/Phoenix")


def scrolls_sideways(page):
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


@pytest.fixture
def laptop(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    yield context.new_page()
    context.close()


def test_an_editor_adds_a_clinic_and_patients_find_it_open(live_site, laptop, browser):
    page = laptop
    make_editor()
    page.goto(live_site.url + "/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", EDITOR_PASSWORD)
    page.locator("input[type=submit]").click()

    page.goto(live_site.url + "/admin/locations/location/add/")
    page.wait_for_selector(".search-label-icon[role=img]", state="attached")
    serious = [
        problem
        for problem in axe_violations(page)
        if "(serious)" in problem or "(critical)" in problem
    ]
    assert serious == []
    assert not scrolls_sideways(page)
    page.set_viewport_size({"width": 1024, "height": 900})
    assert not scrolls_sideways(page)
    page.set_viewport_size({"width": 1366, "height": 900})

    # No map position to type: the form says where it comes from.
    assert "center of the ZIP code's area" in page.locator("#main").inner_text()
    assert not page.locator("#id_latitude").is_visible()  # under "Advanced"

    page.get_by_label("Name:").fill("Tempe")
    page.get_by_label("Street address:").fill("100 E Example St")
    page.get_by_label("ZIP code:").fill("85281")
    page.select_option("#id_status", "published")

    # Monday with the time pickers, then "copy Monday to weekdays".
    opens = page.get_by_label("Monday opens:")
    assert opens.get_attribute("type") == "time"
    opens.fill("08:00")
    page.locator("#id_hours_0_closes").fill("18:00")
    page.get_by_label("Copy Monday's hours to Tuesday–Friday").check()
    assert page.locator("#id_hours_4_opens").input_value() == "08:00"  # at once
    page.locator("#id_hours_5_closed").check()
    page.locator("#id_hours_6_closed").check()

    # Treatments from a filterable list.
    page.locator("#id_treatments_input").fill("chiro")
    page.locator("#id_treatments_from").select_option(label="Chiropractic")
    page.locator("#id_treatments_add").click()

    page.locator("input[name=_save]").first.click()
    page.wait_for_load_state()
    assert page.locator(".messagelist .success").count() == 1, page.content()

    clinic = Location.objects.get(slug="tempe")
    assert clinic.locality == "Tempe"
    assert (float(clinic.latitude), float(clinic.longitude)) == (33.4227, -111.9261)
    assert [str(h) for h in clinic.opening_hours.all()] == [
        *(f"{day}: 08:00–18:00" for day in ["Monday", "Tuesday", "Wednesday"]),
        *(f"{day}: 08:00–18:00" for day in ["Thursday", "Friday"]),
        "Saturday: closed",
        "Sunday: closed",
    ]
    assert [t.name for t in clinic.treatments.all()] == ["Chiropractic"]

    from playwright.sync_api import expect

    # The public site, on a Wednesday morning in Phoenix.
    public = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    try:
        public.clock.set_fixed_time(
            datetime.datetime(2026, 11, 25, 10, 0, tzinfo=PHOENIX)
        )
        public.goto(live_site.url + "/locations/?near=85281")
        first = public.locator("main .cards .card").first
        assert first.locator("a").inner_text() == "Tempe"
        assert "Less than a mile away" in first.inner_text()
        # Desert Ridge has no position yet: listed after, distance unknown.
        last = public.locator("main .cards .card").last
        assert last.locator("a").inner_text() == "Desert Ridge"
        assert "Distance not known" in last.inner_text()
        first.locator("a").click()
        assert public.locator("h1").inner_text() == "Tempe"
        # The page's script works "open now" out again at the browser's time
        # (wait for it: the click returns before deferred scripts run).
        expect(public.locator("[data-open-status]")).to_have_text(
            "Open now, closes at 6 pm (Arizona time)"
        )
        assert "100 E Example St" in public.locator("main").inner_text()
    finally:
        public.context.close()


def test_the_clinic_without_hours_shows_no_open_now_in_the_browser(live_site, page):
    page.goto(live_site.url + "/locations/desert-ridge/")
    assert page.locator("[data-open-status]").count() == 0
    call = page.locator(".hours-unknown a[href='tel:+18772225348']")
    assert call.is_visible()
    assert "for opening hours" in page.locator(".hours-unknown").inner_text()
