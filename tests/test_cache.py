"""The full-page cache: fast for anonymous visitors, never stale after a
content change, never shared with staff."""

import gzip

import pytest
from django.http import HttpResponse, HttpResponseNotFound
from django.views.decorators.cache import never_cache

from backfit import pagecache
from backfit.pagecache import PageCacheMiddleware
from base import memory
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
    # Browsers ask again every time, so a staff edit reaches them at once;
    # a shared cache (nginx, a CDN) keeps it a second (backfit/edge.py).
    assert set(second["Cache-Control"].split(", ")) == {
        "public",
        "max-age=0",
        "must-revalidate",
        "s-maxage=1",
        "stale-while-revalidate=1",
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


def test_parameters_a_view_reads_are_different_pages(client):
    client.get("/search/?q=sciatica")
    assert client.get("/search/?q=neck")["X-Page-Cache"] == "miss"
    assert client.get("/search/?q=sciatica")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    "query",
    # (`page` is read by paged lists such as search, `p` by the sitemap's
    # pages: kept parameters now.)
    ["utm_source=newsletter&utm_medium=email", "fbclid=IwAR0abc", "x=1", "sort=2"],
)
def test_tracking_and_unknown_parameters_cannot_fill_the_cache(client, query):
    """A link from a newsletter or Facebook gets the cached page; random
    parameters cannot make the site store a copy per URL."""
    client.get("/conditions/")
    response = client.get(f"/conditions/?{query}")
    assert response["X-Page-Cache"] == "hit"
    # Dropped before the view: nothing it renders can depend on them.
    assert client.get(f"/search/?q=neck&{query}")["X-Page-Cache"] == "miss"
    assert client.get(f"/search/?{query}&q=neck")["X-Page-Cache"] == "hit"


def test_parameter_order_and_encoding_do_not_make_new_copies(client):
    client.get("/locations/?near=85281&treatment=chiropractic")
    again = client.get("/locations/?treatment=chiropractic&near=85281&utm_id=1")
    assert again["X-Page-Cache"] == "hit"
    assert client.get("/search/?q=back%20pain")["X-Page-Cache"] == "miss"
    assert client.get("/search/?q=back+pain")["X-Page-Cache"] == "hit"


def test_every_query_parameter_a_view_reads_is_kept(settings):
    """A view that starts reading a new parameter must add it to
    PAGE_CACHE_QUERY_PARAMS, or the cache would drop it."""
    import re
    from pathlib import Path

    read = set()
    root = Path(settings.BASE_DIR)
    for path in root.glob("*/**/*.py"):
        if path.parts[len(root.parts)] in {".venv", "tests"}:
            continue
        text = path.read_text()
        read |= set(re.findall(r"GET\.get\(\s*[\"'](\w+)", text))
        read |= set(re.findall(r"[\"'](\w+)[\"']\s+in\s+self\.request\.GET", text))
    assert read
    assert read <= settings.PAGE_CACHE_QUERY_PARAMS, read


def test_made_up_session_and_messages_cookies_do_not_skip_the_cache(client):
    client.get(CONDITION_URL)
    client.cookies["sessionid"] = "made-up-session-key-12345678901234"
    client.cookies["messages"] = "anything"
    assert client.get(CONDITION_URL)["X-Page-Cache"] == "hit"


def test_a_signed_in_session_still_skips_the_cache(client, admin_user):
    client.get(CONDITION_URL)
    client.force_login(admin_user)
    assert "X-Page-Cache" not in client.get(CONDITION_URL)


def test_a_real_pending_message_still_skips_the_cache(client, rf):
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpResponse as Response

    client.get(CONDITION_URL)
    storage = CookieStorage(rf.get("/"))
    response = Response()
    storage._store(["Saved."], response)
    client.cookies["messages"] = response.cookies["messages"].value
    assert "X-Page-Cache" not in client.get(CONDITION_URL)


class Interleaved(dict):
    """The process's memory, with another thread's turn forced in right
    after a store: the moment where two threads of one gunicorn worker can
    interleave (the interpreter may switch threads between two statements)."""

    other_thread = None

    def move_to_end(self, key):
        value = self.pop(key)
        dict.__setitem__(self, key, value)

    def popitem(self, last=True):
        key = next(iter(self)) if not last else list(self)[-1]
        return key, self.pop(key)

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        other, self.other_thread = self.other_thread, None
        if other is not None:
            other.start()
            other.join(timeout=0.5)  # it may have to wait for a lock


def test_the_worker_memory_is_safe_for_two_threads(monkeypatch):
    """A threaded worker: one thread refreshes the oldest page while another
    stores a new one and evicts the oldest. Neither may raise."""
    import threading

    entries = Interleaved(old=("v",), mid=("v",))
    monkeypatch.setattr(memory, "_memory", ("v", entries))
    monkeypatch.setattr(memory, "MEMORY_ENTRIES", 2)
    errors = []

    def remember(key):
        try:
            memory.remember(key, ("v2",), "v")
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    second = threading.Thread(target=remember, args=("new",))
    entries.other_thread = second
    remember("old")
    second.join()
    assert errors == []
    assert list(entries) == ["old", "new"] or list(entries) == ["new", "old"]


