"""The full-page cache: anonymous pages come from a cache every gunicorn worker
shares, and any content change is live on the next request to any worker.

How it stays fresh: the cache holds one site-wide *content version*. Every
cached page is stored with the version it was rendered under, and a page is
served from the cache only while that version is still current. Saving,
deleting or re-linking any record of a content app (base/registry.py) writes
a new version, so every worker's next request renders afresh. No
per-page bookkeeping, nothing to forget when a new page type appears.

A content change is never lost: the new version is written past the
fail-open cache (backfit/cache.py `set_strictly`). Inside a transaction the
version first becomes "pending" (no worker serves or stores a page while it
is), then a fresh version once the transaction commits. If the pending mark
cannot be written the save is refused (CacheWriteFailed, a clear message for
staff); if the fresh version cannot be written after the commit, the mark
stays and the cache serves nothing until it expires (PENDING_SECONDS), when a
fresh version is made. Stale pages are never the fallback.

The key of a page: scheme, host, path, the query parameters views read
(settings.PAGE_CACHE_QUERY_PARAMS, in a fixed order; every other parameter,
`utm_source`, `fbclid` or random, is dropped before the lookup and never
reaches the view) and the release (a digest of the code, templates and
static files, so a deploy never serves pages the last release rendered).

What is never cached: anything but an anonymous GET/HEAD (a signed-in staff
session or a real pending message; a session or messages cookie that is not
one is ignored), the admin, responses other than 200, responses that say
`Cache-Control: private`/`no-store`/`no-cache` (`never_cache`), and responses
that set a cookie (a form's CSRF token, a message).
"""

import functools
import gzip
import hashlib
import logging
import os
import threading
import time
import uuid
from collections import OrderedDict
from http.client import responses
from importlib import import_module
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import (
    get_conditional_response,
    get_max_age,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import parse_etags

from base import registry

from .cache import CacheWriteFailed, set_strictly

logger = logging.getLogger(__name__)
M2M_ACTIONS = {"post_add", "post_remove", "post_clear"}
# Part of every page key: change it when the shape of a cached entry changes,
# so a deploy never reads entries written by the previous release.
ENTRY_FORMAT = 5
# While a transaction that changes content is open, the version is this
# prefix plus an id: nothing is served or stored. Kept this long at most,
# should the transaction's end never write the next version.
PENDING = "pending-"
PENDING_SECONDS = 300


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _version_key():
    return f"{settings.PAGE_CACHE_KEY_PREFIX}:content-version"


def content_version():
    """The current content version, created on first use (or after the cache
    lost it, which only costs one round of re-rendering). May be a pending
    mark (see `servable`)."""
    cache, key = _cache(), _version_key()
    version = _current_version(cache)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key)
    return version


def settled_content_version():
    """The content version when no change is being saved, else None: for
    whatever is worked out from the content and kept (the search index)."""
    version = content_version()
    return version if servable(version) else None


def servable(version):
    """Pages may be served and stored under this version."""
    return version is not None and not version.startswith(PENDING)


def bump_content_version():
    """Make every cached page stale, in every worker at once. Raises
    CacheWriteFailed if the new version could not be written."""
    set_strictly(_cache(), _version_key(), uuid.uuid4().hex, timeout=None)


def _mark_pending():
    set_strictly(
        _cache(), _version_key(), PENDING + uuid.uuid4().hex, timeout=PENDING_SECONDS
    )


def _after_commit():
    try:
        bump_content_version()
    except CacheWriteFailed:
        # The pending mark stays: nothing is served from the cache until it
        # expires and a fresh version is made.
        logger.error(
            "Could not write the new content version; the page cache serves "
            "nothing for up to %s s",
            PENDING_SECONDS,
        )


def _content_changed(sender, **kwargs):
    if kwargs.get("action", "post_add") not in M2M_ACTIONS:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        bump_content_version()
        return
    # Inside a transaction: no worker may cache the old content under a new
    # version while it is open, so the version is "pending" until it
    # commits. Once per transaction.
    if any(func is _after_commit for _, func, _ in connection.run_on_commit):
        return
    _mark_pending()
    transaction.on_commit(_after_commit)


def connect_signals():
    """Listen to the content models by name: a receiver for every model would
    also turn off Django's fast deletes everywhere else (appointment purges,
    sessions)."""
    for model in registry.cache_models():
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(
                _content_changed,
                sender=model,
                dispatch_uid=f"pagecache_{signal_name(signal)}_{model._meta.label}",
            )


