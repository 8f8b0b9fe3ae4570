"""The full-page cache: fast for anonymous visitors, never stale after a
content change, never shared with staff."""

import gzip

import pytest
from django.http import HttpResponse, HttpResponseNotFound
from django.views.decorators.cache import never_cache

from backfit import pagecache
from backfit.pagecache import PageCacheMiddleware, content_version
from base.models import ClinicSettings
from conditions.models import Condition, RootCause
from locations.models import Location

from .clinics import save_clinic

pytestmark = pytest.mark.django_db

CONDITION_URL = "/conditions/back-muscle-spasms/"


def test_second_anonymous_visit_comes_from_the_cache(client):
    first = client.get(CONDITION_URL)
    second = client.get(CONDITION_URL)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Browsers ask again every time, so a staff edit reaches them at once.
    assert set(second["Cache-Control"].split(", ")) == {
        "public",
        "max-age=0",
        "must-revalidate",
    }
    assert second["ETag"] == first["ETag"]
    # Headers added outside the cache still come with a cached page.
    assert second["X-Content-Type-Options"] == "nosniff"


def test_head_is_served_from_the_cache(client):
    client.get(CONDITION_URL)
    assert client.head(CONDITION_URL)["X-Page-Cache"] == "hit"


def test_a_browser_that_has_the_page_gets_not_modified(client):
    etag = client.get(CONDITION_URL)["ETag"]
    response = client.get(CONDITION_URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_cached_pages_are_gzipped_for_browsers_that_accept_it(client):
    plain = client.get(CONDITION_URL)
    zipped = client.get(CONDITION_URL, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert zipped["X-Page-Cache"] == "hit"
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert int(zipped["Content-Length"]) < len(plain.content) / 3
    assert "Accept-Encoding" in zipped["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert "Content-Encoding" not in client.get(CONDITION_URL)
    # Each form has its own validator.
    assert zipped["ETag"] != plain["ETag"]
    again = client.get(
        CONDITION_URL, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"]
    )
    assert again.status_code == 304


def test_query_strings_are_different_pages(client):
    client.get("/conditions/")
    assert client.get("/conditions/?page=2")["X-Page-Cache"] == "miss"


def test_saving_a_condition_is_live_on_the_next_request(client):
    client.get(CONDITION_URL)
    condition = Condition.objects.get(slug="back-muscle-spasms")
    condition.definition = "A brand-new definition written by staff."
    condition.save()
    response = client.get(CONDITION_URL)
    assert response["X-Page-Cache"] == "miss"
    assert b"A brand-new definition written by staff." in response.content


def test_a_related_record_change_shows_on_every_page_that_lists_it(client):
    client.get(CONDITION_URL)
    client.get("/")
    cause = RootCause.objects.get(slug="pins-and-needles")
    cause.name = "Tingling (renamed by staff)"
    cause.save()
    assert b"Tingling (renamed by staff)" in client.get(CONDITION_URL).content


def test_unlinking_a_record_shows_at_once(client):
    assert b"/root-causes/pins-and-needles/" in client.get(CONDITION_URL).content
    condition = Condition.objects.get(slug="back-muscle-spasms")
    condition.root_causes.remove(RootCause.objects.get(slug="pins-and-needles"))
    assert b"/root-causes/pins-and-needles/" not in client.get(CONDITION_URL).content


def test_deleting_a_location_shows_at_once(client):
    save_clinic("Mesa", "85201")
    assert b"/locations/mesa/" in client.get("/locations/").content
    Location.objects.get(slug="mesa").delete()
    assert b"/locations/mesa/" not in client.get("/locations/").content


def test_a_new_phone_number_shows_on_cached_pages(client):
    client.get("/treatments/")
    clinic = ClinicSettings.load()
    clinic.phone = "+1 480 555 0100"
    clinic.save()
    assert b"(480) 555-0100" in client.get("/treatments/").content


def test_changes_outside_the_content_apps_keep_the_cache(client, admin_user):
    client.get(CONDITION_URL)
    before = content_version()
    admin_user.first_name = "Pat"
    admin_user.save()
    assert content_version() == before
    assert client.get(CONDITION_URL)["X-Page-Cache"] == "hit"


def test_staff_never_get_or_fill_the_public_cache(admin_client):
    response = admin_client.get(CONDITION_URL)
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_not_found_pages_are_not_cached(client):
    client.get("/conditions/no-such-page/")
    response = client.get("/conditions/no-such-page/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response


def run_middleware(rf, view, cookies=None):
    request = rf.get("/some/page/")
    request.COOKIES.update(cookies or {})
    return PageCacheMiddleware(view)(request)


def test_never_cache_responses_stay_out_of_the_cache(rf):
    @never_cache
    def private_page(request):
        return HttpResponse("form")

    run_middleware(rf, private_page)
    assert "X-Page-Cache" not in run_middleware(rf, private_page)


def test_responses_setting_a_cookie_stay_out_of_the_cache(rf):
    def with_cookie(request):
        response = HttpResponse("<form>")
        response.set_cookie("csrftoken", "abc")
        return response

    run_middleware(rf, with_cookie)
    assert "X-Page-Cache" not in run_middleware(rf, with_cookie)


def test_visitors_with_a_session_or_messages_skip_the_cache(rf):
    def page(request):
        return HttpResponse("page")

    assert run_middleware(rf, page)["X-Page-Cache"] == "miss"
    assert run_middleware(rf, page)["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in run_middleware(rf, page, {"sessionid": "x"})
    assert "X-Page-Cache" not in run_middleware(rf, page, {"messages": "x"})


def test_errors_stay_out_of_the_cache(rf):
    def gone(request):
        return HttpResponseNotFound("gone")

    run_middleware(rf, gone)
    assert "X-Page-Cache" not in run_middleware(rf, gone)


def test_a_page_that_says_how_long_it_stays_true_is_kept_no_longer(rf):
    """A location's "open now" is only true for a minute: the cache keeps it
    no longer than the view says, in this worker and in the shared cache."""
    served = []

    def open_now(request):
        served.append(1)
        return HttpResponse("open now", headers={"Cache-Control": "max-age=1"})

    middleware = PageCacheMiddleware(open_now)
    first = middleware(rf.get("/locations/x/"))
    assert set(first["Cache-Control"].split(", ")) == {"max-age=1", "public"}
    assert middleware(rf.get("/locations/x/"))["X-Page-Cache"] == "hit"
    [(key, entry)] = [
        (k, e) for k, e in pagecache._local.items() if e[4] == b"open now"
    ]
    pagecache._local[key] = (entry[0], 0, *entry[2:])
    assert middleware(rf.get("/locations/x/"))["X-Page-Cache"] == "miss"
    assert len(served) == 2


def test_max_age_zero_is_never_cached(rf):
    def fresh(request):
        return HttpResponse("now", headers={"Cache-Control": "max-age=0"})

    run_middleware(rf, fresh)
    assert "X-Page-Cache" not in run_middleware(rf, fresh)


class Django:
    """Stands in for Django behind the WSGI fast path, counting calls."""

    def __init__(self):
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"from django"]


def wsgi_get(app, path=CONDITION_URL, **headers):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "HTTP_HOST": "testserver",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        **headers,
    }
    started = {}

    def start_response(status, response_headers):
        started.update(status=status, headers=dict(response_headers))

    body = b"".join(app(environ, start_response))
    return started["status"], started["headers"], body


def test_gunicorn_answers_cached_pages_before_django(client, settings):
    from backfit.pagecache import CachedPagesApp

    settings.SECURE_SSL_REDIRECT = False
    page = client.get(CONDITION_URL)
    django = Django()
    app = CachedPagesApp(django)

    status, headers, body = wsgi_get(app)
    assert (status, body) == ("200 OK", page.content)
    assert headers["X-Page-Cache"] == "hit"
    assert headers["ETag"] == page["ETag"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == page["Content-Security-Policy"]
    assert len(headers["X-Request-ID"]) == 32  # as the middleware above gives
    assert wsgi_get(app, HTTP_X_REQUEST_ID="lb-1234567")[1]["X-Request-ID"] == (
        "lb-1234567"
    )
    status, headers, body = wsgi_get(app, HTTP_ACCEPT_ENCODING="gzip")
    assert gzip.decompress(body) == page.content
    status, _, body = wsgi_get(app, HTTP_IF_NONE_MATCH=page["ETag"])
    assert (status, body) == ("304 Not Modified", b"")
    assert wsgi_get(app, REQUEST_METHOD="HEAD")[2] == b""
    assert django.calls == 0

    # Everything it is not sure of goes to Django.
    wsgi_get(app, HTTP_COOKIE="sessionid=abc")  # staff
    wsgi_get(app, HTTP_HOST="evil.example")  # not an allowed host
    wsgi_get(app, path="/conditions/sciatica/")  # not cached yet
    wsgi_get(app, REQUEST_METHOD="POST")
    settings.SECURE_SSL_REDIRECT = True
    wsgi_get(app)  # plain HTTP when HTTPS is enforced: Django redirects
    assert django.calls == 5


def test_the_fast_path_sees_a_content_change_at_once(client, settings):
    from backfit.pagecache import CachedPagesApp

    settings.SECURE_SSL_REDIRECT = False
    client.get(CONDITION_URL)
    django = Django()
    app = CachedPagesApp(django)
    assert wsgi_get(app)[1]["X-Page-Cache"] == "hit"
    condition = Condition.objects.get(slug="back-muscle-spasms")
    condition.save()
    assert wsgi_get(app)[2] == b"from django"
