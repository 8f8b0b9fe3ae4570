"""The full-page cache: anonymous pages come from a cache every gunicorn worker
shares, and any content change is live on the next request to any worker.

How it stays fresh: every cached page is stored with the content version it
was rendered under (base/memory.py: one row of the database, written in the
same transaction as every content change), and is served only while that
version is still the database's. The version is read once per request,
before anything is rendered, so a page is never stored under a version newer
than its content. The cache holds no authority: a Redis that restarts from
an old snapshot, a lagging replica or a full Redis costs speed, never
correctness, and never refuses a staff save.

Said once, for the WSGI fast path (CachedPagesApp) and the middleware alike:
`page_key()` decides whether a request may come from the cache and under
which key, rewriting what the view will read to its normal form first;
`lookup()` finds the page (this process's memory, base/memory.py, then the
shared cache). A miss in the fast path hands its key and version to the
middleware, which neither decides nor looks again.

The key of a page holds only what a view reads, normalized and bounded:
scheme; host (lower case, no default port; it must be in ALLOWED_HOSTS);
path (which carries the language prefix, e.g. /es/); the query parameters
views read (settings.PAGE_CACHE_QUERY_PARAMS, in a fixed order, positions
rounded to ~1 km; every other parameter is dropped before the lookup and
never reaches the view); and the release (a digest of the code, templates
and static files). Views mark pages they cannot bound `private` (search for
words the site does not know, a place the finder does not know): rendered,
never stored.

What is never cached: anything but an anonymous GET/HEAD (a signed-in staff
session or a real pending message; a session or messages cookie that is not
one is ignored), static files, uploads and the admin, responses other than
200, responses that say `Cache-Control: private`/`no-store`/`no-cache`,
responses that set a cookie, and responses in a language other than their
path's.

The headers a cached page carries (Cache-Control, ETag, Vary) are set in one
place: `PageCacheMiddleware._store`.
"""

