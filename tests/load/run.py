"""`make load`: the public pages under load, served the production way.

Starts gunicorn exactly as production does (gunicorn.conf.py with its
defaults; DEBUG off, HTTPS on, the client sends X-Forwarded-Proto: https as
the load balancer would) on a free loopback port, finds the public pages by
crawling from the home page, then has wrk (tests/load/wrk.py, Debian's C
load generator, installed if missing) keep LOAD_CONCURRENCY connections
(default 64) busy for LOAD_SECONDS (default 60), rotating through the pages.
Reports requests per second, latency percentiles, errors and timeouts; exits
1 if there were any.

    make load
    LOAD_SECONDS=10 LOAD_CONCURRENCY=16 make load
    LOAD_URL=http://127.0.0.1:8000 make load     # an already running server

Not part of `make test`: it measures, and measurements belong here.
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.load import wrk
from tests.production import free_port

ROOT = Path(__file__).resolve().parents[2]
SECONDS = int(float(os.environ.get("LOAD_SECONDS", 60)))
CONCURRENCY = int(os.environ.get("LOAD_CONCURRENCY", 64))
HEADERS = {"X-Forwarded-Proto": "https", "User-Agent": "backfit-load/2"}
LINK = re.compile(r'href="(/[^"#?]*)"')


def start_gunicorn(log_dir):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "true",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "GUNICORN_ACCESS_LOG": str(log_dir / "access.log"),
        "GUNICORN_ERROR_LOG": str(log_dir / "error.log"),
    }
    process = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "backfit.wsgi",
            "-c",
            "gunicorn.conf.py",
            "-b",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(log_dir / "stderr.log").open("w"),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn exited; see " + str(log_dir))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    sys.exit("gunicorn did not start")


def discover(base_url):
    """The public pages, by following links from the home page."""
    seen, queue, pages = set(), ["/"], []
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        request = urllib.request.Request(base_url + path, headers=HEADERS)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                body = response.read().decode("utf-8", "replace")
        except OSError:
            continue
        pages.append(path)
        queue += [
            link
            for link in LINK.findall(body)
            if not link.startswith(("/static/", "/media/", "/admin/"))
        ]
    return sorted(pages)


def main():
    wrk.ensure_wrk()
    target = os.environ.get("LOAD_URL", "").rstrip("/")
    process = None
    with tempfile.TemporaryDirectory(prefix="backfit-load-") as tmp:
        if not target:
            process, port = start_gunicorn(Path(tmp))
            target = f"http://127.0.0.1:{port}"
        try:
            pages = discover(target)
            print(
                f"{len(pages)} public pages; {CONCURRENCY} connections for "
                f"{SECONDS} s against {target} (wrk)"
            )
            result = wrk.run(
                target,
                pages,
                connections=CONCURRENCY,
                seconds=SECONDS,
                headers=HEADERS,
            )
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=30)

    latency = result["latency_ms"]
    errors = wrk.errors(result)
    print(f"requests:   {result['requests']} = {result['rps']:.1f} req/s")
    print(
        "latency:    " + "  ".join(f"p{p} {latency[p]:.0f} ms" for p in sorted(latency))
    )
    print(f"errors:     {errors} (error statuses {result['non_2xx']})")
    print(f"socket:     {result['socket_errors'] or 'no errors'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
