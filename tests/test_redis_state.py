"""A Redis that loses state or fills up costs speed, never correctness
(issue 19, findings 1 and 2): each test starts its own redis-server, on a
free port in a temporary folder, and stops it."""

import shutil
import subprocess
import time

import pytest
from django.conf import settings
from django.test import override_settings

from appointments.models import AppointmentRequest
from conditions.models import Condition

from .conftest import require
from .production import free_port
from .test_appointments import post, valid

pytestmark = pytest.mark.django_db
WHIPLASH = "/conditions/whiplash/"


class RedisServer:
    def __init__(self, folder, *options):
        self.folder, self.port = folder, free_port()
        self.options = options
        self.start()

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.folder),
                "--save",
                "",
                "--appendonly",
                "no",
                *self.options,
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                self.client().ping()
                return
            except Exception:  # noqa: BLE001 (still starting)
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def client(self):
        import redis

        return redis.Redis(port=self.port)

    def kill(self):
        self.process.kill()  # kill -9: no save on the way out
        self.process.wait()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


@pytest.fixture
def redis_server(tmp_path, request):
    require(shutil.which("redis-server"), "no redis-server installed")
    options = getattr(request, "param", ())
    server = RedisServer(tmp_path, *options)
    caches = {
        "default": {
            "BACKEND": "backfit.cache.ResilientRedisCache",
            "LOCATION": server.url,
        },
        "ratelimit": settings.CACHES["ratelimit"],
    }
    with override_settings(CACHES=caches, PAGE_CACHE_ALIAS="default"):
        yield server
    server.kill()


def test_a_redis_restarted_from_an_old_snapshot_never_serves_an_unpublished_page(
    client, redis_server
):
    """The report: snapshot, an editor unpublishes Whiplash, Redis killed and
    restarted from dump.rdb. The page was served from the cache 6 of 6 times
    while the database said draft."""
    assert client.get(WHIPLASH)["X-Page-Cache"] == "miss"
    assert client.get(WHIPLASH)["X-Page-Cache"] == "hit"
    redis_server.client().save()  # the snapshot, with the page in it

    whiplash = Condition.objects.get(slug="whiplash")
    whiplash.status = "draft"
    whiplash.save()
    redis_server.kill()  # whatever was written after the snapshot is lost
    redis_server.start()
    assert redis_server.client().dbsize() > 0  # the old page is back in Redis

    for _ in range(6):
        assert client.get(WHIPLASH).status_code == 404


FULL = ("--maxmemory", "100mb", "--maxmemory-policy", "noeviction")


def fill(server):
    """Fill Redis past its maxmemory, as the flood of search pages did: every
    write is refused from then on (noeviction), reads still answer."""
    import redis

    client = server.client()
    for n in range(40):
        client.set(f"flood-{n}", b"x" * 50_000)
    used = client.info("memory")["used_memory"]
    client.config_set("maxmemory", used // 2)
    with pytest.raises(redis.exceptions.ResponseError, match="maxmemory"):
        client.set("one-more", 1)


@pytest.mark.parametrize("redis_server", [FULL], indirect=True)
def test_a_full_redis_degrades_to_rendering(client, admin_client, redis_server):
    """Redis at maxmemory with noeviction: pages are rendered (not stored),
    a staff save goes through (it was 503 "Not saved") and is on the next
    page."""
    fill(redis_server)
    first = client.get(WHIPLASH)
    assert first.status_code == 200
    assert client.get(WHIPLASH).status_code == 200

    whiplash = Condition.objects.get(slug="whiplash")
    url = f"/admin/conditions/condition/{whiplash.pk}/delete/"
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Condition.objects.filter(slug="whiplash").exists()
    assert client.get(WHIPLASH).status_code == 404


@pytest.mark.parametrize("redis_server", [FULL], indirect=True)
def test_a_full_redis_never_lifts_the_appointment_rate_limit(client, redis_server):
    """8 of 8 posts from one address were accepted once Redis was full."""
    fill(redis_server)
    answers = [post(client, valid()).status_code for _ in range(8)]
    assert answers == [302] * 5 + [429] * 3
    assert AppointmentRequest.objects.count() == 5
