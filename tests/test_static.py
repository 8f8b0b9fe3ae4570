"""Light pages on a weak phone connection: small HTML and CSS, static files
compressed and cached for good, nothing that blocks rendering."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.templatetags.static import static

from .test_pages import crawl

pytestmark = pytest.mark.django_db

CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"


@pytest.fixture
def collected():
    """The fingerprinted files `make test` collects before the suite runs."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    assert manifest.exists(), "run `manage.py collectstatic` first (make test does)"


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_static_files_are_compressed_and_cached_for_a_year_or_more(
    client, collected, encoding
):
    url = static("css/site.css")
    assert re.search(r"site\.[0-9a-f]{12}\.css$", url)  # fingerprinted
    response = client.get(url, HTTP_ACCEPT_ENCODING=encoding)
    assert response.status_code == 200
    assert response["Content-Encoding"] == encoding
    assert int(response["Content-Length"]) < CSS.stat().st_size / 2
    cache_control = response["Cache-Control"]
    max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
    assert max_age >= 365 * 24 * 60 * 60
    assert "immutable" in cache_control and "public" in cache_control


def test_condition_page_html_and_css_weigh_under_52_kb(client, collected):
    """Uncompressed, as a guard on what we write by hand (the stylesheet holds
    the whole site's components; the page its own body drawing and, since
    issue 16, its urgent-help callouts: about 4 KB, hence 52 rather than 48).
    On the wire the first visit is far less: test_design measures it in
    Chromium against the issue's 100 KB budget."""
    html = client.get("/conditions/back-muscle-spasms/").content
    css = b""
    for href in re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html):
        response = client.get(href.decode(), HTTP_ACCEPT_ENCODING="identity")
        assert response.status_code == 200
        css += b"".join(response.streaming_content)
    assert len(css) > 1000  # the stylesheet was really fetched
    assert len(html) + len(css) < 52 * 1024


class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.images, self.stylesheets, self.in_main = [], [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        if tag == "script":
            self.scripts.append(attrs)
        elif tag == "img":
            self.images.append(attrs)
        elif tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs)


def test_no_page_blocks_rendering_and_every_image_is_sized(client):
    for url, response in crawl(client).items():
        page = Assets()
        page.feed(response.content.decode())
        for script in page.scripts:
            assert script.get("type") == "application/ld+json" or (
                "src" in script and ("defer" in script or "async" in script)
            ), f"render-blocking script on {url}: {script}"
        assert len(page.stylesheets) == 1, url
        for position, image in enumerate(page.images):
            assert image.get("width") and image.get("height"), url
            assert image.get("alt") is not None, url
            # The first image is the hero, above the fold; the rest wait.
            if position > 0:
                assert image.get("loading") == "lazy", url


def test_fonts_are_the_systems_own():
    css = CSS.read_text()
    assert "@font-face" not in css and "@import" not in css
    assert re.search(r"font-family:\s*system-ui", css)
