"""What the first search after a content change costs: every worker builds
search's index again (pages/search.py) for the new content version, and the
patient whose search comes first waits for it. Run by tests/bench/grown.py
in a subprocess with a site's environment: makes a content change (a new
content version, as any save writes), times the next search through Django,
then how long until the index of the new version is in use (a large site
builds it in a thread meanwhile, pages/searchindex.py), then the same search
again; the fastest of a few tries. Prints JSON (milliseconds)."""

import json
import os
import sys
import time

TRIES = 3


def main(query):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backfit.settings")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.db import transaction
    from django.test import Client

    from base import memory
    from pages import searchindex

    client = Client(headers={"host": "127.0.0.1"})
    client.get("/")  # imports, connections, templates
    path = f"/search/?q={query}"
    client.get(path)
    first = again = fresh = float("inf")
    for _ in range(TRIES):
        with transaction.atomic():
            memory.bump()
        started = time.perf_counter()
        response = client.get(path)
        first = min(first, time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        while searchindex.building():
            time.sleep(0.005)
        fresh = min(fresh, time.perf_counter() - started)
        started = time.perf_counter()
        client.get(path)
        again = min(again, time.perf_counter() - started)
    print(
        json.dumps(
            {
                "first_ms": first * 1000,
                "fresh_after_ms": fresh * 1000,
                "again_ms": again * 1000,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "pain")
