"""What the two-host test (tests/test_two_hosts.py) runs on: nginx with the
shipped configuration, a browser-like client, and the services it needs."""

import contextlib
import getpass
import http.client
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from .production import ROOT, free_port, manage

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
    from .conftest import require  # (Django set up: not for make bench)

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


@contextlib.contextmanager
def run_nginx(nginx, env, nginx_root, upstreams):
    """nginx with deploy/nginx-backfit.conf, filled in as docs/operations.md
    says, in front of `upstreams`; its logs, cache and branded pages in
    `nginx_root`. Yields a Client for it."""
    nginx_root.mkdir()
    (nginx_root / "cache").mkdir()
    # As on a production host: over HTTPS (HSTS among the headers it writes).
    manage({**env, "DJANGO_HTTPS": "true"}, "edge_pages", str(nginx_root / "edge"))
    proxy_port = free_port()
    site = SITE_CONFIG.read_text()
    for placeholder, value in {
        "@UPSTREAM_SERVERS@": "\n    ".join(upstreams),
        "@LISTEN@": f"listen 127.0.0.1:{proxy_port};",
        "@SERVER_NAME@": "localhost",
        "@MEDIA_ROOT@": env["DJANGO_MEDIA_ROOT"],
        "@CACHE_DIR@": str(nginx_root / "cache"),
        "@LOG_DIR@": str(nginx_root),
        "@EDGE_PAGES@": str(nginx_root / "edge"),
        "@ADMIN_PATH@": "admin",
    }.items():
        site = site.replace(placeholder, value)
    assert "@" not in re.sub(r"#.*", "", site), "a placeholder is left"
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
        yield proxy
    finally:
        process.terminate()
        process.wait(timeout=10)


class Client:
    """A browser's worth of HTTP: keeps cookies, follows nothing. `source`:
    the loopback address it connects from (nginx's rate limits count per
    address, so each simulated visitor can have its own)."""

    def __init__(self, host, port, source=None):
        self.host, self.port = host, port
        self.source = source
        self.cookies = {}

    def visitor(self, source):
        """Another visitor of the same site, from `source`."""
        return Client(self.host, self.port, source)

    def request(self, method, path, form=None, headers=None):
        connection = http.client.HTTPConnection(
            self.host,
            self.port,
            timeout=30,
            source_address=(self.source, 0) if self.source else None,
        )
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


def appointment_count(database_url):
    import psycopg

    with psycopg.connect(database_url) as db:
        return db.execute(
            "SELECT count(*) FROM appointments_appointmentrequest"
        ).fetchone()[0]


def raw_request(client, data):
    """(status, headers, body) of bytes sent as they are: requests no
    well-behaved client library would send (a huge body announced, two Host
    headers)."""
    with socket.create_connection((client.host, client.port), timeout=30) as sock:
        sock.sendall(data)
        response = http.client.HTTPResponse(sock)
        response.begin()
        return response.status, response.headers, response.read().decode()


class KillAfterSave:
    """A TCP relay in front of an app host. Requests pass through; when the
    host starts answering a POST (it has saved), the relay kills the host,
    master and workers (SIGKILL), and resets nginx's connection: a host
    that died after saving, before nginx had its answer."""

    def __init__(self, host, target, process):
        self.target, self.process = target, process
        self.listener = socket.create_server((host, 0))
        self.host, self.port = self.listener.getsockname()
        self.killed = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(
                target=self._relay, args=(connection,), daemon=True
            ).start()

    def _relay(self, client):
        try:
            host = socket.create_connection(self.target, timeout=30)
        except OSError:
            client.close()  # the host is gone: nginx tries the next
            return
        with client, host:
            first = client.recv(65536)
            host.sendall(first)
            threading.Thread(
                target=self._pump, args=(client, host), daemon=True
            ).start()
            while data := host.recv(65536):
                if first.startswith(b"POST"):
                    self._kill_host()
                    # A reset, not a goodbye; waking the pump thread's read
                    # first, or the socket would stay open under it.
                    client.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    client.shutdown(socket.SHUT_RD)
                    return
                client.sendall(data)

    @staticmethod
    def _pump(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)

    def _kill_host(self):
        pid = self.process.pid
        with contextlib.suppress(OSError):
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            for child in children:
                os.kill(int(child), signal.SIGKILL)
        self.process.kill()
        self.process.wait()
        self.killed.set()

    def close(self):
        self.listener.close()


def assert_security_headers(headers):
    """What every page of the site carries (backfit/middleware.py)."""
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "camera=()" in headers["Permissions-Policy"]


def appointment_form(token, name):
    return {
        "csrfmiddlewaretoken": token,
        "name": name,
        "phone": "(480) 555-0100",
        "location": "",
        "time_of_day": "any",
        "message": "",
        "website": "",
    }


def appointments_named(name, deployment):
    import psycopg

    with psycopg.connect(deployment["database_url"]) as db:
        return db.execute(
            "SELECT count(*) FROM appointments_appointmentrequest WHERE name = %s",
            [name],
        ).fetchone()[0]
