"""`make bench`, the grown site: what a page costs as the library grows.

Beside the shipped site it builds a throwaway copy grown by `grow_content`
(3,000 more articles and 300 more conditions, each article about two
conditions and a treatment: BENCH_GROWN_ARTICLES, BENCH_GROWN_CONDITIONS),
then, with the page cache off and 2 workers, loads each page of the issue's
table on both sites in turn (wrk, BENCH_GROWN_SECONDS each, 16 connections)
and prints req/s, the server's CPU time per request (which other load on a
shared machine hardly moves), the grown/shipped ratios and the HTML size. Goals: every
page on the grown site at 0.5 or more of its shipped throughput (the
sitemap excepted when it is cached and split), no page over 150 KB. Then 64
connections over 30 public pages of the grown site on gunicorn as shipped
(page cache on): p99, goal under 200 ms.

`python -m tests.bench.grown` runs this part alone; tests/bench/bench.py
runs it after its own parts.
"""

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.load import wrk
from tests.production import ROOT, manage

ARTICLES = int(os.environ.get("BENCH_GROWN_ARTICLES", 3000))
CONDITIONS = int(os.environ.get("BENCH_GROWN_CONDITIONS", 300))
SECONDS = int(os.environ.get("BENCH_GROWN_SECONDS", 5))
CONNECTIONS = 16
LOAD_CONNECTIONS = 64
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", 20))
BUDGET_KB = 150
GOAL_RATIO = 0.5
GOAL_FIRST_SEARCH = 2.0  # grown at most twice the shipped site's cost
LOAD_GOAL_MS = 200
TABLE = {
    "/health-library/": "/health-library/",
    "/search/?q=pain": "/search/?q=pain",
    "/search/?q=spasm": "/search/?q=spasm",
    "home": "/",
    "/conditions/ A to Z": "/conditions/",
    "/sitemap.xml": "/sitemap.xml",
    "Back + Muscle Spasms": "/conditions/back-muscle-spasms/",
    "Physical Therapy": "/treatments/physical-therapy/",
}


def grown_copy(shipped_env, root):
    """A copy of the shipped site's database, grown; its environment."""
    source = shipped_env["DATABASE_URL"].removeprefix("sqlite:///")
    target = root / "grown.sqlite3"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    env = {**shipped_env, "DATABASE_URL": f"sqlite:///{target}"}
    result = manage(
        env,
        "grow_content",
        "--throwaway",
        f"--articles={ARTICLES}",
        f"--conditions={CONDITIONS}",
    )
    print(result.stdout.strip())
    return env


def size(url):
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310
        return len(response.read())


def rate(server, path):
    """req/s, server CPU ms per request and errors of one wrk run after a
    short warm-up. The CPU figure hardly moves with other load on a shared
    machine; req/s does."""
    wrk.run(server.url, [path], connections=2, seconds=1)
    before = server.cpu_seconds()
    result = wrk.run(server.url, [path], connections=CONNECTIONS, seconds=SECONDS)
    after = server.cpu_seconds()
    cpu = None
    if before is not None and after is not None and result["requests"]:
        cpu = (after - before) / result["requests"] * 1000
    return result["rps"], cpu, wrk.errors(result)


def warm(server, tries=10):
    """Every worker's search index built (about a second per worker on the
    grown site, once per content version: first_searches() measures that
    apart) before the table measures what a page costs from then on."""
    for _ in range(tries):
        result = wrk.run(server.url, ["/search/?q=back"], connections=4, seconds=2)
        if result["latency_ms"].get(99, float("inf")) < 200:
            return


def table(shipped, grown):
    warm(shipped)
    warm(grown)
    rows = {}
    for name, path in TABLE.items():
        # Side by side: the two sites in turn, page by page.
        shipped_rps, shipped_cpu, shipped_errors = rate(shipped, path)
        grown_rps, grown_cpu, grown_errors = rate(grown, path)
        rows[name] = {
            "shipped_rps": shipped_rps,
            "grown_rps": grown_rps,
            "ratio": grown_rps / shipped_rps if shipped_rps else None,
            "shipped_cpu_ms": shipped_cpu,
            "grown_cpu_ms": grown_cpu,
            "cpu_ratio": shipped_cpu / grown_cpu if shipped_cpu and grown_cpu else None,
            "shipped_kb": size(shipped.url + path) / 1024,
            "grown_kb": size(grown.url + path) / 1024,
            "errors": shipped_errors + grown_errors,
        }
        print(line(name, rows[name]), flush=True)
    return rows


