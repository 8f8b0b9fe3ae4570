"""Every public page, in English and in Spanish, is valid HTML by the Nu Html
Checker (vnu.jar, the W3C's checker), errors and warnings alike: a browser
and a screen reader then read the page as it is written.

Needs Java and the checker: VNU_JAR (set by .ci/services.sh, which installs
the npm package vnu-jar), e.g. VNU_JAR=/opt/vnu/node_modules/vnu-jar/build/dist/vnu.jar.
"""

import json
import os
import subprocess

import pytest

from .conftest import require
from .test_pages import crawl

pytestmark = pytest.mark.django_db

VNU_JAR = os.environ.get("VNU_JAR", "")
# A few pages no link reaches: a search that finds something, one that finds
# nothing, the urgent-help words, a page that does not exist.
EXTRA = ["/search/?q=spasm", "/search/?q=spams", "/search/?q=chest+pain", "/nope/"]


def check(directory):
    """The checker's messages for every .html file in `directory`."""
    result = subprocess.run(  # noqa: S603
        ["java", "-jar", VNU_JAR, "--format", "json", "--skip-non-html", directory],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def test_every_page_in_both_languages_is_valid_html(client, tmp_path):
    require(
        VNU_JAR and os.path.exists(VNU_JAR),
        "no Nu Html Checker: set VNU_JAR to vnu.jar (bash .ci/run does)",
    )
    pages = crawl(client)
    for url in EXTRA:
        for prefix in ("", "/es"):
            pages[prefix + url] = client.get(prefix + url)
    assert any(url.startswith("/es/") for url in pages)
    for number, (_url, response) in enumerate(sorted(pages.items())):
        if response["Content-Type"].startswith("text/html"):
            (tmp_path / f"{number}.html").write_bytes(response.content)
    names = {f"{n}.html": url for n, url in enumerate(sorted(pages))}
    problems = [
        f"{names[message['url'].rsplit('/', 1)[-1]]}: {message['message']}"
        for message in check(str(tmp_path))
    ]
    assert problems == []


def test_the_checker_finds_a_fault(tmp_path):
    """The check can fail: a page with a stray end tag is reported."""
    require(
        VNU_JAR and os.path.exists(VNU_JAR),
        "no Nu Html Checker: set VNU_JAR to vnu.jar (bash .ci/run does)",
    )
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><title>x</title><p>Hi</div>'
    )
    assert check(str(tmp_path)) != []
