"""What the app tells a shared cache (nginx's edge cache, a CDN): an
anonymous page may be kept a second; a signed-in editor's page, a form that
sets a cookie, an error or a redirect may not be kept at all."""

import pytest
from django.http import HttpResponse

from backfit.edge import SharedCacheHeadersMiddleware

pytestmark = pytest.mark.django_db

CONDITION_URL = "/conditions/back-muscle-spasms/"


def directives(response):
    return set(response.get("Cache-Control", "").replace(" ", "").split(","))


def test_an_anonymous_page_may_be_kept_a_second_by_a_shared_cache(client):
    for _ in range(2):  # the page cache's miss, then its hit
        response = client.get(CONDITION_URL)
        assert response.status_code == 200
        assert {"public", "s-maxage=1", "stale-while-revalidate=1"} <= directives(
            response
        )


def test_a_shared_cache_keeps_nothing_when_told_so(client, settings):
    settings.EDGE_CACHE_SECONDS = 0
    assert "s-maxage=1" not in directives(client.get(CONDITION_URL))


def test_a_signed_in_editors_page_is_private(editor_client):
    response = editor_client.get(CONDITION_URL)
    assert response.status_code == 200
    assert "private" in directives(response)
    assert not any(d.startswith("s-maxage") for d in directives(response))


def test_a_form_that_sets_a_cookie_is_never_stored(client, rf):
    response = client.get("/appointments/request/")
    assert response.cookies
    assert {"private", "no-store"} <= directives(response)

    def page_with_a_cookie(request):
        page = HttpResponse("hello")
        page.set_cookie("seen", "1")
        return page

    response = SharedCacheHeadersMiddleware(page_with_a_cookie)(rf.get("/x/"))
    assert {"private", "no-store"} <= directives(response)


def test_errors_and_redirects_are_private(client):
    assert "private" in directives(client.get("/conditions/no-such-thing/"))
    redirect = client.get("/conditions")
    assert redirect.status_code == 301
    assert "private" in directives(redirect)


def test_static_files_keep_their_own_long_lifetime(client):
    from django.templatetags.static import static

    response = client.get(static("css/site.css"))
    assert response.status_code == 200
    assert not any(d.startswith("s-maxage") for d in directives(response))