def header():
    return (
        f"{'page':22}{'shipped':>10}{'grown':>10}{'ratio':>8}"
        f"{'CPU ms':>9}{'CPU ms':>9}{'ratio':>7}"
        f"{'KB shipped':>12}{'KB grown':>10}"
    )


def line(name, row):
    ratio = f"{row['ratio']:.2f}" if row["ratio"] is not None else "-"
    cpu = "".join(
        f"{row[k]:>9.1f}" if row[k] else f"{'-':>9}"
        for k in ("shipped_cpu_ms", "grown_cpu_ms")
    )
    cpu_ratio = f"{row['cpu_ratio']:.2f}" if row["cpu_ratio"] else "-"
    flags = []
    if row["ratio"] is not None and row["ratio"] < GOAL_RATIO:
        flags.append("below 0.5")
    if row["grown_kb"] > BUDGET_KB:
        flags.append("over 150 KB")
    if row["errors"]:
        flags.append(f"{row['errors']} errors/timeouts")
    return (
        f"{name:22}{row['shipped_rps']:>10.1f}{row['grown_rps']:>10.1f}{ratio:>8}"
        f"{cpu}{cpu_ratio:>7}"
        f"{row['shipped_kb']:>12.0f}{row['grown_kb']:>10.0f}"
        + (f"  ({', '.join(flags)})" if flags else "")
    )


def first_search(env, query="pain"):
    """The first search after a content change, and the next, on the site of
    `env` (tests/bench/first_search.py, in its own process): milliseconds."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tests.bench.first_search", query],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def first_searches(shipped_env, grown_env):
    print(
        "\nSearch after a content change (every worker builds search's index "
        "again: in the request on a small site, in a thread on a large one, "
        "pages/searchindex.py), one process, the fastest of 3:",
        flush=True,
    )
    shipped, grown = first_search(shipped_env), first_search(grown_env)
    ratio = grown["first_ms"] / shipped["first_ms"]
    print(
        f"  'pain', first after a change: shipped {shipped['first_ms']:.0f} ms, "
        f"grown {grown['first_ms']:.0f} ms, {ratio:.1f} times "
        f"(goal at most {GOAL_FIRST_SEARCH:.0f}); the new index in use after "
        f"{shipped['fresh_after_ms']:.0f} / {grown['fresh_after_ms']:.0f} ms; "
        f"again: {shipped['again_ms']:.1f} / {grown['again_ms']:.1f} ms",
        flush=True,
    )
    return {"shipped": shipped, "grown": grown, "cost_ratio": ratio}


def verdicts(result):
    """(goal, measured, PASS/MISS) lines for bench.py's summary."""
    lines = []
    for name, row in result["table"].items():
        ratio = row["ratio"] or 0
        sitemap_split = name == "/sitemap.xml" and row["grown_kb"] < BUDGET_KB
        lines.append(
            (
                f"grown/shipped req/s, {name}",
                f"{ratio:.2f} (CPU {row['cpu_ratio'] or 0:.2f}), "
                f"{row['grown_kb']:.0f} KB",
                f">= {GOAL_RATIO}, <= {BUDGET_KB} KB"
                + (" (sitemap: split)" if name == "/sitemap.xml" else ""),
                (ratio >= GOAL_RATIO or sitemap_split)
                and row["grown_kb"] <= BUDGET_KB
                and not row["errors"],
            )
        )
    first = result.get("first_search")
    if first:
        lines.append(
            (
                "search 'pain' first after a change, grown/shipped cost",
                f"{first['cost_ratio']:.1f}x ({first['grown']['first_ms']:.0f} "
                f"vs {first['shipped']['first_ms']:.0f} ms)",
                f"<= {GOAL_FIRST_SEARCH:.0f}x",
                first["cost_ratio"] <= GOAL_FIRST_SEARCH,
            )
        )
    load = result["load"]
    p99 = load["latency_ms"].get(99, float("nan"))
    lines.append(
        (
            f"grown site, gunicorn alone, {load['pages']} pages, 64 conn., p99",
            f"{p99:.0f} ms, {load['errors']} errors",
            f"< {LOAD_GOAL_MS} ms",
            p99 < LOAD_GOAL_MS and not load["errors"],
        )
    )
    return lines