def signal_name(signal):
    return {post_save: "save", post_delete: "delete", m2m_changed: "m2m"}[signal]


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


def _scheme(meta):
    """request.scheme, from the WSGI environ alone."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = meta.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return meta.get("wsgi.url_scheme", "http")


def kept_query(query_string):
    """The query string with only the parameters a view reads
    (settings.PAGE_CACHE_QUERY_PARAMS), sorted by name (repeated ones keep
    their order). Everything else is dropped before the cache and the view
    see the request."""
    if not query_string:
        return ""
    params = settings.PAGE_CACHE_QUERY_PARAMS
    pairs = parse_qsl(query_string, keep_blank_values=True, errors="replace")
    return urlencode(sorted(((k, v) for k, v in pairs if k in params), key=_name))


def _name(pair):
    return pair[0]


def _page_key(meta, host):
    """The key of a page: release, scheme, host, path and query string (which
    the callers have already cut to the kept parameters)."""
    path = meta.get("SCRIPT_NAME", "") + meta.get("PATH_INFO", "")
    url = f"{_scheme(meta)}://{host}{path}?{meta.get('QUERY_STRING', '')}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    prefix = settings.PAGE_CACHE_KEY_PREFIX
    return f"{prefix}:page{ENTRY_FORMAT}:{release()}:{digest}"


def _has_state_cookie(cookies):
    """A session or messages cookie: maybe staff, maybe a pending message."""
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _is_anonymous(request):
    """No signed-in staff session and no real pending message. A cookie of
    any other value (made up, expired, a patient's short-lived session) does
    not skip the cache, so a made-up cookie cannot make every request render
    afresh. Costs a session lookup only for requests that carry one."""
    cookies = request.COOKIES
    if "messages" in cookies:
        from django.contrib.messages.storage.cookie import CookieStorage

        if CookieStorage(request)._decode(cookies["messages"]):
            return False
    session_key = cookies.get(settings.SESSION_COOKIE_NAME)
    if session_key:
        store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
        data = store.load()
        if "_auth_user_id" in data or "_messages" in data:
            return False
    return True


def _is_cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(
        word in cache_control for word in ("private", "no-store", "no-cache")
    )


# This worker's copies of pages: page key -> the cache entry, that is
# (version, expires, status, headers, body, gzipped body). Only ever used
# together with the current version read from the shared cache. Shared by
# the threads of a threaded worker, hence the lock.
_local = OrderedDict()
_local_lock = threading.Lock()
LOCAL_PAGES = 256


def _remember(page_key, entry):
    with _local_lock:
        _local[page_key] = entry
        _local.move_to_end(page_key)
        while len(_local) > LOCAL_PAGES:
            _local.popitem(last=False)


# The file cache's version file, as last read by this process: (file
# path, inode, change time, version). The file cache replaces a file on
# every write (a new inode), so an unchanged stat means an unchanged
# version: each hit costs a stat() rather than an open, read and unpickle.
_file_version = threading.local()


def _current_version(cache):
    if not isinstance(cache, FileBasedCache):
        return cache.get(_version_key())
    key = _version_key()
    memo = getattr(_file_version, "memo", None)
    if memo is None or memo[0] != (id(cache), key):
        path = cache._key_to_file(key)
        memo = ((id(cache), key), path, None, None)
    path = memo[1]
    try:
        stat = os.stat(path)
    except OSError:
        return cache.get(key)
    if (stat.st_ino, stat.st_mtime_ns) == memo[2]:
        return memo[3]
    version = cache.get(key)
    # Only a lasting version is remembered (a pending mark expires).
    stamp = (stat.st_ino, stat.st_mtime_ns) if servable(version) else None
    _file_version.memo = (memo[0], path, stamp, version)
    return version


def _lookup(page_key):
    """(current version, the page's entry if it may be served now)."""
    cache = _cache()
    version = _current_version(cache)
    if not servable(version):
        return version, None
    entry = _local.get(page_key)
    if entry is None or entry[0] != version:
        entry = cache.get(page_key)
        if entry is None:
            return version, None
        _remember(page_key, entry)
    if entry[0] != version or entry[1] <= time.time():
        return version, None
    return version, entry


def _variant(meta, entry, how):
    """Status, headers and body of a cached page for this request: gzipped
    for clients that accept it, each form with its own ETag."""
    _, _, status, headers, body, compressed = entry
    headers = dict(headers)
    if compressed is not None and re_accepts_gzip.search(
        meta.get("HTTP_ACCEPT_ENCODING", "")
    ):
        body = compressed
        headers["Content-Encoding"] = "gzip"
        headers["Content-Length"] = str(len(body))
        headers["ETag"] = headers["ETag"][:-1] + '-gzip"'
    headers["X-Page-Cache"] = how
    return status, headers, body


def _skip_prefixes():
    """Static files, uploads and the admin: never pages of this cache."""
    return tuple(
        "/" + url.strip("/") + "/"
        for url in (settings.STATIC_URL, settings.MEDIA_URL, settings.ADMIN_URL)
        if url and not urlsplit(url).netloc
    )


def _drop_unread_query(request):
    """Only the parameters a view reads reach it (and the page key)."""
    query = request.META.get("QUERY_STRING", "")
    kept = kept_query(query)
    if kept != query:
        request.META["QUERY_STRING"] = kept
        request.GET = QueryDict(kept)


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests from the shared cache, and fill it.

    First in MIDDLEWARE, so a hit skips the rest of the stack, and what is
    stored is the finished response, headers from every middleware below
    included. Each hit reads the content version from the shared cache; the
    page itself comes from this worker's memory when it already holds it for
    that version, else from the shared cache. Browsers revalidate with the
    page's ETag, so a staff edit reaches them on their next request too.
    (Under gunicorn, CachedPagesApp answers most hits before Django even
    builds a request; this middleware is the same cache for everything else.)
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.skip_prefixes = _skip_prefixes()

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith(
            self.skip_prefixes
        ):
            return self.get_response(request)
        _drop_unread_query(request)
        if not settings.PAGE_CACHE_SECONDS or not _is_anonymous(request):
            return self.get_response(request)

        page_key = _page_key(request.META, request.get_host())
        version, entry = _lookup(page_key)
        if entry is not None:
            return self._respond(request, entry, "hit")

        if version is None:
            version = content_version()
        response = self.get_response(request)
        if not _is_cacheable(response):
            return response
        if not servable(version):
            # A content change is being saved: rendered afresh, not stored.
            response["X-Page-Cache"] = "miss"
            return response
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
        _cache().set(page_key, entry, timeout)
        _remember(page_key, entry)
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

    Anything it is not sure of goes to Django untouched: requests that are
    not anonymous GET/HEAD, hosts not in ALLOWED_HOSTS, plain HTTP when HTTPS
    is enforced, misses, and any error reading the cache.
    """

    def __init__(self, app):
        self.app = app
        self.skip_prefixes = None

    def __call__(self, environ, start_response):
        self._drop_unread_query(environ)
        try:
            hit = self._hit(environ)
        except Exception:  # the cache is down or odd: Django will cope
            logger.debug("page cache fast path failed", exc_info=True)
            hit = None
        if hit is None:
            return self.app(environ, start_response)
        status, headers, body = hit
        start_response(status, headers)
        return [body]

    def _drop_unread_query(self, environ):
        """As the middleware does, before Django parses the query string."""
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return
        if self.skip_prefixes is None:
            self.skip_prefixes = _skip_prefixes()
        if environ.get("PATH_INFO", "").startswith(self.skip_prefixes):
            return
        query = environ.get("QUERY_STRING", "")
        if query:
            environ["QUERY_STRING"] = kept_query(query)

    def _hit(self, environ):
        # The settings object itself: each `settings.X` through the lazy
        # wrapper costs more than the rest of a line here.
        conf = getattr(settings, "_wrapped", None) or settings
        if not conf.PAGE_CACHE_SECONDS or environ.get("REQUEST_METHOD") not in (
            "GET",
            "HEAD",
        ):
            return None
        if self.skip_prefixes is None:
            self.skip_prefixes = _skip_prefixes()
        if environ.get("PATH_INFO", "").startswith(self.skip_prefixes):
            return None
        # A session or messages cookie: Django's middleware tells a real one
        # from a made-up one (it needs the session store).
        cookie = environ.get("HTTP_COOKIE")
        if cookie and _has_state_cookie(parse_cookie(cookie)):
            return None
        if conf.SECURE_SSL_REDIRECT and _scheme(environ) != "https":
            return None
        host = environ.get("HTTP_HOST", "")
        if conf.USE_X_FORWARDED_HOST or not host:
            return None
        domain, _ = split_domain_port(host)
        allowed = conf.ALLOWED_HOSTS
        if conf.DEBUG and not allowed:
            allowed = [".localhost", "127.0.0.1", "[::1]"]
        if not domain or not validate_host(domain, allowed):
            return None

        _, entry = _lookup(_page_key(environ, host))
        if entry is None:
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
