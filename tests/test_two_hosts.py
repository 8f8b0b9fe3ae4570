"""Two app hosts behind nginx, sharing one PostgreSQL and one Redis: the
deployment docs/operations.md describes, run for real.

Host A and host B are gunicorn on two loopback addresses (127.0.0.2 and
127.0.0.3: separate listeners, separate processes, nothing shared but the
database, the cache and the uploads folder), with the production settings.
nginx runs deploy/nginx-backfit.conf, the file the docs give, in front.

Needs nginx and wrk (Debian packages; .ci/services.sh installs them), a
PostgreSQL server (TEST_POSTGRES_URL) and a Redis server (TEST_REDIS_URL).
Without them the test skips with the reason, except under CI=true."""

import getpass
import http.client
import os
import re
import shutil
import subprocess
import threading
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest

from .conftest import require
from .load import wrk
from .production import (
    ROOT,
    add_staff_account,
    free_port,
    gunicorn,
    production_env,
    set_up_site,
    stop,
)

HOSTS = ("127.0.0.2", "127.0.0.3")
STAFF_PASSWORD = "two hosts staff password 7"
SITE_CONFIG = ROOT / "deploy" / "nginx-backfit.conf"
NGINX_MAIN = """
{user}
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    access_log {root}/access.log;
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {root}/backfit.conf;
}}
"""


