"""Screenshots of the running admin for docs/editing.md: `make admin-screenshots`.

Builds a throwaway seeded copy of the site (SQLite in a temporary folder),
starts it under gunicorn with the production settings (plain HTTP on
loopback), signs in as a Content editor in Debian's Chromium at 1366x900 and
walks through the common tasks of the guide, then as the Front desk, saving
one picture per step to docs/images/admin/. Nothing is kept but the pictures.

    .venv/bin/python -m tests.screenshots_admin [output folder]
"""

import io
import os
import sys
import tempfile
from pathlib import Path

from PIL import Image

from tests.production import ROOT, gunicorn, manage, production_env, set_up_site

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
OUT = ROOT / "docs" / "images" / "admin"
SLUG = "back-muscle-spasms"

PASSWORD = "an editor's long password 7"
MAKE_EDITOR = """
from tests.editing import make_editor
user = make_editor("dana")
user.first_name, user.last_name = "Dana", "Reyes"
user.save()
from django.contrib.auth.models import Group
from appointments.models import AppointmentRequest
from locations.models import Location
desk = type(user).objects.create_user(
    "sam", "sam@example.com", "an editor's long password 7", is_staff=True,
    first_name="Sam", last_name="Ortiz",
)
desk.groups.add(Group.objects.get(name="Front desk"))
AppointmentRequest.objects.create(
    name="A. Patient", phone="+14805550100",
    location=Location.objects.get(slug="desert-ridge"), time_of_day="morning",
)
"""


def jpeg_bytes():
    out = io.BytesIO()
    Image.new("RGB", (1600, 900), (30, 90, 140)).save(out, "JPEG", quality=85)
    return out.getvalue()


def shoot(target, name, out, **kwargs):
    path = out / f"{name}.png"
    target.screenshot(path=str(path), **kwargs)
    print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def walk(page, root, out):
    """The guide's tasks, one picture per step."""
    page.goto(root + "/admin/login/?next=/admin/")
    page.fill("#id_username", "dana")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_load_state("load")
    shoot(page, "01-home", out)

    # A condition's form, and one of its sections opened.
    page.locator("#content-main tr.model-condition a").first.click()
    page.get_by_role("link", name="Back + Muscle Spasms", exact=True).click()
    page.wait_for_load_state("load")
    shoot(page, "02-condition-form", out, full_page=True)
    sections = page.locator("#sections-group")
    sections.locator("summary").first.click()
    shoot(sections, "03-section-open", out)
    sections.locator("summary").first.click()

    # Reorder the treatments: the Up button, and what it says.
    group = page.locator("#condition_treatments-group")
    group.locator(
        ".backfit-row[data-row-name='Massage Therapy'] button[data-move=up]"
    ).click()
    group.locator(".backfit-order-status").filter(has_text="now number").wait_for()
    shoot(group, "04-treatments-order", out)

    # Review and publish, at the end of the form.
    review = page.locator("fieldset.module", has_text="Review and publish")
    review.scroll_into_view_if_needed()
    shoot(review, "05-review-and-publish", out)

    # Unpublish from the list.
    page.goto(root + "/admin/treatments/treatment/")
    page.locator("tr", has_text="Chiropractic").first.locator(
        "input.action-select"
    ).check()
    page.select_option("select[name=action]", "unpublish")
    shoot(page, "06-unpublish-action", out)
    page.locator("button[name=index]").click()
    page.wait_for_load_state("load")
    shoot(page, "07-unpublished-message", out)

    # History, and the version to restore.
    page.get_by_role("link", name="Chiropractic", exact=True).first.click()
    page.get_by_role("link", name="History").first.click()
    page.wait_for_load_state("load")
    shoot(page, "08-history", out)
    page.locator("#change-history tbody tr").nth(1).locator("a").first.click()
    page.wait_for_load_state("load")
    shoot(page, "09-revert", out)
    page.locator("input[value='Restore this version']").first.click()
    page.wait_for_load_state("load")
    shoot(page, "09b-restored-message", out)

    # A picture with its description; first without, to show the message.
    page.goto(root + "/admin/treatments/treatment/")
    page.get_by_role("link", name="Physical Therapy", exact=True).click()
    photo = {"name": "therapy.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}
    page.set_input_files("#id_image", files=[photo])
    page.locator("input[name=_continue]").last.click()
    page.wait_for_load_state("load")
    shoot(page, "10-picture-needs-description", out)
    page.set_input_files("#id_image", files=[photo])
    page.fill("#id_image_alt", "A physical therapist guiding a patient's stretch")
    content = page.locator("fieldset.module", has_text="Image")
    shoot(content.first, "11-picture-with-description", out)

    # Clinic settings, one click from the home page.
    page.goto(root + "/admin/")
    page.locator("#content-main tr.model-clinicsettings a").first.click()
    page.wait_for_load_state("load")
    shoot(page, "12-clinic-settings", out)


def front_desk(page, root, out):
    """The front desk's home page and its list of call-back requests."""
    page.goto(root + "/admin/login/?next=/admin/")
    page.fill("#id_username", "sam")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_load_state("load")
    shoot(page, "13-front-desk-home", out)
    page.get_by_role("link", name="Open the waiting requests").click()
    page.wait_for_load_state("load")
    shoot(page, "14-call-back-requests", out)


def main():
    from playwright.sync_api import sync_playwright

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="admin-shots-") as tmp:
        tmp = Path(tmp)
        env = production_env(
            DJANGO_HTTPS="false",
            DATABASE_URL=f"sqlite:///{tmp / 'site.sqlite3'}",
            CACHE_URL="",
            PAGE_CACHE_URL="",
            DJANGO_STATIC_ROOT=str(tmp / "static"),
            DJANGO_MEDIA_ROOT=str(tmp / "media"),
        )
        print("Setting up a throwaway site ...")
        set_up_site(env)
        manage(env, "shell", "-c", MAKE_EDITOR)
        with gunicorn(env, tmp / "logs", workers=1) as site:
            print(f"Screenshots of {site.url}/admin/ into {out}:")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
                )
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                walk(context.new_page(), site.url, out)
                desk = browser.new_context(viewport={"width": 1366, "height": 900})
                front_desk(desk.new_page(), site.url, out)
                browser.close()


if __name__ == "__main__":
    main()