import functools
import gzip
import hashlib
import logging
import os
import time
from http.client import responses
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpResponse, QueryDict
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host
from django.utils.cache import (
    get_conditional_response,
    get_max_age,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import parse_etags

from base import memory
from base.visitor import is_anonymous

from . import encoding

logger = logging.getLogger(__name__)
# Part of every page key: change it when the shape of a cached entry changes,
# so a deploy never reads entries written by the previous release.
ENTRY_FORMAT = 6
# What a fast-path miss hands the middleware: (page key, content version).
MISSED = "backfit.page_cache_missed"
# Kept query values longer than this are never stored (nothing a view reads
# is that long).
MAX_VALUE = 200
RELEASE_SUFFIXES = {
    ".py",
    ".html",
    ".txt",
    ".xml",
    ".css",
    ".js",
    ".svg",
    ".json",
    ".po",
}


@functools.cache
def release():
    """What this release renders with: DJANGO_RELEASE when set (e.g. the git
    commit), else a digest of the code, templates and static files of the
    project's own apps and template folders, worked out once per process.
    Part of every page key, so a deploy never serves the last release's
    pages; the same files give the same digest on every host."""
    if settings.RELEASE:
        return settings.RELEASE
    base = Path(settings.BASE_DIR)
    roots = {Path(d) for t in settings.TEMPLATES for d in t.get("DIRS", [])}
    roots.update(Path(d) for d in settings.STATICFILES_DIRS)
    # The translations: a corrected Spanish word is a new release too.
    roots.update(Path(d) for d in settings.LOCALE_PATHS)
    roots.update(
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(base)
    )
    digest = hashlib.sha256()
    for root in sorted(roots):
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                path = Path(folder, name)
                if path.suffix in RELEASE_SUFFIXES:
                    digest.update(str(path.relative_to(root)).encode())
                    digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _skip_prefixes():
    """Static files, uploads and the admin: never pages of this cache."""
    return _prefixes(settings.STATIC_URL, settings.MEDIA_URL, settings.ADMIN_URL)


@functools.cache
def _prefixes(*urls):
    return tuple(
        "/" + url.strip("/") + "/" for url in urls if url and not urlsplit(url).netloc
    )


def _languages():
    """The language codes a path may start with (/es/...)."""
    return _codes(tuple(code for code, _ in settings.LANGUAGES))


@functools.cache
def _codes(codes):
    return frozenset(codes)


def _scheme(meta):
    """request.scheme, from the WSGI environ alone."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = meta.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return meta.get("wsgi.url_scheme", "http")


def _position(value):
    """A latitude or longitude rounded to two places (about 1 km), or None."""
    try:
        number = float(value)
    except ValueError:
        return None
    return f"{number:.2f}" if -180 <= number <= 180 else None


def _words(value):
    """Runs of spaces as one, none at the ends (as the views read them)."""
    return " ".join(value.split())


def _number(value):
    """A page number without leading zeros ("" is the first page), or None."""
    return str(int(value)) if value.isdigit() and len(value) <= 6 else None


NORMALIZE = {
    "lat": _position,
    "lng": _position,
    "q": _words,
    "near": _words,
    "page": _number,
}


def kept_query(query_string):
    """(the query string with only the parameters a view reads, sorted by
    name and normalized; whether it is bounded enough to store)."""
    if not query_string:
        return "", True
    params = settings.PAGE_CACHE_QUERY_PARAMS
    pairs, bounded = [], True
    for name, value in parse_qsl(
        query_string, keep_blank_values=True, errors="replace"
    ):
        if name not in params:
            continue
        normal = NORMALIZE[name](value) if name in NORMALIZE else value
        if normal is None or len(normal) > MAX_VALUE:
            bounded, normal = False, value
        pairs.append((name, normal))
    pairs.sort(key=lambda pair: pair[0])
    return urlencode(pairs), bounded


def normal_host(host, scheme):
    """The Host header in lower case without the scheme's default port, or
    None if it is malformed or not in ALLOWED_HOSTS."""
    domain, port = split_domain_port(host)
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    if not domain or not validate_host(domain, allowed):
        return None
    if port and not (port.isdigit() and int(port) < 65536):
        return None
    if not port or int(port) == {"http": 80, "https": 443}[scheme]:
        return domain
    return f"{domain}:{int(port)}"


def page_key(meta):
    """Whether this request may be answered from the cache, and its key.

    First drops the query parameters no view reads and writes the host and
    the kept query back in their normal form, so the view reads exactly
    what the key holds. Returns None for what is never a cached page (not a
    GET/HEAD, static files and the admin, a host Django will refuse, plain
    HTTP when HTTPS is enforced, a value too odd to store). Cookies are the
    caller's to check."""
    path = meta.get("PATH_INFO", "")
    if meta.get("REQUEST_METHOD") not in ("GET", "HEAD") or path.startswith(
        _skip_prefixes()
    ):
        return None
    query, bounded = kept_query(meta.get("QUERY_STRING", ""))
    meta["QUERY_STRING"] = query
    scheme = _scheme(meta)
    header = "HTTP_HOST"
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in meta:
        header = "HTTP_X_FORWARDED_HOST"
    raw = meta.get(header) or f"{meta.get('SERVER_NAME', '')}:{meta.get('SERVER_PORT')}"
    host = normal_host(raw, scheme)
    if (
        not settings.PAGE_CACHE_SECONDS
        or not bounded
        or host is None
        or (settings.SECURE_SSL_REDIRECT and scheme != "https")
    ):
        return None
    meta[header] = host
    language = path.split("/", 2)[1] if path.count("/") > 1 else ""
    if language not in _languages():
        language = settings.LANGUAGE_CODE
    url = f"{scheme}://{host}{meta.get('SCRIPT_NAME', '')}{path}?{query}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    prefix = settings.PAGE_CACHE_KEY_PREFIX
    return f"{prefix}:page{ENTRY_FORMAT}:{release()}:{language}:{digest}"


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def lookup(key, version):
    """The page's entry, (version, expires, status, headers, body, gzipped
    body), if it was built from `version` and is still fresh; else None."""
    entry = memory.recall(("page", key), version)
    if entry is None:
        entry = _cache().get(key)
        if entry is None or entry[0] != version:
            return None
        memory.remember(("page", key), entry, version)
    return entry if entry[1] > time.time() else None


def _has_state_cookie(cookies):
    """A session or messages cookie: maybe staff, maybe a pending message."""
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _is_cacheable(response, key):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # A page in another language than its path's (a language chosen by a
    # cookie or the browser) is not the page of that key.
    language = key.split(":")[-2]
    if response.get("Content-Language", language) != language:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(
        word in cache_control for word in ("private", "no-store", "no-cache")
    )


def _variant(meta, entry, how):
    """Status, headers and body of a cached page for this request: gzipped
    for clients that accept it, each form with its own ETag."""
    _, _, status, headers, body, compressed = entry
    headers = dict(headers)
    if compressed is not None and encoding.accepts(meta, "gzip"):
        body = compressed
        headers["Content-Encoding"] = "gzip"
        headers["Content-Length"] = str(len(body))
        headers["ETag"] = headers["ETag"][:-1] + '-gzip"'
    headers["X-Page-Cache"] = how
    return status, headers, body


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests from the shared cache, and fill it.

    First in MIDDLEWARE but for the request id and health check, so a hit
    skips the rest of the stack, and what is stored is the finished response,
    headers from every middleware below included. It also holds the request's
    content version (read at most once, base/memory.py) for everything below.
    Browsers revalidate with the page's ETag, so a staff edit reaches them on
    their next request too. (Under gunicorn, CachedPagesApp answers most hits
    before Django even builds a request.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        missed = request.META.pop(MISSED, None)
        with memory.pinned(missed and missed[1]):
            return self._serve(request, missed)

    def _serve(self, request, missed):
        if missed:
            key, version = missed
        else:
            query = request.META.get("QUERY_STRING", "")
            key = page_key(request.META)
            if request.META.get("QUERY_STRING", "") != query:
                request.GET = QueryDict(request.META["QUERY_STRING"])
            if key is None or not is_anonymous(request):
                return self.get_response(request)
            try:
                version = memory.version()
            except DatabaseError:  # the view gives the branded 503
                return self.get_response(request)
            entry = lookup(key, version)
            if entry is not None:
                return self._respond(request, entry, "hit")
        response = self.get_response(request)
        if not _is_cacheable(response, key):
            return response
        return self._store(request, response, key, version)

    def _store(self, request, response, key, version):
        """Every header of a cached page is set here."""
        # A view that says how long its page stays true (a location's "open
        # now") caps the server's copy and keeps its own word to browsers.
        # Other pages: browsers ask again every time (max-age 0 by default),
        # so a staff edit shows at once; the ETag makes that ask a cheap 304.
        own_max_age = get_max_age(response)
        timeout = settings.PAGE_CACHE_SECONDS
        if own_max_age is not None:
            if own_max_age <= 0:
                return response
            timeout = min(timeout, own_max_age)
            patch_cache_control(response, public=True)
        else:
            max_age = settings.PAGE_CACHE_BROWSER_MAX_AGE
            patch_cache_control(
                response, public=True, max_age=max_age, must_revalidate=not max_age
            )
        if not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        # Compressed once here rather than on every hit. Safe from BREACH-style
        # attacks: a cached page carries no secret (pages with a CSRF token
        # set a cookie or are never_cache, and are not cached).
        patch_vary_headers(response, ["Accept-Encoding"])
        body = response.content
        compressed = None
        if len(body) >= 512 and response.get("Content-Type", "").startswith("text/"):
            compressed = gzip.compress(body, compresslevel=6, mtime=0)
        entry = (
            version,
            time.time() + timeout,
            response.status_code,
            list(response.items()),
            body,
            compressed,
        )
        # A full or unreachable cache drops the write (backfit/cache.py).
        _cache().set(key, entry, timeout)
        memory.remember(("page", key), entry, version)
        return self._respond(request, entry, "miss")

    @staticmethod
    def _respond(request, entry, how):
        status, headers, body = _variant(request.META, entry, how)
        response = HttpResponse(body, status=status, headers=headers)
        return (
            get_conditional_response(request, etag=response["ETag"], response=response)
            or response
        )


class CachedPagesApp:
    """WSGI wrapper (backfit/wsgi.py) that answers cache hits straight from
    the environ, before Django builds a request: the hit path of
    PageCacheMiddleware with nothing else around it, so a cached page costs
    little more than a bare WSGI app returning the same bytes.

    Anything it is not sure of goes to Django: a session or messages cookie
    (only Django can tell a real one), misses, and any error reading the
    version or the cache.
    """

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        try:
            hit = self._hit(environ)
        except Exception:  # the database or cache is down or odd: Django copes
            logger.debug("page cache fast path failed", exc_info=True)
            environ.pop(MISSED, None)
            hit = None
        if hit is None:
            return self.app(environ, start_response)
        status, headers, body = hit
        start_response(status, headers)
        return [body]

    def _hit(self, environ):
        key = page_key(environ)
        cookie = environ.get("HTTP_COOKIE")
        if key is None or (cookie and _has_state_cookie(parse_cookie(cookie))):
            return None
        version = memory.version()
        entry = lookup(key, version)
        if entry is None:
            environ[MISSED] = (key, version)
            return None
        status, headers, body = _variant(environ, entry, "hit")
        self._add_request_id(environ, headers)
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match and headers["ETag"] in parse_etags(if_none_match):
            kept = ("ETag", "Cache-Control", "Vary", "Expires", "X-Request-ID")
            headers = {k: v for k, v in headers.items() if k in kept}
            status, body = 304, b""
        if environ["REQUEST_METHOD"] == "HEAD":
            body = b""
        return (
            f"{status} {responses.get(status, 'OK')}",
            list(headers.items()),
            body,
        )

    @staticmethod
    def _add_request_id(environ, headers):
        """What RequestIDMiddleware (above the page cache in MIDDLEWARE) does
        for every response: keep a sane incoming X-Request-ID or make one."""
        from backfit.middleware import request_id_for

        headers["X-Request-ID"] = request_id_for(environ.get("HTTP_X_REQUEST_ID", ""))