def services():
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None
    )
    require(nginx, "nginx not installed (apt-get install nginx-light)")
    require(shutil.which("wrk"), "wrk not installed (apt-get install wrk)")
    postgres = os.environ.get("TEST_POSTGRES_URL", "")
    if not postgres and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        postgres = os.environ["DATABASE_URL"]
    require(postgres, "no PostgreSQL server: set TEST_POSTGRES_URL (.ci/run does)")
    redis = os.environ.get("TEST_REDIS_URL", "")
    require(redis, "no Redis server: set TEST_REDIS_URL (.ci/run does)")
    return nginx, postgres, redis


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="module")
def shared_services():
    """A fresh PostgreSQL database and an emptied Redis database, both
    dropped or emptied again afterwards."""
    nginx, postgres, redis_url = services()
    import psycopg
    import redis

    name = f"two_hosts_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(with_database(postgres, "postgres"), autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    cache = redis.Redis.from_url(redis_url)
    cache.flushdb()
    try:
        yield nginx, with_database(postgres, name), redis_url
    finally:
        cache.flushdb()
        with psycopg.connect(
            with_database(postgres, "postgres"), autocommit=True
        ) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def deployment(shared_services, tmp_path_factory):
    """nginx on a free port in front of host A and host B."""
    nginx, database_url, redis_url = shared_services
    root = tmp_path_factory.mktemp("two-hosts")
    media = root / "media"  # the shared uploads volume
    media.mkdir()
    env = production_env(
        DATABASE_URL=database_url,
        CACHE_URL=redis_url,
        DJANGO_HTTPS="false",  # nginx speaks plain HTTP on loopback here
        DJANGO_ALLOWED_HOSTS="localhost,127.0.0.1,127.0.0.2,127.0.0.3",
        DJANGO_TRUSTED_PROXIES="1",
        DJANGO_STATIC_ROOT=str(root / "static"),
        DJANGO_MEDIA_ROOT=str(media),
        DJANGO_SUPERUSER_PASSWORD=STAFF_PASSWORD,
        APPOINTMENT_RATE_LIMIT="10000/h",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="1",
        LOG_LEVEL="WARNING",
    )
    set_up_site(env)
    add_staff_account(env)

    port = free_port()
    with (
        gunicorn(env, root / "host-a", workers=2, host=HOSTS[0], port=port) as a,
        gunicorn(env, root / "host-b", workers=2, host=HOSTS[1], port=port) as b,
    ):
        nginx_root = root / "nginx"
        nginx_root.mkdir()
        proxy_port = free_port()
        site = SITE_CONFIG.read_text()
        for placeholder, value in {
            "@UPSTREAM_SERVERS@": "\n    ".join(
                f"server {host}:{port} max_fails=1 fail_timeout=30s;" for host in HOSTS
            ),
            "@LISTEN@": f"listen 127.0.0.1:{proxy_port};",
            "@SERVER_NAME@": "localhost",
            "@MEDIA_ROOT@": str(media),
        }.items():
            site = site.replace(placeholder, value)
        (nginx_root / "backfit.conf").write_text(site)
        # Started as root, nginx's workers would drop to "nobody", who cannot
        # read the test's private folders: they keep the test's own user.
        user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
        (nginx_root / "nginx.conf").write_text(
            NGINX_MAIN.format(root=nginx_root, user=user)
        )
        process = subprocess.Popen(  # noqa: S603
            [nginx, "-p", str(nginx_root), "-c", str(nginx_root / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=(nginx_root / "stderr.log").open("w"),
        )
        try:
            proxy = Client("127.0.0.1", proxy_port)
            deadline = time.monotonic() + 20
            while True:
                try:
                    proxy.request("GET", "/healthz")
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            "nginx did not start: "
                            + (nginx_root / "stderr.log").read_text()
                            + (nginx_root / "error.log").read_text()
                        ) from None
                    time.sleep(0.1)
            yield {
                "a": a,
                "b": b,
                "proxy": proxy,
                "media": media,
                "database_url": database_url,
            }
        finally:
            process.terminate()
            process.wait(timeout=10)


class Client:
    """A browser's worth of HTTP: keeps cookies, follows nothing."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.cookies = {}

    def request(self, method, path, form=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            headers = dict(headers or {})
            if self.cookies:
                headers["Cookie"] = "; ".join(
                    f"{k}={v}" for k, v in self.cookies.items()
                )
            body = None
            if form is not None:
                body = urlencode(form, doseq=True)
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            body = response.read().decode("utf-8", "replace")
            return response.status, response.headers, body
        finally:
            connection.close()

    def csrf_form(self, path):
        status, _, html = self.request("GET", path)
        assert status == 200, (path, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_an_edit_through_host_a_is_on_host_bs_next_answer(deployment):
    """Staff unpublish Sciatica on host A; host B, which had the page cached,
    answers "not found" at once: one content version for every host."""
    a, b = deployment["a"], deployment["b"]
    url = "/conditions/sciatica/"
    assert b.get(url)[0] == 200
    status, headers, _ = b.get(url)
    assert (status, headers["X-Page-Cache"]) == (200, "hit")

    staff = Client(a.host, a.port)
    token = staff.csrf_form("/admin/login/")
    status, _, _ = staff.request(
        "POST",
        "/admin/login/",
        {
            "csrfmiddlewaretoken": token,
            "username": "staff",
            "password": STAFF_PASSWORD,
            "next": "/admin/",
        },
    )
    assert status == 302
    status, _, html = staff.request("GET", "/admin/conditions/condition/?q=sciatica")
    [pk] = re.findall(r'name="_selected_action" value="(\d+)"', html)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    status, _, _ = staff.request(
        "POST",
        "/admin/conditions/condition/?q=sciatica",
        {"csrfmiddlewaretoken": token, "action": "unpublish", "_selected_action": pk},
    )
    assert status == 302

    assert b.get(url)[0] == 404
    assert deployment["proxy"].request("GET", url)[0] == 404


def test_uploads_are_served_by_nginx_as_the_app_serves_them(deployment):
    media = deployment["media"]
    (media / "room.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (media / "evil.svg").write_text("<svg onload='alert(1)'/>")
    proxy = deployment["proxy"]
    status, headers, _ = proxy.request("GET", "/media/room.png")
    assert (status, headers["Content-Type"]) == (200, "image/png")
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "Content-Disposition" not in headers
    status, headers, _ = proxy.request("GET", "/media/evil.svg")
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Disposition"] == "attachment"
    assert headers["X-Content-Type-Options"] == "nosniff"


def appointment_count(database_url):
    import psycopg

    with psycopg.connect(database_url) as db:
        return db.execute(
            "SELECT count(*) FROM appointments_appointmentrequest"
        ).fetchone()[0]


def test_stopping_host_a_under_load_loses_no_request_and_no_appointment(deployment):
    """wrk keeps 16 connections busy through nginx while patients send
    appointment requests; host A is stopped (as a deploy or a scale-down
    does) in the middle. Every page answers 200, every request is saved."""
    a, b, proxy = deployment["a"], deployment["b"], deployment["proxy"]
    pages = ["/", "/conditions/", "/conditions/back-muscle-spasms/", "/treatments/"]
    pages += ["/locations/", "/search/?q=spasm", "/new-patients/"]
    before = appointment_count(deployment["database_url"])
    outcome = {"sent": 0, "saved": 0, "failed": []}
    load_over = threading.Event()

    def patients():
        n = 0
        while not load_over.is_set():
            n += 1
            patient = Client(proxy.host, proxy.port)
            try:
                token = patient.csrf_form("/appointments/request/")
                outcome["sent"] += 1
                status, headers, _ = patient.request(
                    "POST",
                    "/appointments/request/",
                    {
                        "csrfmiddlewaretoken": token,
                        "name": f"Patient {n}",
                        "phone": "(480) 555-0100",
                        "location": "",
                        "time_of_day": "any",
                        "message": "",
                        "website": "",
                    },
                    headers={"Referer": f"http://{proxy.host}:{proxy.port}/"},
                )
                if status == 302 and "received" in headers.get("Location", ""):
                    outcome["saved"] += 1
                else:
                    outcome["failed"].append(status)
            except (OSError, AttributeError) as error:
                outcome["failed"].append(repr(error))

    def stop_host_a():
        time.sleep(3)
        stop(a.process)

    threads = [threading.Thread(target=patients), threading.Thread(target=stop_host_a)]
    for thread in threads:
        thread.start()
    try:
        load = wrk.run(
            f"http://{proxy.host}:{proxy.port}", pages, connections=16, seconds=8
        )
    finally:
        load_over.set()
        for thread in threads:
            thread.join()

    assert a.process.poll() is not None  # host A really went away
    assert load["requests"] > 500
    assert load["non_2xx"] == 0, load["output"]
    assert not any(load["socket_errors"].values()), load["output"]
    assert outcome["failed"] == []
    assert outcome["saved"] == outcome["sent"] > 5
    assert appointment_count(deployment["database_url"]) - before == outcome["saved"]
    # Both hosts served the load: A before it stopped, B throughout.
    assert a.access_log() and b.access_log()
    assert b.get("/")[0] == 200
