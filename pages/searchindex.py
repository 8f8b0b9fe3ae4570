"""Where search's index is kept, and how a large site's is rebuilt without
a patient waiting for it.

The index (pages/search.py) is built once per content version and language
and kept in the process's memory (base/memory.py). A site of a few hundred
pages builds it in well under a tenth of a second, in the request that
first needs it. A site of thousands of pages takes about a second, and
every worker builds its own after each content change: the first patient
to search on each worker would wait that second. So on a site with at
least SEARCH_BACKGROUND_PAGES pages, a search that finds only the previous
version's index is answered from it at once while one thread of the worker
builds the new one; that answer says it is stale (`Index.version`), and
the search view marks it `private`, so neither the page cache nor the edge
keeps it. Results are then at most one build old (about a second on a site
grown by 3,300 pages, docs/performance.md): the same promise as the edge's
"an edit is out within 2 seconds". Staff-facing uses (the promotion form's
list of pages) always wait for the current index.
"""

import logging
import threading

from django.conf import settings
from django.db import connections
from django.utils import translation

from base import memory

logger = logging.getLogger(__name__)

_building = set()  # languages whose index a thread is building
_lock = threading.Lock()


def kept(build, stale_ok=False):
    """The index of the current content version in the active language;
    with `stale_ok`, possibly the previous one while the new one builds."""
    language = translation.get_language()
    current = memory.version()
    key = ("search index", language)
    found = memory.recall(key, current)
    if found is not None:
        return found
    latest = memory.newest(key)
    if (
        stale_ok
        and latest is not None
        and len(latest.pages) >= settings.SEARCH_BACKGROUND_PAGES
    ):
        _build_in_background(build, language)
        return latest
    return _build(build, key, current)


def _build(build, key, current):
    built = build()
    built.version = current
    memory.keep_newest(key, built)
    memory.remember(key, built, current)
    return built


def _build_in_background(build, language):
    with _lock:
        if language in _building:
            return
        _building.add(language)
    threading.Thread(
        target=_background, args=(build, language), daemon=True, name="search index"
    ).start()


def _background(build, language):
    try:
        with translation.override(language):
            # Read first: the documents read after it are at least as new.
            current = memory.version()
            _build(build, ("search index", language), current)
    except Exception:  # the next search tries again
        logger.exception("Building the search index failed")
    finally:
        # This thread's own database connections.
        for connection in connections.all(initialized_only=True):
            connection.close()
        with _lock:
            _building.discard(language)


def building():
    """Whether a thread is building an index now (for the bench)."""
    return bool(_building)
