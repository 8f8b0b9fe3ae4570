"""A Content editor's common tasks in a real browser (Debian's Chromium), at
1366x900, each checked afterwards on the public site as a patient sees it:
fix a typo in a section and publish; reorder a condition's treatments by
dragging and from the keyboard; unpublish a page and restore it from its
history; upload a picture with its description; change the clinic's phone.

On every admin page these tasks visit: nothing scrolls sideways, axe finds no
serious or critical WCAG problem, and each group of a change form, as it
opens (rows folded), is at most GROUP_BUDGET pixels tall."""

import re

import pytest

from base.models import Status
from conditions.models import Condition
from treatments.models import Treatment

from .editing import EDITOR_PASSWORD, jpeg_bytes, make_editor

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1366, "height": 900}
#: The tallest a group of a change form may be as it opens (its rows folded):
#: about a screen, so no group is a wall to scroll through.
GROUP_BUDGET = 800
#: The tallest one opened row (a section with all its text) may be.
OPEN_ROW_BUDGET = 1400
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SLUG = "back-muscle-spasms"


class Staff:
    """An editor's browser tab and a patient's, with the checks every admin
    page of these tasks must pass."""

    def __init__(self, page, public, root):
        self.page, self.public, self.root = page, public, root
        self.checked = []

    def goto(self, path):
        self.page.goto(self.root + path)
        self.page.wait_for_load_state("load")
        self.check()

    def check(self):
        page = self.page
        page.wait_for_load_state("load")
        url = page.url
        scroll = page.evaluate("document.scrollingElement.scrollWidth")
        width = page.evaluate("innerWidth")
        assert scroll <= width, f"{url} scrolls sideways: {scroll} > {width}"
        if page.locator("#content-main form fieldset.module").count():
            self.check_group_heights()
        self.check_axe()
        self.checked.append(url)

    def check_group_heights(self):
        heights = self.page.evaluate(
            """() => [...document.querySelectorAll(
                '#content-main form > div > fieldset.module, '
                + '#content-main form .inline-group > fieldset.module')]
              .map(g => [g.querySelector('h2') ? g.querySelector('h2')
                         .textContent.trim() : '?', g.offsetHeight])"""
        )
        assert heights
        for name, height in heights:
            assert height <= GROUP_BUDGET, f"{self.page.url}: {name} is {height}px"

    def check_axe(self):
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(
            self.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}
        )
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not bad, f"{self.page.url}: {bad}"

    def save(self, name="_save"):
        self.page.locator(f"input[name={name}]").last.click()
        self.page.wait_for_load_state("load")
        message = self.page.locator(".messagelist .success")
        assert message.count() == 1, self.page.locator("#content-main").inner_text()
        self.check()
        return message.inner_text()

    def public_text(self, path, selector="#main"):
        response = self.public.goto(self.root + path)
        assert response.status == 200, path
        return self.public.locator(selector).inner_text()


