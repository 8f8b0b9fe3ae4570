"""The shared cache on a real Redis server, and the site without it.

Needs a Redis server: TEST_REDIS_URL (set by .ci/services.sh), e.g.
TEST_REDIS_URL=redis://127.0.0.1:63799/6. The "Redis down" tests point at a
loopback port where nothing listens and need no server."""

import logging
import os
import subprocess
import sys

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from backfit.cache import ResilientRedisCache

from .production import ROOT, free_port
from .test_pages import CONDITION_URL, crawl

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


def redis_cache(url):
    """CACHES as CACHE_URL=redis://... makes them: one Redis cache, which
    also holds the pages (PAGE_CACHE_ALIAS "default"); the rate limit counts
    in the database whatever the cache."""
    from django.conf import settings

    return {
        "default": {
            "BACKEND": "backfit.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "backfit-tests",
        },
        "ratelimit": settings.CACHES["ratelimit"],
    }


@pytest.fixture
def real_redis():
    from .conftest import require

    require(REDIS_URL, "no Redis server: set TEST_REDIS_URL (bash .ci/run does)")
    with override_settings(CACHES=redis_cache(REDIS_URL), PAGE_CACHE_ALIAS="default"):
        backend = caches["default"]
        backend.clear()
        yield backend
        backend.clear()


@pytest.fixture
def redis_down():
    url = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(CACHES=redis_cache(url), PAGE_CACHE_ALIAS="default"):
        yield caches["default"]


def test_cache_url_redis_selects_the_resilient_backend():
    code = "from django.conf import settings; print(settings.CACHES['default'])"
    env = {
        **os.environ,
        "CACHE_URL": "redis://127.0.0.1:6379/3",
        "DJANGO_SECRET_KEY": "x" * 50,
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "backfit.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "backfit.cache.ResilientRedisCache" in result.stdout
    assert "redis://127.0.0.1:6379/3" in result.stdout


def test_real_redis_stores_and_shares_values(real_redis):
    assert isinstance(real_redis, ResilientRedisCache)
    real_redis.set("page", "<html>cached</html>", 60)
    assert real_redis.get("page") == "<html>cached</html>"
    # a second client (another gunicorn worker or host) sees the same value
    other = ResilientRedisCache(REDIS_URL, {"KEY_PREFIX": "backfit-tests"})
    assert other.get("page") == "<html>cached</html>"
    real_redis.set("content-version", 1)
    assert other.incr("content-version") == 2
    assert real_redis.get("content-version") == 2
    assert real_redis.get_many(["page", "missing"]) == {"page": "<html>cached</html>"}
    assert real_redis.add("page", "other") is False
    real_redis.delete("page")
    assert other.get("page") is None
    assert real_redis.get_or_set("computed", lambda: "fresh") == "fresh"


@pytest.mark.django_db
def test_pages_are_served_with_redis_as_the_cache(real_redis, client):
    assert client.get(CONDITION_URL).status_code == 200
    assert client.get("/").status_code == 200


def test_redis_down_reads_as_a_miss_and_writes_do_nothing(redis_down, caplog):
    caplog.set_level(logging.WARNING, logger="backfit.cache")
    assert redis_down.get("page") is None
    assert redis_down.get("page", "default") == "default"
    redis_down.set("page", "value")
    assert redis_down.add("page", "value") is False
    assert redis_down.get_many(["a", "b"]) == {}
    assert redis_down.set_many({"a": 1}) == []
    redis_down.delete("page")
    redis_down.delete_many(["a"])
    assert redis_down.has_key("page") is False
    assert redis_down.get_or_set("computed", lambda: "fresh") == "fresh"
    with pytest.raises(ValueError):
        redis_down.incr("content-version")
    assert "Cache unavailable" in caplog.text


def test_redis_down_is_not_retried_on_every_call(redis_down, caplog):
    caplog.set_level(logging.WARNING, logger="backfit.cache")
    for _ in range(20):
        redis_down.get("page")
    # one failed connection, then the cache is left alone for a few seconds
    assert caplog.text.count("Cache unavailable") == 1


@pytest.mark.django_db
def test_redis_down_the_whole_site_is_still_served(redis_down, client):
    cache.set("content-version", 1)  # the site's own cache calls do not fail
    pages = crawl(client)
    assert len(pages) > 40
    assert {response.status_code for response in pages.values()} == {200}


@pytest.mark.django_db
def test_redis_down_patients_can_still_request_an_appointment(redis_down, client):
    from appointments.models import AppointmentRequest

    from .test_appointments import URL, post, valid

    assert client.get(URL).status_code == 200
    response = post(client, valid())
    assert response.status_code == 302
    assert AppointmentRequest.objects.count() == 1


def pause_writes(milliseconds):
    """What a busy, failing-over or out-of-memory Redis does: reads answer,
    writes wait (CLIENT PAUSE ... WRITE)."""
    import redis

    redis.Redis.from_url(REDIS_URL).execute_command(
        "CLIENT", "PAUSE", milliseconds, "WRITE"
    )


@pytest.mark.django_db
def test_a_content_change_is_not_lost_while_redis_pauses_writes(real_redis, client):
    """Unpublish a page while Redis holds writes for 1.5 s: the page must not
    be served from the cache afterwards (it was, for up to an hour)."""
    import time

    from conditions.models import Condition

    url = "/conditions/sciatica/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    pause_writes(1500)
    started = time.monotonic()
    sciatica = Condition.objects.get(slug="sciatica")
    sciatica.status = "draft"
    sciatica.save()
    assert time.monotonic() - started < 4
    real_redis._down_until = 0  # later, when the worker tries Redis again
    assert client.get(url).status_code == 404


def test_with_redis_down_staff_saves_still_work(redis_down, admin_client):
    """The content version lives in the database: a Redis that cannot be
    reached never refuses a staff change (it was a 503 "Not saved")."""
    from locations.models import Location

    location = Location.objects.get(slug="desert-ridge")
    url = f"/admin/locations/location/{location.pk}/delete/"
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Location.objects.filter(slug="desert-ridge").exists()


def test_a_separate_page_cache_on_redis_is_fail_open_too():
    """PAGE_CACHE_URL=redis://... down: pages are built from the database,
    never a 500 (it was the plain backend)."""
    code = "from django.conf import settings; print(settings.CACHES['pages'])"
    env = {
        **os.environ,
        "PAGE_CACHE_URL": "redis://127.0.0.1:6379/4",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_SETTINGS_MODULE": "backfit.settings",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "backfit.cache.ResilientRedisCache" in result.stdout
