"""A staff save is live on the next request to every gunicorn worker, not just
the one that handled it: the promise the page cache must keep across
processes, checked against real gunicorn."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CONDITION_URL = "/conditions/back-muscle-spasms/"
NEW_TEXT = "Spasms explained again, just now, by our staff."
SAVE = (
    "from conditions.models import Condition\n"
    "condition = Condition.objects.get(slug='back-muscle-spasms')\n"
    f"condition.definition = {NEW_TEXT!r}\n"
    "condition.save()\n"
)


def fetch_many(site, path, count=40):
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda _: site.get(path), range(count)))


def fetch_until_every_worker_served(site, path, workers=2, rounds=15):
    """Requests in parallel until at least `workers` processes have served
    `path` (a worker still booting may miss the first ones); bounded."""
    responses = []
    for _ in range(rounds):
        responses += fetch_many(site, path)
        if len(site.worker_pids(path)) >= workers:
            break
    return responses


def test_a_save_shows_at_once_on_every_worker(gunicorn_site):
    warm = fetch_until_every_worker_served(gunicorn_site, CONDITION_URL)
    assert all(status == 200 for status, _, _ in warm)
    assert any(headers.get("X-Page-Cache") == "hit" for _, headers, _ in warm)
    assert all(NEW_TEXT not in body for _, _, body in warm)
    warmed_by = gunicorn_site.worker_pids(CONDITION_URL)
    assert len(warmed_by) >= 2, "every worker should have served the page"
    # The embedded default: pages in files beside the SQLite database.
    database = gunicorn_site.env["DATABASE_URL"].removeprefix("sqlite:///")
    assert any(Path(f"{database}-pages").iterdir())

    gunicorn_site.manage("shell", "-c", SAVE)

    (gunicorn_site.log_dir / "access.log").write_text("")
    after = fetch_until_every_worker_served(
        gunicorn_site, CONDITION_URL, workers=len(warmed_by)
    )
    stale = [body for _, _, body in after if NEW_TEXT not in body]
    assert stale == []
    assert gunicorn_site.worker_pids(CONDITION_URL) == warmed_by
    # And the new page is cached again, for every worker.
    assert any(headers.get("X-Page-Cache") == "hit" for _, headers, _ in after)
