"""What patients searched for (issue 18): counted per day and words, cached
pages included, nothing that identifies a visitor, forgotten after 90 days,
on the admin home with a two-click fix, and the privacy page says so."""

import io
from datetime import timedelta
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from pages.models import SearchCount, Synonym

from .conftest import parse
from .test_search import SPASMS_URL, result_links

pytestmark = pytest.mark.django_db


def counts():
    return {(r.words, r.count, r.results) for r in SearchCount.objects.all()}


def test_searches_are_counted_per_day_and_words(client):
    client.get("/search/", {"q": "Back  Pain"})
    client.get("/search/", {"q": "back pain"})
    client.get("/search/", {"q": "xylophone"})
    client.get("/search/", {"q": ""})  # no search: nothing to count
    client.get("/search/", {"q": "back pain", "page": "2"})  # the same search, paged
    rows = {r.words: r for r in SearchCount.objects.all()}
    assert set(rows) == {"back pain", "xylophone"}
    assert rows["back pain"].count == 2
    assert rows["back pain"].results > 0
    assert rows["xylophone"].results == 0
    assert rows["back pain"].day == timezone.localdate()


def test_a_search_answered_from_the_page_cache_is_counted(client):
    assert client.get("/search/?q=neck")["X-Page-Cache"] == "miss"
    assert client.get("/search/?q=neck")["X-Page-Cache"] == "hit"
    assert counts() == {("neck", 2, SearchCount.objects.get().results)}


def wsgi_get(query_string):
    from backfit.wsgi import application

    environ = {"PATH_INFO": "/search/", "QUERY_STRING": query_string}
    setup_testing_defaults(environ)
    environ["HTTP_HOST"] = "testserver"
    status = []
    body = b"".join(application(environ, lambda s, h, e=None: status.append((s, h))))
    return status[0][0], dict(status[0][1]), body


@pytest.fixture
def keep_the_test_connection(monkeypatch):
    """The real WSGI application closes database connections left over from
    an earlier request (Django's request_started, and SearchCountApp before
    counting a fast-path hit); here that would close the test's own
    transaction (on PostgreSQL). As Django's test client does, leave it open."""
    from django.core.signals import request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    monkeypatch.setattr("pages.searchlog.close_old_connections", lambda: None)
    yield
    request_started.connect(close_old_connections)


def test_a_search_the_fast_path_answers_is_counted_once(
    settings, keep_the_test_connection
):
    settings.ALLOWED_HOSTS = ["testserver"]
    first = wsgi_get("q=spasm")
    assert first[0].startswith("200") and first[1]["X-Page-Cache"] == "miss"
    second = wsgi_get("q=spasm&utm_source=mail")
    assert second[1]["X-Page-Cache"] == "hit"
    assert SearchCount.objects.get(words="spasm").count == 2


def test_nothing_identifies_who_searched(client, admin_client):
    names = {f.name for f in SearchCount._meta.get_fields()}
    assert names == {"id", "day", "words", "language", "count", "results"}
    visitor = Client(
        HTTP_USER_AGENT="Mozilla/5.0 UniqueBrowser/9.9",
        REMOTE_ADDR="203.0.113.77",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    visitor.cookies["sessionid"] = "visitor-session-key-0123456789abcdef"
    visitor.get("/search/", {"q": "Call me on 6025551234 about sciatica"})
    admin_client.get("/search/", {"q": "neck"})
    stored = " ".join(
        str(value) for row in SearchCount.objects.values() for value in row.values()
    )
    assert "call me on about sciatica" in stored  # the words, normalized
    for secret in [
        "6025551234",
        "203.0.113",
        "198.51.100",
        "UniqueBrowser",
        "visitor-session",
        "admin",
    ]:
        assert secret not in stored


def test_counts_older_than_90_days_are_deleted(client):
    today = timezone.localdate()
    for age in (0, 89, 90, 91, 400):
        SearchCount.objects.create(
            day=today - timedelta(days=age), words=f"age {age}", count=1
        )
    out = io.StringIO()
    call_command("purge_search_counts", stdout=out)
    kept = set(SearchCount.objects.values_list("words", flat=True))
    assert kept == {"age 0", "age 89", "age 90"}
    assert "Deleted 2 daily search count(s) older than 90 days." in out.getvalue()


def test_a_new_days_search_forgets_what_is_past_retention(client):
    old = timezone.localdate() - timedelta(days=120)
    SearchCount.objects.create(day=old, words="old words", count=3)
    client.get("/search/", {"q": "knee"})
    assert not SearchCount.objects.filter(day=old).exists()


def test_the_privacy_page_says_what_is_kept_and_for_how_long(client, settings):
    settings.SEARCH_COUNT_RETENTION_DAYS = 45
    text = parse(client.get("/privacy/")).main_text
    assert "The site counts the words people search for" in text
    assert "nothing about who searched" in text
    assert "The counts are deleted after 45 days." in text


def test_the_admin_home_lists_searches_and_fixes_one_in_two_clicks(
    client, editor_client, django_capture_on_commit_callbacks
):
    for _ in range(3):
        client.get("/search/", {"q": "charley horse"})
    client.get("/search/", {"q": "neck"})
    home = editor_client.get("/admin/")
    page = parse(home)
    assert "What patients searched for" in page.main_text
    assert "Searches that found nothing" in page.main_text
    assert "charley horse (3 searches)" in page.main_text
    add = "/admin/pages/synonym/add/?words=charley%20horse&language=en"
    assert add in page.links  # click one
    form = editor_client.get(add).content.decode()
    assert 'value="charley horse"' in form
    with django_capture_on_commit_callbacks(execute=True):  # click two: save
        response = editor_client.post(
            add, {"words": "charley horse", "means": "spasm", "language": "en"}
        )
    assert response.status_code == 302
    assert Synonym.objects.filter(words="charley horse").exists()
    assert result_links(client, "charley horse")[0] == SPASMS_URL


def test_staff_without_rights_to_search_words_do_not_see_the_searches(client):
    from django.contrib.auth import get_user_model

    client.get("/search/", {"q": "xylophone"})
    clerk = get_user_model().objects.create_user("clerk", password="x" * 20)
    clerk.is_staff = True
    clerk.save()
    staff = Client()
    staff.force_login(clerk)
    assert "What patients searched for" not in staff.get("/admin/").content.decode()
