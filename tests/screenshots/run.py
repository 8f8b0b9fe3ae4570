"""`make screenshots`: every public page type, in English and in Spanish
(/es/), at a phone's width (390 px) and a laptop's (1366 px), the Spanish
ones also at 320 px, rendered by Chromium from a throwaway copy of the
site, so a person can look at the design without setting anything up.

Builds the site like `make bench` does (SQLite file, seeded content,
collected static files, gunicorn with the production settings on a free
loopback port), then writes full-page PNGs to screenshots/ (or
SCREENSHOTS_DIR). Phone pictures are taken in a window as tall as the page,
so the call bar sits where a patient finds it at the end of the page.

SCREENSHOTS_DOCS=1 also refreshes the pictures the README shows
(docs/screenshots/: the home and condition pages and the condition page's
urgent-help callouts, phone and laptop), reduced
to 256 colours to keep the repository small.
"""

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from tests.production import free_port, set_up_site

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
OUT = Path(os.environ.get("SCREENSHOTS_DIR", REPO / "screenshots"))
WIDTHS = {"phone": 390, "laptop": 1366}
FIRST_SCREEN = {"phone": 844, "laptop": 800}
# One page of every public page type.
PAGES = {
    "home": "/",
    "conditions": "/conditions/",
    "condition": "/conditions/back-muscle-spasms/",
    "condition-neck-pain": "/conditions/neck-pain/",
    "condition-not-written-up": "/conditions/sciatica/",
    "urgent-help": "/urgent-help/",
    "body-area-chest": "/where-it-hurts/chest/",
    "root-cause": "/root-causes/nerve-compression/",
    "risk-factor": "/risk-factors/age/",
    "symptom": "/symptoms/swelling/",
    "where-it-hurts": "/where-it-hurts/",
    "body-area": "/where-it-hurts/lower-back/",
    "treatments": "/treatments/",
    "treatment": "/treatments/chiropractic/",
    "treatment-not-written-up": "/treatments/pens/",
    "team": "/team/",
    "health-library": "/health-library/",
    "article": "/health-library/what-is-spinal-manipulation/",
    "locations": "/locations/",
    "locations-near": "/locations/?near=85281",
    "location": "/locations/desert-ridge/",
    "search": "/search/?q=spasms",
    "appointment": "/appointments/request/",
    "new-patients": "/new-patients/",
    "privacy": "/privacy/",
    "not-found": "/no-such-page/",
}
# The same pages in Spanish (/es/), also at the smallest phone width, where
# longer Spanish words must still fit buttons, pills and the call bar.
PAGES.update({f"es-{name}": f"/es{path}" for name, path in list(PAGES.items())})
# "¿Quiso decir …?" (a suggestion from the Spanish words, once the content
# has its Spanish text).
PAGES["es-search-suggestion"] = "/es/search/?q=espamos"
SMALLEST = {"small-phone": 320}
IN_DOCS = ["home", "condition"]
# SCREENSHOTS_ONLY=es-home,es-condition takes only the pages whose names
# start so.
ONLY = tuple(os.environ.get("SCREENSHOTS_ONLY", "").split(","))


def serve(env, log):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "backfit.wsgi",
            "--config",
            str(REPO / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped; see {log.name}")
        try:
            urllib.request.urlopen(url + "/healthz", timeout=5).close()  # noqa: S310
            return process, url
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit(f"gunicorn did not answer; see {log.name}")


def shoot(url, docs):
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for device, width in {**WIDTHS, **SMALLEST}.items():
            context = browser.new_context(
                viewport={"width": width, "height": FIRST_SCREEN.get(device, 800)}
            )
            page = context.new_page()
            for name, path in PAGES.items():
                if not name.startswith(ONLY) or (
                    device in SMALLEST and not name.startswith("es-")
                ):
                    continue
                page.set_viewport_size(
                    {"width": width, "height": FIRST_SCREEN.get(device, 800)}
                )
                page.goto(url + path, wait_until="load")
                height = page.evaluate("document.documentElement.scrollHeight")
                page.set_viewport_size({"width": width, "height": height})
                target = OUT / f"{name}-{device}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
                if docs and name in IN_DOCS:
                    keep_in_docs(target)
                if docs and name == "condition":
                    # The urgent-help callouts on their own (docs/content.md).
                    callouts = OUT / f"urgent-help-callouts-{device}.png"
                    # (The window is as tall as the page: the phone's call
                    # bar sits at its end, not over them.)
                    page.locator(".urgent-help").screenshot(path=str(callouts))
                    keep_in_docs(callouts)
            context.close()
        browser.close()
    return written


def keep_in_docs(source):
    from PIL import Image

    folder = REPO / "docs" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as image:
        image.convert("RGB").quantize(colors=256).save(
            folder / source.name, optimize=True
        )


def main():
    docs = os.environ.get("SCREENSHOTS_DOCS") == "1"
    with tempfile.TemporaryDirectory(prefix="backfit-screens-") as tmp:
        root = Path(tmp)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{root / 'site.sqlite3'}",
            "CACHE_URL": "",
            "PAGE_CACHE_URL": "",
            "DJANGO_SECRET_KEY": "screens-" + uuid.uuid4().hex,
            "DJANGO_HTTPS": "false",
            "DJANGO_DEBUG": "false",
            "DJANGO_STATIC_ROOT": str(root / "static"),
            "DJANGO_MEDIA_ROOT": str(root / "media"),
            "GUNICORN_ACCESS_LOG": "/dev/null",
            "LOG_LEVEL": "WARNING",
        }
        print("Building a throwaway copy of the site ...", flush=True)
        set_up_site(env)
        with open(root / "gunicorn.log", "w") as log:
            process, url = serve(env, log)
            try:
                written = shoot(url, docs)
            finally:
                process.terminate()
                process.wait(timeout=30)
    print(f"{len(written)} screenshots in {OUT}/")
    if docs:
        print("README pictures refreshed in docs/screenshots/")


if __name__ == "__main__":
    main()
