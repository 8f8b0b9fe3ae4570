"""What only a real browser shows."""

import pytest

from .clinics import save_clinic

pytestmark = pytest.mark.browser


def test_a_patient_can_walk_from_condition_to_treatment_to_location(live_site, page):
    save_clinic("Desert Ridge", slug="desert-ridge", treatments=["chiropractic"])
    page.goto(live_site.url + "/conditions/back-muscle-spasms/")
    assert page.locator("h1").inner_text() == "Back + Muscle Spasms"
    call = page.locator("main a[href='tel:+18772225348']").first
    assert call.is_visible()
    page.locator(".tag-group a", has_text="Chiropractic").first.click()
    assert page.locator("h1").inner_text() == "Chiropractic"
    page.locator("main a", has_text="Desert Ridge").first.click()
    assert page.locator("h1").inner_text() == "Desert Ridge"
    assert page.locator("a[href='tel:+18772225348']").first.is_visible()
