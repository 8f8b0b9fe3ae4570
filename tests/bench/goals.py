"""`make bench`'s last word: each goal of issue 20 with what the run
measured, PASS or MISS (tests/bench/bench.py calls it; so does
tests/bench/grown.py run alone)."""

from tests.bench import grown


def print_goals(lines):
    """Each goal of issue 20 with what this run measured: PASS or MISS."""
    print("\nGoals (two cores; one run, side by side):")
    for name, measured, goal, passed in lines:
        print(f"  {'PASS' if passed else 'MISS'}  {name}: {measured} (goal {goal})")
    missed = sum(1 for line in lines if not line[3])
    print(f"  {len(lines) - missed} met, {missed} missed", flush=True)


def goals(summary):
    """The goal lines of `summary` (bench-results/summary.json's shape)."""
    lines = [
        (
            "Python path: cached condition page / bare WSGI app, req/s",
            f"{summary['ratio']:.2f} (CPU {summary['cpu_ratio'] or 0:.2f})",
            ">= 0.70",
            summary["ratio"] >= 0.7,
        )
    ]
    load = summary["load"]
    p99 = load["latency_ms"].get(99, float("nan"))
    lines.append(
        (
            f"gunicorn alone, {load['pages']} public pages, 64 conn., p99",
            f"{p99:.0f} ms, {load['errors']} errors",
            "< 200 ms",
            p99 < 200 and not load["errors"],
        )
    )
    edge = summary["edge"]
    if edge:
        lines.append(
            (
                "edge (shipped nginx) / nginx from disk, condition page, req/s",
                f"{edge['ratio']:.2f} (CPU {edge['cpu_ratio'] or 0:.2f})",
                ">= 0.70",
                edge["ratio"] >= 0.7,
            )
        )
        for name, figures in (
            ("condition page", edge["condition_64"]),
            (f"{edge['load']['pages']} public pages", edge["load"]),
        ):
            p99 = figures["latency_ms"].get(99, float("nan"))
            errors = figures.get("errors", 0)
            lines.append(
                (
                    f"through the edge, {name}, 64 conn., p99",
                    f"{p99:.0f} ms, {errors} errors",
                    "< 100 ms",
                    p99 < 100 and not errors,
                )
            )
    for name in ("condition page", "search 'spasm'"):
        rps = summary["miss_path"][name]["rps"]
        lines.append(
            (
                f"miss path (page cache off), {name}",
                f"{rps:.0f} req/s",
                ">= 150 req/s",
                rps >= 150,
            )
        )
    if summary.get("grown"):
        lines += grown.verdicts(summary["grown"])
    return lines
