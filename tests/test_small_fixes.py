"""The smaller faults seen on the screenshots (issue 16), as a patient would
see them in the rendered text."""

import re

import pytest

from .conftest import parse
from .test_pages import crawl

pytestmark = pytest.mark.django_db

#: A space before a full stop, comma, semicolon, colon, "?" or "!" that ends
#: a word ("call us now on (877) 222-5348 .").
SPACE_BEFORE_PUNCTUATION = re.compile(r"\S\s+[.,;:?!](?=\s|$)")


def test_no_page_puts_a_space_before_punctuation(client):
    pages = crawl(client)
    pages["/appointments/request/"] = client.get("/appointments/request/")
    pages["/no-such-page/"] = client.get("/no-such-page/")
    assert len(pages) > 40
    found = {}
    for url, response in pages.items():
        text = parse(response).plain_text
        hits = [m.group(0) for m in SPACE_BEFORE_PUNCTUATION.finditer(text)]
        if hits:
            found[url] = hits
    assert found == {}
    form = parse(client.get("/appointments/request/")).main_text
    assert "Or call us now on (877) 222-5348, call the appointment line." in form


def test_a_missing_page_marks_no_section_as_current(client):
    for url in ["/conditions/no-such-condition/", "/treatments/no-such/", "/nope/"]:
        response = client.get(url)
        assert response.status_code == 404
        nav = response.content.decode().split('aria-label="Main"')[1].split("</nav>")[0]
        assert "aria-current" not in nav, url
    # A page that exists still marks its section.
    html = client.get("/conditions/neck-pain/").content.decode()
    nav = html.split('aria-label="Main"')[1].split("</nav>")[0]
    assert 'href="/conditions/" aria-current="page"' in nav
