"""`make load`: the public pages under load, served the production way.

Starts gunicorn with the production settings (DEBUG off, HTTPS on; the
client sends X-Forwarded-Proto: https as the load balancer would) on a free
loopback port, finds the public pages by crawling from the home page, then
keeps LOAD_CONCURRENCY connections (default 64) busy for LOAD_SECONDS
(default 60), rotating through the pages. Reports requests per second,
latency percentiles, errors and timeouts; exits 1 if there were any errors
or timeouts.

    make load
    LOAD_SECONDS=10 LOAD_CONCURRENCY=16 make load
    LOAD_URL=http://127.0.0.1:8000 make load     # an already running server

Not part of `make test`: it measures, and measurements belong here.
"""

import http.client
import itertools
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from tests.production import free_port

ROOT = Path(__file__).resolve().parents[2]
SECONDS = float(os.environ.get("LOAD_SECONDS", 60))
CONCURRENCY = int(os.environ.get("LOAD_CONCURRENCY", 64))
TIMEOUT = float(os.environ.get("LOAD_TIMEOUT", 10))
HEADERS = {"X-Forwarded-Proto": "https", "User-Agent": "backfit-load/1"}
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


def fetch(connection, path):
    connection.request("GET", path, headers=HEADERS)
    response = connection.getresponse()
    return response.status, response.read()


def discover(host, port):
    """The public pages, by following links from the home page."""
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    seen, queue, pages = set(), ["/"], []
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        status, body = fetch(connection, path)
        if status != 200:
            continue
        pages.append(path)
        for link in LINK.findall(body.decode("utf-8", "replace")):
            if not link.startswith(("/static/", "/media/", "/admin/")):
                queue.append(link)
    return sorted(pages)


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.statuses = Counter()
        self.errors = Counter()
        self.timeouts = 0


def worker(host, port, urls, stop_at, results):
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    latencies, statuses, errors, timeouts = [], Counter(), Counter(), 0
    for path in urls:
        if time.monotonic() >= stop_at:
            break
        started = time.perf_counter()
        try:
            status, _ = fetch(connection, path)
        except TimeoutError:
            timeouts += 1
            connection.close()
            continue
        except (OSError, http.client.HTTPException) as error:
            errors[error.__class__.__name__] += 1
            connection.close()
            continue
        latencies.append(time.perf_counter() - started)
        statuses[status] += 1
        if status != 200:
            errors[f"HTTP {status}"] += 1
    connection.close()
    with results.lock:
        results.latencies += latencies
        results.statuses += statuses
        results.errors += errors
        results.timeouts += timeouts


def percentile(values, fraction):
    return values[min(len(values) - 1, int(fraction * len(values)))]


def main():
    target = os.environ.get("LOAD_URL")
    process = None
    with tempfile.TemporaryDirectory(prefix="backfit-load-") as tmp:
        if target:
            parts = urlsplit(target)
            host, port = parts.hostname, parts.port or 80
        else:
            process, port = start_gunicorn(Path(tmp))
            host = "127.0.0.1"
        try:
            pages = discover(host, port)
            print(
                f"{len(pages)} public pages; {CONCURRENCY} connections for "
                f"{SECONDS:.0f} s against http://{host}:{port} "
                f"(workers: {os.environ.get('WEB_CONCURRENCY', 'default')}, "
                f"threads: {os.environ.get('GUNICORN_THREADS', '1')})"
            )
            results = Results()
            started = time.monotonic()
            stop_at = started + SECONDS
            threads = []
            for i in range(CONCURRENCY):
                # each connection walks the pages from its own starting point
                urls = itertools.islice(itertools.cycle(pages), i % len(pages), None)
                thread = threading.Thread(
                    target=worker, args=(host, port, urls, stop_at, results)
                )
                thread.start()
                threads.append(thread)
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=30)

    latencies = sorted(results.latencies)
    total = len(latencies)
    errors = sum(results.errors.values())
    print(f"requests:   {total} in {elapsed:.1f} s = {total / elapsed:.1f} req/s")
    if latencies:
        ms = {
            name: percentile(latencies, fraction) * 1000
            for name, fraction in (
                ("p50", 0.50),
                ("p90", 0.90),
                ("p95", 0.95),
                ("p99", 0.99),
            )
        }
        print(
            "latency:    "
            + "  ".join(f"{name} {value:.0f} ms" for name, value in ms.items())
            + f"  max {latencies[-1] * 1000:.0f} ms"
            + f"  mean {statistics.fmean(latencies) * 1000:.0f} ms"
        )
    print(f"statuses:   {dict(sorted(results.statuses.items()))}")
    print(f"errors:     {errors} {dict(results.errors) if errors else ''}")
    print(f"timeouts:   {results.timeouts} (client timeout {TIMEOUT:.0f} s)")
    return 1 if errors or results.timeouts else 0


if __name__ == "__main__":
    sys.exit(main())
