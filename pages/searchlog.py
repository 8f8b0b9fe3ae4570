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
from django.utils import timezone, translation

from . import search
from .models import LANGUAGES, SearchCount
from .searchwords import APOSTROPHES

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


def count(query_string, results, language="en"):
    """Count one search (the raw query string of a /search/ request, how
    many pages it found and the language of its page: /es/search/ is
    Spanish). Never raises: a search is never refused because it could not
    be counted."""
    params = parse_qs(query_string or "", keep_blank_values=True)
    if params.get("page", ["1"])[0] not in ("", "1"):
        return
    words = normalized(params.get("q", [""])[0])
    if not words:
        return
    day = timezone.localdate()
    rows = SearchCount.objects.filter(day=day, language=language, words=words)
    try:
        if rows.update(count=F("count") + 1, results=results):
            return
        try:
            with transaction.atomic():
                SearchCount.objects.create(
                    day=day, language=language, words=words, count=1, results=results
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
        language = search_paths().get(request.path)
        if request.method == "GET" and language:
            found = _results(response.get(HEADER))
            if response.status_code == 200 and found is not None:
                request.META[COUNTED] = True
                count(request.META.get("QUERY_STRING", ""), found, language)
        return response


class SearchCountApp:
    """WSGI wrapper around the page cache's fast path (backfit/wsgi.py):
    counts the search pages answered before Django builds a request."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        language = search_paths().get(environ.get("PATH_INFO"))
        if environ.get("REQUEST_METHOD") != "GET" or not language:
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
            count(environ.get("QUERY_STRING", ""), seen["found"], language)
        return body


_paths = {}


def search_paths():
    """{"/search/": "en", "/es/search/": "es"}: the search page of each
    language of the site."""
    if not _paths:
        for language, _name in LANGUAGES:
            with translation.override(language):
                _paths[reverse("search")] = language
    return _paths


def summary(days=30, limit=10):
    """The most frequent searches and those that found nothing, over the last
    `days` days, each language on its own: [(words, language, searches)]
    (the same words searched on the English and the Spanish pages are two
    entries: each needs its own synonym)."""
    since = timezone.localdate() - timedelta(days=days - 1)
    rows = SearchCount.objects.filter(day__gte=since)
    top = (
        rows.values("words", "language")
        .annotate(searches=Sum("count"))
        .order_by("-searches", "words", "language")[:limit]
    )
    # "Found nothing": the last count of those words found no page.
    latest = {}
    for row in rows.order_by("day").values("words", "language", "results"):
        latest[row["language"], row["words"]] = row["results"]
    nothing = []
    for language, _name in LANGUAGES:
        empty = [
            w for (lang, w), found in latest.items() if found == 0 and lang == language
        ]
        nothing += (
            rows.filter(language=language, words__in=empty)
            .values("words", "language")
            .annotate(searches=Sum("count"))
        )
    nothing.sort(key=lambda r: (-r["searches"], r["words"], r["language"]))
    return {
        "days": days,
        "top": [_entry(r) for r in top],
        "nothing": [_entry(r) for r in nothing[:limit]],
    }


def _entry(row):
    """(words, language code, language name, searches, the search's address)."""
    language = row["language"]
    path = next((p for p, code in search_paths().items() if code == language), None)
    return (
        row["words"],
        language,
        dict(LANGUAGES).get(language, language),
        row["searches"],
        path or search_path(),
    )


def search_path():
    """The English search page's address."""
    return next(p for p, code in search_paths().items() if code == LANGUAGES[0][0])


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
