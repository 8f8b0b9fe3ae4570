"""A clinic editor's day in a real browser (Debian's Chromium via Playwright):
draft, preview, publish, add a picture, and undo."""

import pytest

from conditions.models import Condition

from .editing import EDITOR_PASSWORD, jpeg_bytes, make_editor

pytestmark = pytest.mark.browser

NEW_TEXT = "Sudden, involuntary tightening of a back muscle, reviewed by our team."


def save_and_continue(page):
    page.locator("input[name=_continue]").first.click()
    page.wait_for_load_state()
    assert page.locator(".messagelist .success").count() == 1, page.content()


def test_an_editor_drafts_previews_publishes_adds_a_picture_and_undoes(
    live_site, page, browser, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    make_editor()
    condition = Condition.objects.get(slug="back-muscle-spasms")
    original = condition.definition
    public_url = live_site.url + condition.get_absolute_url()
    public = browser.new_context(viewport={"width": 390, "height": 844}).new_page()

    # Sign in as an editor.
    page.goto(live_site.url + "/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", EDITOR_PASSWORD)
    page.locator("input[type=submit]").click()
    assert page.locator("#user-tools").inner_text().upper().startswith("WELCOME")

    # Change the definition and save it as a draft.
    page.goto(f"{live_site.url}/admin/conditions/condition/{condition.pk}/change/")
    page.fill("#id_definition", NEW_TEXT)
    page.select_option("#id_status", "draft")
    save_and_continue(page)
    assert public.goto(public_url).status == 404  # hidden from the public

    # Preview it on the real page layout.
    with page.expect_popup() as popup:
        page.get_by_role("link", name="Preview").click()
    preview = popup.value
    preview.wait_for_load_state()
    assert "Preview" in preview.locator(".preview-banner").inner_text()
    assert NEW_TEXT in preview.locator("#main").inner_text()
    assert preview.locator("h1").inner_text() == "Back + Muscle Spasms"
    preview.close()

    # Publish: the public sees the new text on the next request.
    page.select_option("#id_status", "published")
    save_and_continue(page)
    response = public.goto(public_url)
    assert response.status == 200
    assert NEW_TEXT in public.locator("#main").inner_text()
    assert public.locator(".preview-banner").count() == 0

    # Upload a hero picture and see it on the page, phone-sized.
    page.set_input_files(
        "#id_hero_image",
        files=[{"name": "hero.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}],
    )
    page.fill("#id_hero_alt", "A clinician easing a patient's lower back")
    save_and_continue(page)
    public.goto(public_url)
    hero = public.get_by_alt_text("A clinician easing a patient's lower back")
    hero.wait_for(state="visible")
    loaded = hero.evaluate("img => img.complete && img.naturalWidth")
    current = hero.evaluate("img => img.currentSrc")
    assert loaded > 0
    assert current.endswith("-480w.webp")  # the phone got the phone-sized copy

    # Undo: restore the version shipped with the site from the history.
    page.get_by_role("link", name="History").first.click()
    page.wait_for_load_state()
    assert "Definition:" in page.locator("#change-history").inner_text()
    shipped = page.locator("#change-history tr", has_text="Shipped with the site")
    shipped.locator("a").first.click()
    page.wait_for_load_state()
    assert page.locator("#id_definition").input_value() == original
    page.locator("input[value='Restore this version']").first.click()
    page.wait_for_load_state()
    public.goto(public_url)
    main = public.locator("#main").inner_text()
    assert original in main
    assert NEW_TEXT not in main
    public.context.close()
