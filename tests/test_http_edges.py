"""What the outside test saw at the edges of HTTP (issue 19, findings 10 and
11): a branded CSRF failure, 405 with Allow for methods a page does not
take, and `q=0` in Accept-Encoding respected by every compressor."""

import gzip

import pytest
from django.templatetags.static import static
from django.test import Client

from .conftest import parse

pytestmark = pytest.mark.django_db

CONDITION_URL = "/conditions/back-muscle-spasms/"
FORM_URL = "/appointments/request/"


def test_a_csrf_failure_is_the_clinics_own_page_with_the_phone():
    client = Client(enforce_csrf_checks=True)
    response = client.post(FORM_URL, {"name": "Maria Lopez"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "DEBUG=True" not in html and "More information" not in html
    page = parse(response)
    assert page.h1 == ["Sorry, we could not send that form"]
    assert "(877) 222-5348" in page.main_text
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"]


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
@pytest.mark.parametrize("url", ["/", CONDITION_URL, "/search/?q=back", FORM_URL])
def test_methods_a_page_does_not_take_get_405_with_allow(method, url):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(url)
    assert response.status_code == 405, (method, url)
    allow = {m.strip() for m in response["Allow"].split(",")}
    assert {"GET", "HEAD"} <= allow
    assert method.upper() not in allow
    assert ("POST" in allow) == (url == FORM_URL)


def test_a_post_to_a_page_without_a_form_is_405_too():
    response = Client(enforce_csrf_checks=True).post(CONDITION_URL)
    assert response.status_code == 405
    assert "POST" not in response["Allow"]


def test_a_post_without_a_token_to_the_form_is_still_a_csrf_failure():
    response = Client(enforce_csrf_checks=True).post(FORM_URL)
    assert response.status_code == 403


@pytest.mark.parametrize(
    "header",
    ["gzip;q=0", "gzip; q=0.0, identity", "deflate, gzip;q=0", "*;q=0, identity"],
)
def test_a_page_is_not_gzipped_for_a_client_that_refuses_gzip(client, header):
    client.get(CONDITION_URL, HTTP_ACCEPT_ENCODING="gzip")  # now cached
    for _ in range(2):  # from the page cache and again
        response = client.get(CONDITION_URL, HTTP_ACCEPT_ENCODING=header)
        assert response.status_code == 200
        assert "Content-Encoding" not in response, header
        assert b"<h1" in response.content


def test_gzip_with_a_positive_q_still_gets_gzip(client):
    client.get(CONDITION_URL)
    response = client.get(CONDITION_URL, HTTP_ACCEPT_ENCODING="gzip;q=0.5")
    assert response["Content-Encoding"] == "gzip"
    assert b"<h1" in gzip.decompress(response.content)


@pytest.mark.parametrize(
    "header,expected",
    [
        ("gzip;q=0", None),
        ("br;q=0, gzip;q=0", None),
        ("br;q=0, gzip", "gzip"),
        ("br, gzip;q=0", "br"),
        ("*;q=0", None),
    ],
)
def test_static_files_respect_q_0(client, header, expected):
    response = client.get(static("css/site.css"), HTTP_ACCEPT_ENCODING=header)
    assert response.status_code == 200
    assert response.get("Content-Encoding") == expected, header