def test_a_new_release_does_not_serve_the_last_releases_pages(
    client, settings, tmp_path
):
    """A changed template between two starts: the page is rendered afresh."""
    template = tmp_path / "templates" / "note.html"
    template.parent.mkdir()
    template.write_text("one")
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [template.parent, *settings.TEMPLATES[0]["DIRS"]],
        }
    ]
    settings.RELEASE = ""
    pagecache.release.cache_clear()
    try:
        first = pagecache.release()
        client.get(CONDITION_URL)
        assert client.get(CONDITION_URL)["X-Page-Cache"] == "hit"
        template.write_text("two")
        pagecache.release.cache_clear()  # what a restart does
        assert pagecache.release() != first
        assert client.get(CONDITION_URL)["X-Page-Cache"] == "miss"
        settings.RELEASE = "v2"
        pagecache.release.cache_clear()
        assert pagecache.release() == "v2"
    finally:
        pagecache.release.cache_clear()


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
    before = memory.version()
    admin_user.first_name = "Pat"
    admin_user.save()
    assert memory.version() == before
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
        (k, e)
        for k, e in memory._memory[1].items()
        if k[0] == "page" and e[4] == b"open now"
    ]
    memory._memory[1][key] = (entry[0], 0, *entry[2:])
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


def test_a_change_rolled_back_keeps_the_cached_page(client):
    """The version is written in the change's own transaction: a save that
    is rolled back takes its new version back with it."""
    from django.db import transaction

    client.get(CONDITION_URL)
    before = memory.version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Condition.objects.get(slug="back-muscle-spasms").save()
        assert memory.version() != before  # this transaction sees its own
        raise RuntimeError
    assert memory.version() == before
    assert client.get(CONDITION_URL)["X-Page-Cache"] == "hit"


def test_a_committed_change_gives_a_fresh_version_that_is_cached_again(
    client, django_capture_on_commit_callbacks
):
    client.get(CONDITION_URL)
    with django_capture_on_commit_callbacks(execute=True):
        Condition.objects.get(slug="back-muscle-spasms").save()
    assert client.get(CONDITION_URL)["X-Page-Cache"] == "miss"
    assert client.get(CONDITION_URL)["X-Page-Cache"] == "hit"


def test_only_content_models_have_page_cache_receivers():
    """Receivers on every model would turn off Django's fast deletes for
    appointment requests and sessions too."""
    from django.contrib.sessions.models import Session
    from django.db.models.deletion import Collector
    from django.db.models.signals import post_delete

    from appointments.models import AppointmentRequest

    assert post_delete.has_listeners(Condition)
    assert not post_delete.has_listeners(AppointmentRequest)
    assert Collector(using="default").can_fast_delete(AppointmentRequest.objects.all())
    assert Collector(using="default").can_fast_delete(Session.objects.all())


def test_with_the_page_cache_off_a_page_reads_its_record_once_per_version(
    client, settings, django_capture_on_commit_callbacks
):
    """The miss path: a condition page's record and the clinic's settings
    are kept until the content changes; a committed change is on the next
    render."""
    settings.PAGE_CACHE_SECONDS = 0
    client.get(CONDITION_URL)
    with content_queries() as queries:
        assert client.get(CONDITION_URL).status_code == 200
    assert len(queries) <= 1, queries  # only the clinics offering its care
    with django_capture_on_commit_callbacks(execute=True):
        condition = Condition.objects.get(slug="back-muscle-spasms")
        condition.definition = "Rewritten after the first render."
        condition.save()
    assert b"Rewritten after the first render." in client.get(CONDITION_URL).content


class content_queries:  # noqa: N801 (a context manager, used like a function)
    """The SQL a block runs, less the database cache's own table (where the
    content version lives when the cache is the database)."""

    def __enter__(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.context = CaptureQueriesContext(connection)
        self.context.__enter__()
        self.queries = []
        return self.queries

    def __exit__(self, *exc):
        self.context.__exit__(*exc)
        self.queries[:] = [
            q["sql"]
            for q in self.context.captured_queries
            if "django_cache" not in q["sql"] and "contentversion" not in q["sql"]
        ]


@pytest.mark.parametrize("seconds", [3600, 0])
def test_the_content_version_is_read_once_per_request(
    client, settings, monkeypatch, seconds
):
    """The database is asked for the version once, however many records,
    settings and pages the request reads from the process's memory. (The
    read goes past Django's query log: it is counted on its way.)"""
    reads = []
    read = memory._read

    def counted():
        reads.append(1)
        return read()

    monkeypatch.setattr(memory, "_read", counted)
    settings.PAGE_CACHE_SECONDS = seconds
    for _ in range(2):  # a miss (or a render), then a hit (or a render)
        reads.clear()
        assert client.get(CONDITION_URL).status_code == 200
        assert len(reads) == 1


def test_a_render_changes_nothing_shared_between_requests(client, rf, settings):
    """The records kept in the process's memory are shared by every request
    (and thread): a render may read them, never set anything on them."""
    from conditions.views import ConditionDetailView
    from treatments.views import TreatmentDetailView

    settings.PAGE_CACHE_SECONDS = 0
    pages = [
        (ConditionDetailView, CONDITION_URL, "back-muscle-spasms"),
        (TreatmentDetailView, "/treatments/chiropractic/", "chiropractic"),
    ]
    kept = []
    for view_class, url, slug in pages:
        view = view_class()
        view.setup(rf.get(url), slug=slug)
        kept.append(view.get_object())  # kept before any render
    related = [
        item
        for record in kept
        for items in record._prefetched_objects_cache.values()
        for item in items
    ]
    before = [dict(vars(item)) for item in [*kept, *related]]
    for _, url, _ in pages * 2:
        assert client.get(url).status_code == 200
    for view_class, url, slug in pages:
        view = view_class()
        view.setup(rf.get(url), slug=slug)
        record = view.get_object()
        assert any(record is k for k in kept)  # the very same objects
    assert [dict(vars(item)) for item in [*kept, *related]] == before