@pytest.fixture
def staff(live_site, browser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_editor()
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    public_context = browser.new_context(viewport={"width": 390, "height": 844})
    staff = Staff(page, public_context.new_page(), live_site.url)
    page.goto(live_site.url + "/admin/login/?next=/admin/")
    staff.check()
    page.fill("#id_username", "editor")
    page.fill("#id_password", EDITOR_PASSWORD)
    page.locator("input[type=submit]").click()
    staff.check()
    assert page.get_by_role("heading", name="Needs your attention").is_visible()
    yield staff
    public_context.close()
    context.close()


def open_condition(staff, name="Back + Muscle Spasms"):
    """From the admin's home page, as an editor would: Conditions, then the page."""
    staff.goto("/admin/")
    staff.page.locator("#content-main tr.model-condition").get_by_role(
        "link", name="Conditions", exact=True
    ).click()
    staff.check()
    staff.page.get_by_role("link", name=name, exact=True).click()
    staff.check()


def row(staff, group, name):
    return staff.page.locator(f"#{group}-group .backfit-row[data-row-name='{name}']")


def described_order(staff):
    staff.public.goto(staff.root + f"/conditions/{SLUG}/")
    return [
        text.strip()
        for text in staff.public.locator(
            ".described-treatments li strong"
        ).all_inner_texts()
    ]


def test_fix_a_typo_in_a_section_and_publish(staff):
    condition = Condition.objects.get(slug=SLUG)
    section = condition.sections.order_by("position").first()
    right = "involuntary contraction"
    assert right in section.body
    section.body = section.body.replace(right, "involuntray contraction")
    section.save()
    condition.status = Status.DRAFT
    condition.save()
    assert staff.public.goto(staff.root + f"/conditions/{SLUG}/").status == 404

    open_condition(staff)
    page = staff.page
    heading = section.heading
    page.locator("#sections-group summary", has_text=heading).click()
    body = row(staff, "sections", heading).locator("textarea[name$='-body']")
    assert body.is_visible()
    # The box is as tall as its text: every line shows, nothing to scroll.
    assert body.evaluate("box => box.scrollHeight <= box.clientHeight + 2")
    opened = row(staff, "sections", heading).evaluate("row => row.offsetHeight")
    assert opened <= OPEN_ROW_BUDGET
    body.fill(body.input_value().replace("involuntray", "involuntary"))
    page.select_option("#id_status", "published")
    message = staff.save()
    assert "is live on the site now" in message

    main = staff.public_text(f"/conditions/{SLUG}/")
    assert right in main
    assert "involuntray" not in main


def test_reorder_treatments_by_dragging_and_from_the_keyboard(staff):
    before = described_order(staff)
    assert before[:3] == ["Physical Therapy", "Chiropractic Care", "Massage Therapy"]
    open_condition(staff)
    page = staff.page

    # Drag "Massage Therapy" by its title above "Physical Therapy".
    massage = row(staff, "condition_treatments", "Massage Therapy")
    target = row(staff, "condition_treatments", "Physical Therapy")
    massage.locator("summary h3").drag_to(target.locator("summary h3"))
    status = page.locator("#condition_treatments-group .backfit-order-status")
    status.filter(has_text="is now number 1").wait_for()
    staff.save("_continue")
    after_drag = described_order(staff)
    assert after_drag[:3] == [
        "Massage Therapy",
        "Physical Therapy",
        "Chiropractic Care",
    ]

    # From the keyboard: Tab to "Pain Management"'s Up button, press Enter.
    pain = row(staff, "condition_treatments", "Pain Management")
    pain.locator("summary").focus()
    page.keyboard.press("Tab")
    up = page.evaluate("document.activeElement.textContent")
    assert up.startswith("Up") and "Pain Management" in up
    page.keyboard.press("Enter")
    status.filter(has_text="“Pain Management” is now number 3").wait_for()
    # Focus stays on the button, so pressing again keeps moving the same row.
    assert "Pain Management" in page.evaluate("document.activeElement.textContent")
    staff.save("_continue")
    assert described_order(staff)[:4] == [
        "Massage Therapy",
        "Physical Therapy",
        "Pain Management",
        "Chiropractic Care",
    ]


def test_unpublish_a_page_and_restore_it_from_history(staff):
    treatment = Treatment.objects.get(slug="chiropractic")
    path = treatment.get_absolute_url()
    assert staff.public.goto(staff.root + path).status == 200
    page = staff.page

    staff.goto("/admin/treatments/treatment/")
    page.locator("tr", has_text="Chiropractic").first.locator(
        "input.action-select"
    ).check()
    page.select_option("select[name=action]", "unpublish")
    page.locator("button[name=index]").click()
    staff.check()
    assert "1 page unpublished" in page.locator(".messagelist").inner_text()
    assert staff.public.goto(staff.root + path).status == 404

    page.get_by_role("link", name="Chiropractic", exact=True).first.click()
    staff.check()
    page.get_by_role("link", name="History").first.click()
    staff.check()
    versions = page.locator("#change-history tbody tr")
    assert versions.count() >= 2
    # The version before the unpublish: the second newest.
    versions.nth(1).locator("a").first.click()
    staff.check()
    assert page.locator("#id_status").input_value() == Status.PUBLISHED
    page.locator("input[value='Restore this version']").first.click()
    page.wait_for_load_state("load")
    staff.check()
    assert "Restored the version of" in page.locator(".messagelist").inner_text()
    assert staff.public.goto(staff.root + path).status == 200


def test_upload_a_picture_with_its_description(staff):
    treatment = Treatment.objects.get(slug="physical-therapy")
    staff.goto("/admin/treatments/treatment/")
    page = staff.page
    page.get_by_role("link", name=treatment.name, exact=True).click()
    staff.check()
    photo = {"name": "therapy.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}

    # Without a description the save is refused, saying what to fix.
    page.set_input_files("#id_image", files=[photo])
    page.fill("#id_image_alt", "")
    page.locator("input[name=_continue]").last.click()
    page.wait_for_load_state("load")
    staff.check()
    summary = page.locator(".backfit-error-summary")
    assert "Nothing was saved yet" in summary.inner_text()
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") in ("id_image_alt", "id_image")

    page.set_input_files("#id_image", files=[photo])
    alt = "A physical therapist guiding a patient's shoulder stretch"
    page.fill("#id_image_alt", alt)
    assert "is live on the site now" in staff.save("_continue")

    staff.public.goto(staff.root + treatment.get_absolute_url())
    picture = staff.public.get_by_alt_text(alt)
    picture.wait_for(state="visible")
    assert picture.evaluate("img => img.complete && img.naturalWidth") > 0


def test_change_the_clinic_phone(staff):
    page = staff.page
    staff.goto("/admin/")
    page.locator("#content-main tr.model-clinicsettings").get_by_role(
        "link", name="Clinic settings", exact=True
    ).click()
    staff.check()
    assert re.search(r"/clinicsettings/1/change/$", page.url)  # the form, no list
    page.fill("#id_phone", "(480) 555-0134")
    message = staff.save()
    assert "Every page shows the new settings now" in message
    assert re.search(r"/clinicsettings/1/change/$", page.url)

    staff.public.goto(staff.root + "/")
    call = staff.public.locator("a[href='tel:+14805550134']").first
    assert call.inner_text().strip().startswith("(480) 555-0134")
    assert staff.public.locator("a[href='tel:+18772225348']").count() == 0


@pytest.mark.parametrize("width", [1024, 1366])
def test_no_admin_page_scrolls_sideways(live_site, browser, django_user_model, width):
    """Every list, add and change page of every model, the home page, a
    history page and the admin's 404, at a small laptop's width and a usual
    one, as a superuser (who sees every page)."""
    from django.contrib import admin
    from django.urls import reverse

    django_user_model.objects.create_superuser("boss", "b@example.com", EDITOR_PASSWORD)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_site.url + "/admin/login/?next=/admin/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", EDITOR_PASSWORD)
    page.locator("input[type=submit]").click()
    paths = ["/admin/", "/admin/no-such-page/"]
    for model in admin.site._registry:
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        paths.append(reverse(f"{name}_changelist"))
        obj = model._default_manager.first()
        if obj is not None:
            paths.append(reverse(f"{name}_change", args=[obj.pk]))
            if hasattr(model, "history"):
                paths.append(reverse(f"{name}_history", args=[obj.pk]))
        if opts.model_name != "clinicsettings":
            paths.append(reverse(f"{name}_add"))
    wide = {}
    for path in paths:
        page.goto(live_site.url + path)
        page.wait_for_load_state("load")
        scroll = page.evaluate("document.scrollingElement.scrollWidth")
        if scroll > width:
            wide[path] = scroll
    context.close()
    assert not wide, f"scroll sideways at {width}px: {wide}"


def glance_list(staff, list_id):
    staff.public.goto(staff.root + f"/conditions/{SLUG}/")
    return [
        text.strip()
        for text in staff.public.locator(
            f"section:has(> #{list_id}) li, .tag-group:has(> #{list_id}) li"
        ).all_inner_texts()
    ]


def test_reorder_a_conditions_lists_by_dragging_and_from_the_keyboard(staff):
    """The root causes, risk factors, symptoms and body areas are put in
    order like the treatments, and the page follows."""
    assert glance_list(staff, "risk-factors")[:2] == ["Age", "Dehydration"]
    open_condition(staff)
    page = staff.page

    # Drag "Pregnancy" by its name above "Age".
    pregnancy = row(staff, "risk_factor_links", "Pregnancy")
    pregnancy.locator("summary h3").drag_to(
        row(staff, "risk_factor_links", "Age").locator("summary h3")
    )
    status = page.locator("#risk_factor_links-group .backfit-order-status")
    status.filter(has_text="is now number 1").wait_for()

    # From the keyboard: Tab to "Legs"'s Up button and press Enter.
    legs = row(staff, "body_area_links", "Legs")
    legs.locator("summary").focus()
    page.keyboard.press("Tab")
    assert "Legs" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.locator("#body_area_links-group .backfit-order-status").filter(
        has_text="“Legs” is now number 8"
    ).wait_for()
    staff.save("_continue")

    assert glance_list(staff, "risk-factors")[:3] == ["Pregnancy", "Age", "Dehydration"]
    assert glance_list(staff, "body-areas")[-2:] == ["Legs", "Arms"]
