"""`make bench`: the site as it ships, measured.

1. Builds a throwaway copy of the site (SQLite file, seeded, static files
   collected) in a temporary folder.
2. **Ratio.** Runs gunicorn exactly as production does (gunicorn.conf.py with
   its defaults: workers, worker recycling, preloading, the JSON access log
   written to stdout, here a file) twice: once with the site, once with a
   bare WSGI app that returns the condition page's exact bytes. `wrk` loads
   each in alternating rounds and the script prints requests per second,
   their ratio (goal 0.7 or better on two cores) and latency percentiles.
3. **Load.** 64 connections over the site's public pages for BENCH_LOAD_SECONDS
   (as `make load` does): req/s, p99 (goal under 200 ms) and errors.
4. **Edge.** The shipped nginx configuration (its one-second page cache on)
   in front of the same gunicorn, beside nginx serving the condition page's
   bytes from disk: req/s, their ratio (goal 0.7 or better) and p99 at 64
   connections over the public pages through the edge (goal under 100 ms).
   tests/bench/edge.py; BENCH_SKIP_EDGE=1 leaves it out.
5. **Miss path.** The same server with the page cache off: what every page
   costs to render (condition page, search for "spasm", home); goal 150
   req/s or better for the condition page and search.
6. **Grown site.** tests/bench/grown.py: the shipped site beside a copy
   grown by 3,000 articles and 300 conditions, page by page, and the grown
   site under load.
7. Runs Lighthouse 12 (npm, on Debian's Chromium, mobile) on the home,
   condition, treatment, location, team and article pages and on the
   Spanish home and condition pages (/es/), and prints the four scores,
   retrying a run that ends in a runtime error.

Everything binds to 127.0.0.1 on free ports and stops by itself.
Options: BENCH_SECONDS (default 10), BENCH_ROUNDS (default 3),
BENCH_CONNECTIONS (default 16), BENCH_LOAD_SECONDS (default 20),
BENCH_SKIP_LIGHTHOUSE=1; BENCH_LIGHTHOUSE_ONLY=1 builds the site and runs
only Lighthouse, BENCH_LIGHTHOUSE_PAGES=home,es-home only those pages (names
as in PAGES). WEB_CONCURRENCY and the other GUNICORN_* variables
change the server as they would in production.
"""

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from tests.bench import goals, grown
from tests.load import wrk
from tests.production import free_port, set_up_site

