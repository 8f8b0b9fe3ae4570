"""Running the site as production runs it: gunicorn with the production
settings, in a subprocess, on a free loopback port."""

import atexit
import contextlib
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**overrides):
    """The environment of a production host: DEBUG off, a real secret key,
    HTTPS on (the default), a real security contact. Every variable the
    repository's .env could set is given explicitly, so .env cannot leak in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "DATABASE_", "CACHE_", "SECURITY_", "APPOINTMENT_")
        )
    }
    env.update(
        {
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_HTTPS": "true",
            "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
            "DJANGO_SETTINGS_MODULE": "backfit.settings",
            "SECURITY_CONTACT": "https://clinic.example.com/security",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env.update(overrides)
    return env


def manage(env, *args, check=True):
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=check,
    )


def set_up_site(env, static=True):
    """What `make serve` does before it starts gunicorn: migrate, create the
    cache table, seed the content and (unless told not to) collect static
    files, all with the settings `env` gives."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "seed")
    if static:
        manage(env, "collectstatic", "--noinput", "-v", "0")


def add_staff_account(env, username="staff"):
    """A superuser, with the password in env's DJANGO_SUPERUSER_PASSWORD."""
    manage(
        env,
        "createsuperuser",
        "--noinput",
        "--username",
        username,
        "--email",
        f"{username}@example.com",
    )


_seeded = {}


def seeded_sqlite(directory, name="site.sqlite3"):
    """A fresh SQLite database file with the shipped content: a copy of one
    made once per test run (migrating and seeding in subprocesses takes
    tens of seconds; a copy, none)."""
    if "template" not in _seeded:
        made = Path(tempfile.mkdtemp(prefix="backfit-seeded-"))
        atexit.register(shutil.rmtree, made, ignore_errors=True)
        template = made / "site.sqlite3"
        set_up_site(production_env(DATABASE_URL=f"sqlite:///{template}"), static=False)
        _seeded["template"] = template
    shutil.copyfile(_seeded["template"], directory / name)
    return f"sqlite:///{directory / name}"


class Server:
    """A running gunicorn: its URL, its environment and logs, and `manage()`
    for commands against the same database."""

    def __init__(self, process, port, log_dir, env, host="127.0.0.1"):
        self.process = process
        self.host = host
        self.port = port
        self.url = f"http://{host}:{port}"
        self.log_dir = log_dir
        self.env = env

    def manage(self, *args):
        return manage(self.env, *args)

    def get(self, path, headers=None, method="GET", body=None):
        """(status, headers, body) of one request, as a load balancer that
        terminated HTTPS would forward it. Redirects are not followed."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(
                method,
                path,
                body=body,
                headers={"X-Forwarded-Proto": "https", **(headers or {})},
            )
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            connection.close()

    def access_log(self, wait_for=None):
        """The access log's lines, parsed; `wait_for` a request id that must
        be there (gunicorn writes the line just after the response)."""
        deadline = time.monotonic() + 10
        while True:
            path = self.log_dir / "access.log"
            lines = path.read_text().splitlines() if path.exists() else []
            lines = [json.loads(line) for line in lines if line.strip()]
            ids = {line["request_id"] for line in lines}
            if wait_for is None or wait_for in ids or time.monotonic() > deadline:
                return lines
            time.sleep(0.05)

    def worker_pids(self, path=None):
        """The pids of the workers that served `path` (any path if None)."""
        return {
            line["pid"]
            for line in self.access_log()
            if path is None or line["path"] == path
        }

    def error_log(self):
        """Gunicorn's own log and the site's (stderr)."""
        return "".join(
            (self.log_dir / name).read_text()
            for name in ("error.log", "stderr.log")
            if (self.log_dir / name).exists()
        )


@contextlib.contextmanager
def gunicorn(env, log_dir, workers=1, host="127.0.0.1", port=None):
    """Gunicorn with gunicorn.conf.py on a free loopback port (or `host` and
    `port`: another loopback address is another host), once it answers."""
    port = port or free_port()
    log_dir.mkdir(parents=True, exist_ok=True)
    env = {
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": "2",
        "GUNICORN_ACCESS_LOG": str(log_dir / "access.log"),
        "GUNICORN_ERROR_LOG": str(log_dir / "error.log"),
        **env,
    }
    process = subprocess.Popen(  # noqa: S603
        [GUNICORN, "backfit.wsgi", "-c", "gunicorn.conf.py", "-b", f"{host}:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(log_dir / "stderr.log").open("w"),
    )
    server = Server(process, port, log_dir, env, host)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError("gunicorn exited:\n" + server.error_log())
            with (
                contextlib.suppress(OSError),
                socket.create_connection((host, port), timeout=1),
            ):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start:\n" + server.error_log())
            time.sleep(0.1)
        yield server
    finally:
        stop(process)


def stop(process):
    """Stop gunicorn gracefully (SIGTERM: in-flight requests finish)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
