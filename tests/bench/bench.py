"""`make bench`: how close the condition page comes to the limit of a Python
server, and what Lighthouse thinks of the pages on a phone.

1. Builds a throwaway copy of the site (SQLite file, seeded, static files
   collected) in a temporary folder.
2. Runs gunicorn twice with the same settings (the project's gunicorn.conf.py,
   access log to /dev/null): once with the site, once with a bare WSGI app that
   returns the condition page's exact bytes. `wrk` loads each in turn and the
   script prints requests per second, their ratio (goal: 0.6 or better on two
   cores) and latency percentiles.
3. Runs Lighthouse 12 (npm, on Debian's Chromium, mobile) on the home,
   condition, treatment, location, team and article pages and prints the
   four scores,
   retrying a run that ends in a runtime error.

Everything binds to 127.0.0.1 on free ports and stops by itself.
Options: BENCH_SECONDS (default 10), BENCH_ROUNDS (default 3),
BENCH_CONNECTIONS (default 16), BENCH_WORKERS (default: one per core),
BENCH_MAX_REQUESTS (default 0: no recycling), BENCH_SKIP_LIGHTHOUSE=1.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from tests.production import free_port, set_up_site

REPO = Path(__file__).resolve().parents[2]
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
SECONDS = int(os.environ.get("BENCH_SECONDS", 10))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 16))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
PAGES = {
    "home": "/",
    "condition": "/conditions/back-muscle-spasms/",
    "treatment": "/treatments/chiropractic/",
    "location": "/locations/desert-ridge/",
    "team": "/team/",
    "article": "/health-library/what-is-spinal-manipulation/",
}
# On top of gunicorn.conf.py, for both apps alike: one sync worker per core
# (serving cached pages is CPU work; more workers only take turns) and no
# worker recycling mid-run (at thousands of requests a second max_requests
# would restart a worker every few seconds, which a clinic site never sees).
WORKERS = int(os.environ.get("BENCH_WORKERS", os.cpu_count()))
MAX_REQUESTS = int(os.environ.get("BENCH_MAX_REQUESTS", 0))
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def run(*args, env=None, **kwargs):
    return subprocess.run(args, cwd=REPO, env=env, check=True, **kwargs)  # noqa: S603


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("Installing wrk (Debian package) ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, check=False)  # noqa: S607
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "update", "-qq"], check=False)  # noqa: S607
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, check=True)  # noqa: S607


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
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "LOG_LEVEL": "WARNING",
    }
    set_up_site(env)
    return env


class Gunicorn:
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
                "--workers",
                str(WORKERS),
                "--max-requests",
                str(MAX_REQUESTS),
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

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def wrk(url):
    """Requests per second and latency percentiles (ms) from one wrk run."""
    # Warm up: the first requests fill the page cache and import code.
    subprocess.run(["wrk", "-t1", "-c2", "-d2s", url], capture_output=True, check=True)  # noqa: S607
    output = subprocess.run(  # noqa: S603
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{url} answered errors under load:\n{output}")
    percentiles = {}
    for pct, value, unit in re.findall(
        r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M
    ):
        scale = {"us": 0.001, "ms": 1, "s": 1000}[unit]
        percentiles[int(pct)] = float(value) * scale
    return rps, percentiles


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


def main():
    ensure_wrk()
    out_dir = REPO / "bench-results"
    out_dir.mkdir(exist_ok=True)
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
            print(
                f"gunicorn (both): gunicorn.conf.py with {WORKERS} workers, "
                f"max_requests {MAX_REQUESTS}"
            )
            print(
                f"wrk: {ROUNDS} alternating rounds of {SECONDS} s each, "
                f"{CONNECTIONS} connections; the median round counts"
            )
            runs = {"site": [], "bare": []}
            for _ in range(ROUNDS):
                runs["site"].append(wrk(site.url + PAGES["condition"]))
                runs["bare"].append(wrk(bare.url + "/"))
        finally:
            site.stop()
            if bare:
                bare.stop()
        print(
            "req/s per round: site",
            [round(r) for r, _ in runs["site"]],
            "bare",
            [round(r) for r, _ in runs["bare"]],
        )
        site_rps, site_lat = sorted(runs["site"], key=lambda run: run[0])[ROUNDS // 2]
        bare_rps, bare_lat = sorted(runs["bare"], key=lambda run: run[0])[ROUNDS // 2]

        print()
        print(f"{'':18}{'req/s':>10}{'p50 ms':>10}{'p90 ms':>10}{'p99 ms':>10}")
        for name, rps, lat in (
            ("condition page", site_rps, site_lat),
            ("bare WSGI app", bare_rps, bare_lat),
        ):
            print(
                f"{name:18}{rps:>10.0f}"
                + "".join(f"{lat.get(p, float('nan')):>10.2f}" for p in (50, 90, 99))
            )
        ratio = site_rps / bare_rps
        print(f"ratio: {ratio:.2f} (goal 0.60 or better)")

        scores = {}
        if not os.environ.get("BENCH_SKIP_LIGHTHOUSE"):
            print("\nLighthouse 12, mobile:", flush=True)
            site = Gunicorn("backfit.wsgi:application", env, log)
            try:
                for name, path in PAGES.items():
                    result, _ = lighthouse(site.url + path, out_dir, name)
                    scores[name] = result
                    shown = (
                        "  ".join(f"{c} {result[c]}" for c in CATEGORIES)
                        if result
                        else "failed three times"
                    )
                    print(f"  {name:10} {shown}", flush=True)
            finally:
                site.stop()
        summary = {
            "condition_rps": site_rps,
            "bare_rps": bare_rps,
            "ratio": ratio,
            "condition_latency_ms": site_lat,
            "bare_latency_ms": bare_lat,
            "lighthouse": scores,
        }
        (out_dir / "summary.json").write_text(json.dumps(summary, indent=2))
        print(f"\nDetails in {out_dir}/")


if __name__ == "__main__":
    main()
