"""`make bench`, the edge part: the site through the shipped nginx
(deploy/nginx-backfit.conf, its one-second page cache included) in front of
one gunicorn as production starts it, beside the same nginx build serving
the condition page's exact bytes from a file (the limit for nginx).

Prints req/s of each over BENCH_ROUNDS alternating rounds (the median counts),
their ratio (goal 0.7 or better), and p99 latency at 64 connections through
the edge over the site's public pages (goal under 100 ms). Called by
tests/bench/bench.py; returns the figures for bench-results/summary.json.
"""

import collections
import getpass
import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.load import wrk
from tests.production import free_port
from tests.two_hosts import NGINX_MAIN, run_nginx

DISK_SITE = """
server {{
    listen 127.0.0.1:{port};
    sendfile on;
    tcp_nopush on;
    location / {{
        root {root};
        default_type text/html;
        try_files /condition.html =404;
    }}
}}
"""


class Url:
    """What bench.measure() needs of a server: its URL, and the CPU time its
    nginx (master and workers, from `pid_file`) has used so far: like
    gunicorn's, a figure other load on the machine hardly moves."""

    def __init__(self, url, pid_file):
        self.url = url
        self.pid_file = pid_file

    def cpu_seconds(self):
        try:
            pid = self.pid_file.read_text().strip()
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            total = 0
            for process in [pid, *children]:
                fields = Path(f"/proc/{process}/stat").read_text().split()
                total += int(fields[13]) + int(fields[14])
            return total / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError):
            return None


def nginx_binary():
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(found):
        raise SystemExit("nginx not installed (apt-get install nginx-light)")
    return found


def disk_nginx(nginx, root, body):
    """Plain nginx answering every request with `body` from a file."""
    root.mkdir()
    (root / "condition.html").write_bytes(body)
    port = free_port()
    (root / "backfit.conf").write_text(DISK_SITE.format(port=port, root=root))
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    (root / "nginx.conf").write_text(NGINX_MAIN.format(root=root, user=user))
    process = subprocess.Popen(  # noqa: S603
        [nginx, "-p", str(root), "-c", str(root / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=2).close()  # noqa: S310
            return process, url
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("nginx (disk) did not start")


def to_the_app(log_file):
    """(path, requests) that nginx passed to the app during the load, most
    first: pages it could not keep, and each kept page once a second."""
    passed = collections.Counter()
    for line in log_file.read_text().splitlines():
        entry = json.loads(line)
        if entry["edge_cache"] not in ("HIT", "UPDATING", "STALE"):
            passed[entry["path"]] += 1
    return passed.most_common()


def run(gunicorn_class, env, root, log, measure, public_pages, row, header, rounds):
    """Edge vs disk; returns the summary's "edge" part."""
    nginx = nginx_binary()
    site = gunicorn_class("backfit.wsgi:application", env, log)
    disk = None
    try:
        upstreams = [f"server 127.0.0.1:{site.port};"]
        with run_nginx(nginx, env, root / "edge", upstreams) as proxy:
            edge_url = f"http://{proxy.host}:{proxy.port}"
            path = "/conditions/back-muscle-spasms/"
            with urllib.request.urlopen(edge_url + path) as response:  # noqa: S310
                body = response.read()
            disk, disk_url = disk_nginx(nginx, root / "disk", body)
            edge = Url(edge_url, root / "edge" / "nginx.pid")
            plain = Url(disk_url, root / "disk" / "nginx.pid")
            runs = {"edge": [], "disk": []}
            print(
                f"\nThrough the shipped nginx (edge cache on) vs nginx serving the "
                f"same {len(body)} bytes from disk, {rounds} alternating rounds:",
                flush=True,
            )
            for _ in range(rounds):
                runs["edge"].append(measure(edge, [path]))
                runs["disk"].append(measure(plain, [path]))
            edge_rps, edge_lat, edge_cpu = sorted(runs["edge"])[rounds // 2]
            disk_rps, disk_lat, disk_cpu = sorted(runs["disk"])[rounds // 2]
            seconds = int(os.environ.get("BENCH_LOAD_SECONDS", 20))
            one = wrk.run(edge_url, [path], connections=64, seconds=seconds)
            pages = public_pages(edge_url)
            wrk.run(edge_url, pages, connections=2, seconds=2)  # fills caches
            log_file = root / "edge" / "backfit-access.log"
            log_file.write_text("")  # nginx appends: the load's lines only
            load = wrk.run(edge_url, pages, connections=64, seconds=seconds)
            passed = to_the_app(log_file)
    finally:
        if disk:
            disk.terminate()
            disk.wait()
        site.stop()
    print(
        "req/s per round: edge",
        [round(r[0]) for r in runs["edge"]],
        "disk",
        [round(r[0]) for r in runs["disk"]],
    )
    print(header())
    print(row("edge: condition", edge_rps, edge_lat, edge_cpu))
    print(row("nginx from disk", disk_rps, disk_lat, disk_cpu))
    ratio = edge_rps / disk_rps
    print(f"edge ratio: {ratio:.2f} (goal 0.70 or better)")
    cpu_ratio = disk_cpu / edge_cpu if edge_cpu and disk_cpu else None
    if cpu_ratio:
        print(
            f"edge CPU ratio: {cpu_ratio:.2f} (nginx CPU per request, disk / edge: "
            "the same comparison, hardly moved by other load)"
        )
    print(row("condition, 64 conn.", one["rps"], one["latency_ms"]))
    print(
        f"edge, condition page at 64 connections: p99 "
        f"{one['latency_ms'].get(99, float('nan')):.0f} ms (goal under 100), "
        f"{wrk.errors(one)} errors"
    )
    print(row("30 pages, 64 conn.", load["rps"], load["latency_ms"]))
    p99 = load["latency_ms"].get(99, float("nan"))
    print(
        f"edge load: {len(pages)} public pages, {load['requests']} requests, "
        f"{wrk.errors(load)} errors; p99 {p99:.0f} ms (goal under 100)",
        flush=True,
    )
    print(
        "  passed to the app (not kept at the edge): "
        + ", ".join(f"{path} {n}" for path, n in passed[:4])
    )
    return {
        "edge_rps": edge_rps,
        "disk_rps": disk_rps,
        "ratio": ratio,
        "cpu_us_per_request": {"edge": edge_cpu, "disk": disk_cpu},
        "cpu_ratio": cpu_ratio,
        "edge_latency_ms": edge_lat,
        "disk_latency_ms": disk_lat,
        "condition_64": {
            "rps": one["rps"],
            "latency_ms": one["latency_ms"],
            "errors": wrk.errors(one),
        },
        "passed_to_app": dict(passed),
        "load": {
            "connections": 64,
            "pages": len(pages),
            "rps": load["rps"],
            "latency_ms": load["latency_ms"],
            "errors": wrk.errors(load),
        },
    }
