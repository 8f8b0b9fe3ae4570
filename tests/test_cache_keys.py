"""Every part of a page's cache key, each with a test that fails when that
part is dropped (issue 21): scheme, host, path, the kept query, language and
release (tests/test_cache.py: the release and the kept query; here the rest),
and what a key may not hold: made-up values that would flood the cache
(issue 19, finding 2)."""

import re

import pytest
from django.http import HttpResponse

from backfit.pagecache import PageCacheMiddleware

pytestmark = pytest.mark.django_db

URL = "/conditions/whiplash/"


def canonical(response):
    html = response.content.decode()
    return re.search(r'<link rel="canonical" href="([^"]+)"', html)[1]


def test_a_page_cached_for_one_host_is_not_served_to_another(client, settings):
    """The review's survivor: a key without the host served one host's
    canonical and absolute URLs to another."""
    settings.ALLOWED_HOSTS = ["clinic.example", "other.example"]
    first = client.get(URL, HTTP_HOST="clinic.example")
    assert canonical(first) == "http://clinic.example/conditions/whiplash/"
    other = client.get(URL, HTTP_HOST="other.example")
    assert other["X-Page-Cache"] == "miss"
    assert canonical(other) == "http://other.example/conditions/whiplash/"
    assert client.get(URL, HTTP_HOST="other.example")["X-Page-Cache"] == "hit"


def test_host_case_and_default_port_are_one_page(client, settings):
    """Host case or the default port cannot make new copies, and the page
    itself is built from the normal form (it is what the key holds)."""
    settings.ALLOWED_HOSTS = ["clinic.example"]
    client.get(URL, HTTP_HOST="clinic.example")
    for host in ("CLINIC.Example", "clinic.example:80", "Clinic.example:0080"):
        response = client.get(URL, HTTP_HOST=host)
        assert response["X-Page-Cache"] == "hit", host
    fresh = client.get("/conditions/sciatica/", HTTP_HOST="CLINIC.EXAMPLE:80")
    assert canonical(fresh) == "http://clinic.example/conditions/sciatica/"


def test_a_page_cached_over_http_is_not_served_over_https(client):
    assert canonical(client.get(URL)).startswith("http://")
    secure = client.get(URL, secure=True)
    assert secure["X-Page-Cache"] == "miss"
    assert canonical(secure).startswith("https://")


def test_each_path_is_its_own_page(client):
    client.get(URL)
    other = client.get("/conditions/sciatica/")
    assert other["X-Page-Cache"] == "miss"
    assert canonical(other).endswith("/conditions/sciatica/")


def test_a_page_in_another_language_than_its_path_is_not_stored(rf):
    """A language chosen by a cookie or the browser: the page at /x/ in
    Spanish is not the page of /x/ (a /es/ prefix is its own path)."""

    def spanish(request):
        return HttpResponse("Hola", headers={"Content-Language": "es"})

    middleware = PageCacheMiddleware(spanish)
    middleware(rf.get("/x/"))
    assert "X-Page-Cache" not in middleware(rf.get("/x/"))
    middleware(rf.get("/es/x/"))
    assert middleware(rf.get("/es/x/"))["X-Page-Cache"] == "hit"


def test_positions_are_rounded_to_about_a_kilometer(client):
    """Every position a phone reports was a new page; now a position ~1 km
    apart is the same page."""
    client.get("/locations/?lat=33.49412&lng=-111.92618")
    near = client.get("/locations/?lat=33.4938&lng=-111.9259")
    assert near["X-Page-Cache"] == "hit"
    assert client.get("/locations/?lat=33.60&lng=-111.93")["X-Page-Cache"] == "miss"


@pytest.mark.parametrize(
    "query",
    [
        "/search/?q=zzqvx+flurbo",  # words the site does not know
        "/search/?q=sciatica+zzqvx",  # one of them
        "/locations/?lat=abc&lng=1",  # not a position
        "/locations/?near=zzqvx",  # a place the finder does not know
        "/locations/?treatment=made-up",  # a treatment the site does not have
    ],
)
def test_made_up_values_are_rendered_but_never_stored(client, query):
    """A flood of made-up values filled Redis with a page each."""
    first = client.get(query)
    assert first.status_code == 200
    assert "X-Page-Cache" not in client.get(query)


def test_a_value_longer_than_any_a_view_reads_is_never_stored(rf):
    """Bounded even for a view that would cache anything it is given."""

    def echo(request):
        return HttpResponse(request.GET.get("q", ""))

    middleware = PageCacheMiddleware(echo)
    long = "/x/?q=" + "a" * 201
    assert middleware(rf.get(long)).content == b"a" * 201
    assert "X-Page-Cache" not in middleware(rf.get(long))
    middleware(rf.get("/x/?q=" + "a" * 200))
    assert middleware(rf.get("/x/?q=" + "a" * 200))["X-Page-Cache"] == "hit"


def test_spaces_around_words_are_one_page(client):
    client.get("/search/?q=back+pain")
    assert client.get("/search/?q=++back+++pain+")["X-Page-Cache"] == "hit"
    client.get("/locations/?near=85054")
    assert client.get("/locations/?near=+85054++")["X-Page-Cache"] == "hit"


def test_values_the_site_knows_are_stored(client):
    for query in (
        "/search/?q=sciatica",
        "/locations/?near=85054",
        "/locations/?treatment=chiropractic",
    ):
        client.get(query)
        assert client.get(query)["X-Page-Cache"] == "hit", query
