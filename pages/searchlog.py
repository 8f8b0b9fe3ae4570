"""What patients searched for: counts per day and words, nothing about who.

A search page is counted where every request for it passes, cached or not:
the view puts the number of pages found in the response's
`X-Search-Results` header (kept with the page in the page cache), and
SearchCountMiddleware (above the page cache middleware) or, for a page the
WSGI fast path answers before Django, SearchCountApp (backfit/wsgi.py) adds
one to that day's count of those words. Only the first page of results
counts, once per request; nothing else of the request is read or stored (no
address, session, cookie, browser or user). Words are normalized (lower
case, one space, apostrophes dropped) and a run of six or more digits (a
phone number, a date of birth) is dropped. Counts older than
SEARCH_COUNT_RETENTION_DAYS are deleted whenever a new day's row is made and
by `manage.py purge_search_counts`.
"""

import logging
import re
from datetime import timedelta
from urllib.parse import parse_qs

from django.conf import settings
from django.db import DatabaseError, IntegrityError, close_old_connections, transaction
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone

from . import search
from .models import SearchCount
from .searchwords import APOSTROPHES, LANGUAGE

logger = logging.getLogger(__name__)
HEADER = "X-Search-Results"
COUNTED = "backfit.search_counted"  # set in the WSGI environ once counted
LONG_NUMBER = re.compile(r"\d{6,}")


def normalized(query):
    """The words of a search as they are stored: "Can't  PEE" -> "cant pee"."""
    query, _ = search.clean_query(query)
    words = search.WORD_RE.findall(query.translate(APOSTROPHES).lower())
    words = [w for w in words if not LONG_NUMBER.search(w) and "_" not in w]
    return " ".join(words)[: SearchCount._meta.get_field("words").max_length].strip()


def count(query_string, results):
    """Count one search (the raw query string of a /search/ request and how
    many pages it found). Never raises: a search is never refused because it
    could not be counted."""
    params = parse_qs(query_string or "", keep_blank_values=True)
    if params.get("page", ["1"])[0] not in ("", "1"):
        return
    words = normalized(params.get("q", [""])[0])
    if not words:
        return
    day = timezone.localdate()
    rows = SearchCount.objects.filter(day=day, language=LANGUAGE, words=words)
    try:
        if rows.update(count=F("count") + 1, results=results):
            return
        try:
            with transaction.atomic():
                SearchCount.objects.create(
                    day=day, language=LANGUAGE, words=words, count=1, results=results
                )
        except IntegrityError:  # made by another request meanwhile
            rows.update(count=F("count") + 1, results=results)
            return
        purge()
    except DatabaseError:
        logger.warning("A search could not be counted.", exc_info=True)


def purge(days=None):
    """Delete the counts older than `days` (SEARCH_COUNT_RETENTION_DAYS)."""
    days = settings.SEARCH_COUNT_RETENTION_DAYS if days is None else days
    cutoff = timezone.localdate() - timedelta(days=days)
    deleted, _ = SearchCount.objects.filter(day__lt=cutoff).delete()
    return deleted


def _results(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class SearchCountMiddleware:
    """Counts the search pages Django answers, the page cache's hits
    included (it sits above PageCacheMiddleware in MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "GET" and request.path == search_path():
            found = _results(response.get(HEADER))
            if response.status_code == 200 and found is not None:
                request.META[COUNTED] = True
                count(request.META.get("QUERY_STRING", ""), found)
        return response


class SearchCountApp:
    """WSGI wrapper around the page cache's fast path (backfit/wsgi.py):
    counts the search pages answered before Django builds a request."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "GET" or (
            environ.get("PATH_INFO") != search_path()
        ):
            return self.app(environ, start_response)
        seen = {}

        def start(status, headers, exc_info=None):
            seen["status"] = status
            seen["found"] = next(
                (_results(v) for k, v in headers if k.lower() == HEADER.lower()),
                None,
            )
            return start_response(status, headers, exc_info)

        body = self.app(environ, start)
        if (
            not environ.get(COUNTED)
            and seen.get("status", "").startswith("200")
            and seen.get("found") is not None
        ):
            close_old_connections()
            count(environ.get("QUERY_STRING", ""), seen["found"])
        return body


_path = []


def search_path():
    if not _path:
        _path.append(reverse("search"))
    return _path[0]


def summary(days=30, limit=10):
    """The most frequent searches and those that found nothing, over the last
    `days` days: [(words, searches)]."""
    since = timezone.localdate() - timedelta(days=days - 1)
    rows = SearchCount.objects.filter(day__gte=since, language=LANGUAGE)
    top = (
        rows.values("words")
        .annotate(searches=Sum("count"))
        .order_by("-searches", "words")[:limit]
    )
    # "Found nothing": the last count of those words found no page.
    latest = {}
    for row in rows.order_by("day").values("words", "results"):
        latest[row["words"]] = row["results"]
    empty = [w for w, found in latest.items() if found == 0]
    nothing = (
        rows.filter(words__in=empty)
        .values("words")
        .annotate(searches=Sum("count"))
        .order_by("-searches", "words")[:limit]
    )
    return {
        "days": days,
        "top": [(r["words"], r["searches"]) for r in top],
        "nothing": [(r["words"], r["searches"]) for r in nothing],
    }


def admin_home(request):
    """The admin home's "What patients searched for", for staff who may add
    synonyms or promoted results; None for everyone else."""
    user = request.user
    if not (user.has_perm("pages.add_synonym") or user.has_perm("pages.add_promotion")):
        return None
    return {
        **summary(),
        "add_synonym": user.has_perm("pages.add_synonym"),
        "add_promotion": user.has_perm("pages.add_promotion"),
    }