REPO = Path(__file__).resolve().parents[2]
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
SECONDS = int(os.environ.get("BENCH_SECONDS", 10))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 16))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", 20))
LOAD_CONNECTIONS = 64
PAGES = {
    "home": "/",
    "condition": "/conditions/back-muscle-spasms/",
    "treatment": "/treatments/chiropractic/",
    "location": "/locations/desert-ridge/",
    "team": "/team/",
    "article": "/health-library/what-is-spinal-manipulation/",
    # The Spanish side (issue 17): longer words, the same design.
    "es-home": "/es/",
    "es-condition": "/es/conditions/back-muscle-spasms/",
}
MISS_PAGES = {
    "condition page": "/conditions/back-muscle-spasms/",
    "search 'spasm'": "/search/?q=spasm",
    "home": "/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LINK = re.compile(r'href="(/[^"#?]*)"')


def run(*args, env=None, **kwargs):
    return subprocess.run(args, cwd=REPO, env=env, check=True, **kwargs)  # noqa: S603


def build_site(root):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{root / 'bench.sqlite3'}",
        # The embedded defaults unless the caller names a cache.
        "CACHE_URL": os.environ.get("CACHE_URL", ""),
        "PAGE_CACHE_URL": os.environ.get("PAGE_CACHE_URL", ""),
        "DJANGO_SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "DJANGO_HTTPS": "false",
        "DJANGO_DEBUG": "false",
        "DJANGO_STATIC_ROOT": str(root / "static"),
        "DJANGO_MEDIA_ROOT": str(root / "media"),
    }
    set_up_site(env)
    return env


class Gunicorn:
    """gunicorn as production starts it: the project's gunicorn.conf.py and
    nothing else; its stdout (the access log) and stderr go to `log`."""

    def __init__(self, app, env, log):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                app,
                "--config",
                str(REPO / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=log,
        )
        for _ in range(300):
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn ({app}) stopped; see {log.name}")
            try:
                urllib.request.urlopen(self.url + "/", timeout=5).close()  # noqa: S310
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise SystemExit(f"gunicorn ({app}) did not answer; see {log.name}")

    def cpu_seconds(self):
        """CPU time the server has used so far: the master, its live workers
        and the workers it has reaped (Linux /proc). Unlike req/s this does
        not depend on what else the machine is doing."""
        try:
            ticks = os.sysconf("SC_CLK_TCK")
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().split()
            total = sum(int(f) for f in fields[13:17])
            children = Path(
                f"/proc/{self.process.pid}/task/{self.process.pid}/children"
            ).read_text()
            for pid in children.split():
                with contextlib.suppress(OSError):
                    fields = Path(f"/proc/{pid}/stat").read_text().split()
                    total += int(fields[13]) + int(fields[14])
            return total / ticks
        except (OSError, ValueError):
            return None

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def public_pages(base_url, limit=30):
    """Public pages found by following links from the home page."""
    seen, queue, pages = set(), ["/"], []
    while queue and len(pages) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        try:
            with urllib.request.urlopen(base_url + path, timeout=10) as response:  # noqa: S310
                body = response.read().decode("utf-8", "replace")
        except OSError:
            continue
        pages.append(path)
        queue += [
            link
            for link in LINK.findall(body)
            if not link.startswith(("/static/", "/media/", "/admin/"))
        ]
    return pages


def measure(server, paths=("/",), connections=CONNECTIONS, seconds=SECONDS):
    """req/s, latency percentiles (ms) and server CPU µs per request of one
    wrk run after a warm-up."""
    wrk.run(server.url, paths, connections=2, seconds=2)  # fills caches
    before = server.cpu_seconds()
    result = wrk.run(server.url, paths, connections=connections, seconds=seconds)
    after = server.cpu_seconds()
    if wrk.errors(result):
        raise SystemExit(f"{server.url} answered errors:\n{result['output']}")
    cpu = None
    if before is not None and after is not None and result["requests"]:
        cpu = (after - before) / result["requests"] * 1e6
    return result["rps"], result["latency_ms"], cpu


def row(name, rps, lat, cpu=None):
    cells = "".join(f"{lat.get(p, float('nan')):>10.2f}" for p in (50, 90, 99))
    cpu = f"{cpu:>10.0f}" if cpu else f"{'':>10}"
    return f"{name:18}{rps:>10.0f}{cells}{cpu}"


def header():
    return (
        f"{'':18}{'req/s':>10}{'p50 ms':>10}{'p90 ms':>10}{'p99 ms':>10}"
        f"{'CPU µs/req':>11}"
    )


def lighthouse(url, out_dir, name):
    env = {**os.environ, "CHROME_PATH": CHROME}
    report = out_dir / f"lighthouse-{name}.json"
    for attempt in range(1, 4):
        result = subprocess.run(  # noqa: S603
            [  # noqa: S607
                "npx",
                "--yes",
                "lighthouse@12",
                url,
                "--quiet",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                "--form-factor=mobile",
                f"--only-categories={','.join(CATEGORIES)}",
                "--output=json",
                f"--output-path={report}",
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        data = json.loads(report.read_text()) if report.exists() else {}
        if result.returncode == 0 and data and not data.get("runtimeError"):
            return {
                c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES
            }, data
        error = (data.get("runtimeError") or {}).get("message") or result.stderr[-300:]
        print(f"  Lighthouse run {attempt} on {name} failed ({error}); retrying")
    return None, None


def lighthouse_scores(env, log, out_dir):
    """{page name: the four scores, or None} for PAGES (or those named in
    BENCH_LIGHTHOUSE_PAGES), on gunicorn as shipped."""
    wanted = [n for n in os.environ.get("BENCH_LIGHTHOUSE_PAGES", "").split(",") if n]
    scores = {}
    print("\nLighthouse 12, mobile:", flush=True)
    site = Gunicorn("backfit.wsgi:application", env, log)
    try:
        for name, path in PAGES.items():
            if wanted and name not in wanted:
                continue
            result, _ = lighthouse(site.url + path, out_dir, name)
            scores[name] = result
            shown = (
                "  ".join(f"{c} {result[c]}" for c in CATEGORIES)
                if result
                else "failed three times"
            )
            print(f"  {name:12} {shown}", flush=True)
    finally:
        site.stop()
    return scores


def lighthouse_only():
    """BENCH_LIGHTHOUSE_ONLY=1: the throwaway site and Lighthouse, nothing
    else (scores in bench-results/lighthouse.json)."""
    out_dir = REPO / "bench-results"
    out_dir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="backfit-bench-") as tmp:
        print("Building a throwaway copy of the site ...", flush=True)
        env = build_site(Path(tmp))
        with open(out_dir / "gunicorn.log", "w") as log:
            scores = lighthouse_scores(env, log, out_dir)
    (out_dir / "lighthouse.json").write_text(json.dumps(scores, indent=2))


def main():
    if os.environ.get("BENCH_LIGHTHOUSE_ONLY"):
        return lighthouse_only()
    wrk.ensure_wrk()
    out_dir = REPO / "bench-results"
    out_dir.mkdir(exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="backfit-bench-") as tmp:
        root = Path(tmp)
        print("Building a throwaway copy of the site ...", flush=True)
        env = build_site(root)
        log = open(out_dir / "gunicorn.log", "w")  # noqa: SIM115

        site = Gunicorn("backfit.wsgi:application", env, log)
        bare = None
        try:
            with urllib.request.urlopen(site.url + PAGES["condition"]) as response:  # noqa: S310
                body = response.read()
            body_file = root / "condition.html"
            body_file.write_bytes(body)
            bare = Gunicorn(
                "tests.bench.bare_app:application",
                {**env, "BENCH_BODY": str(body_file)},
                log,
            )
            print(f"Load: {os.getloadavg()[0]:.2f} (1 min avg), {os.cpu_count()} cores")
            print(f"Condition page: {len(body)} bytes")
            print("gunicorn (both): gunicorn.conf.py as shipped (" + shipped() + ")")
            print(
                f"wrk: {ROUNDS} alternating rounds of {SECONDS} s each, "
                f"{CONNECTIONS} connections; the median round counts"
            )
            runs = {"site": [], "bare": []}
            for _ in range(ROUNDS):
                runs["site"].append(measure(site, [PAGES["condition"]]))
                runs["bare"].append(measure(bare))
            bare.stop()
            bare = None
            pages = public_pages(site.url)
            print(
                f"\nLoad: {LOAD_CONNECTIONS} connections for {LOAD_SECONDS} s over "
                f"{len(pages)} public pages ...",
                flush=True,
            )
            load = wrk.run(
                site.url, pages, connections=LOAD_CONNECTIONS, seconds=LOAD_SECONDS
            )
        finally:
            site.stop()
            if bare:
                bare.stop()

        print(
            "req/s per round: site",
            [round(r[0]) for r in runs["site"]],
            "bare",
            [round(r[0]) for r in runs["bare"]],
        )
        site_rps, site_lat, site_cpu = sorted(runs["site"])[ROUNDS // 2]
        bare_rps, bare_lat, bare_cpu = sorted(runs["bare"])[ROUNDS // 2]

        print()
        print(header())
        print(row("condition page", site_rps, site_lat, site_cpu))
        print(row("bare WSGI app", bare_rps, bare_lat, bare_cpu))
        ratio = site_rps / bare_rps
        print(f"ratio: {ratio:.2f} (goal 0.70 or better)")
        cpu_ratio = None
        if site_cpu and bare_cpu:
            cpu_ratio = bare_cpu / site_cpu
            print(
                f"CPU ratio: {cpu_ratio:.2f} (server CPU per request, bare / site: "
                "the same comparison, unmoved by other load on the machine)"
            )
        print(row(f"load, {LOAD_CONNECTIONS} conn.", load["rps"], load["latency_ms"]))
        print(
            f"load: {load['requests']} requests, {wrk.errors(load)} errors; "
            f"p99 {load['latency_ms'].get(99, float('nan')):.0f} ms (goal under 200)"
        )

        # Through the shipped nginx, beside nginx serving the bytes from disk.
        edge_figures = None
        if not os.environ.get("BENCH_SKIP_EDGE"):
            from . import edge

            edge_figures = edge.run(
                Gunicorn, env, root, log, measure, public_pages, row, header, ROUNDS
            )

        print("\nMiss path (page cache off), 16 connections:", flush=True)
        miss = {}
        site = Gunicorn(
            "backfit.wsgi:application", {**env, "PAGE_CACHE_SECONDS": "0"}, log
        )
        try:
            print(header())
            for name, path in MISS_PAGES.items():
                rps, lat, cpu = measure(site, [path])
                miss[name] = {"rps": rps, "latency_ms": lat, "cpu_us": cpu}
                print(row(name, rps, lat, cpu), flush=True)
        finally:
            site.stop()
        print("(goal: 150 req/s or better for the condition page and search)")

        # The grown site (tests/bench/grown.py): the table and load.
        grown_result = grown.run(env, root, log, Gunicorn, public_pages)

        scores = {}
        if not os.environ.get("BENCH_SKIP_LIGHTHOUSE"):
            scores = lighthouse_scores(env, log, out_dir)
        summary = {
            "condition_rps": site_rps,
            "bare_rps": bare_rps,
            "ratio": ratio,
            "cpu_us_per_request": {"site": site_cpu, "bare": bare_cpu},
            "cpu_ratio": cpu_ratio,
            "condition_latency_ms": site_lat,
            "bare_latency_ms": bare_lat,
            "load": {
                "connections": LOAD_CONNECTIONS,
                "pages": len(pages),
                "rps": load["rps"],
                "latency_ms": load["latency_ms"],
                "errors": wrk.errors(load),
            },
            "edge": edge_figures,
            "miss_path": miss,
            "grown": grown_result,
            "lighthouse": scores,
        }
        goals.print_goals(goals.goals(summary))
        summary["goals"] = [
            {"goal": name, "measured": measured, "target": goal, "met": passed}
            for name, measured, goal, passed in goals.goals(summary)
        ]
        (out_dir / "summary.json").write_text(json.dumps(summary, indent=2))
        print(f"\nDetails in {out_dir}/ ({time.monotonic() - started:.0f} s in all)")


def shipped():
    """What gunicorn.conf.py gives with this environment, in a few words."""
    code = (
        "import runpy; c = runpy.run_path('gunicorn.conf.py'); "
        "print(', '.join(f'{k} {c[k]}' for k in ('workers', 'threads', "
        "'max_requests', 'max_requests_jitter', 'preload_app', 'accesslog') "
        "if k in c))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True
    )
    return result.stdout.strip() or "see gunicorn.conf.py"


if __name__ == "__main__":
    main()