def run(shipped_env, root, log, gunicorn, public_pages):
    """The grown-site part of `make bench`, on the shipped site's copy
    `shipped_env`; `gunicorn` and `public_pages` are bench.py's."""
    print(
        f"\nGrown site: the shipped content plus {ARTICLES} articles and "
        f"{CONDITIONS} conditions (grow_content on a throwaway copy) ...",
        flush=True,
    )
    grown_env = grown_copy(shipped_env, root)
    off = {"PAGE_CACHE_SECONDS": "0", "WEB_CONCURRENCY": "2"}
    shipped = gunicorn("backfit.wsgi:application", {**shipped_env, **off}, log)
    try:
        grown = gunicorn("backfit.wsgi:application", {**grown_env, **off}, log)
    except BaseException:
        shipped.stop()
        raise
    try:
        print(
            f"Page cache off, 2 workers, wrk {CONNECTIONS} connections, "
            f"{SECONDS} s per page and site: req/s, then server CPU ms per "
            "request (ratios grown/shipped throughput; shipped/grown CPU)"
        )
        print(header())
        rows = table(shipped, grown)
    finally:
        shipped.stop()
        grown.stop()
    print(
        f"(goals: grown at {GOAL_RATIO} or more of shipped, the sitemap excepted "
        f"when cached and split; no page over {BUDGET_KB} KB)"
    )
    searched = first_searches(shipped_env, grown_env)

    site = gunicorn("backfit.wsgi:application", grown_env, log)
    try:
        pages = public_pages(site.url)
        print(
            f"\nGrown site under load: {LOAD_CONNECTIONS} connections for "
            f"{LOAD_SECONDS} s over {len(pages)} public pages, gunicorn as shipped "
            "(page cache on) ...",
            flush=True,
        )
        load = wrk.run(
            site.url, pages, connections=LOAD_CONNECTIONS, seconds=LOAD_SECONDS
        )
    finally:
        site.stop()
    p99 = load["latency_ms"].get(99, float("nan"))
    print(
        f"  {load['rps']:.0f} req/s, p99 {p99:.0f} ms (goal under 200), "
        f"{wrk.errors(load)} errors"
    )
    return {
        "articles_added": ARTICLES,
        "conditions_added": CONDITIONS,
        "table": rows,
        "first_search": searched,
        "load": {
            "connections": LOAD_CONNECTIONS,
            "pages": len(pages),
            "rps": load["rps"],
            "latency_ms": load["latency_ms"],
            "errors": wrk.errors(load),
        },
    }


def main():
    """This part alone: builds the shipped copy itself."""
    from tests.bench import bench

    wrk.ensure_wrk()
    out_dir = bench.REPO / "bench-results"
    out_dir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="backfit-bench-") as tmp:
        root = Path(tmp)
        print("Building a throwaway copy of the site ...", flush=True)
        started = time.monotonic()
        env = bench.build_site(root)
        print(f"  built in {time.monotonic() - started:.0f} s")
        print(f"Load: {os.getloadavg()[0]:.2f} (1 min avg), {os.cpu_count()} cores")
        with open(out_dir / "gunicorn-grown.log", "w") as log:
            result = run(env, root, log, bench.Gunicorn, bench.public_pages)
    from tests.bench import goals

    goals.print_goals(verdicts(result))
    (out_dir / "grown.json").write_text(json.dumps(result, indent=2))
    print(f"\nDetails in {out_dir}/grown.json")


if __name__ == "__main__":
    main()
