"""The full-page cache: anonymous pages come from a cache every gunicorn worker
shares, and any content change is live on the next request to any worker.

How it stays fresh: the cache holds one site-wide *content version*. Every
cached page is stored with the version it was rendered under, and a page is
served from the cache only while that version is still current. Saving,
deleting or re-linking any record of a content app (base/registry.py) writes
a new version, so every worker's next request renders afresh. No
per-page bookkeeping, nothing to forget when a new page type appears.

What is never cached: anything but an anonymous GET/HEAD (a request with a
session or messages cookie, staff and previews included), responses other than
200, responses that say `Cache-Control: private`/`no-store`/`no-cache`
(`never_cache`), and responses that set a cookie (a form's CSRF token, a
message).
"""

import gzip
import hashlib
import logging
import time
import uuid
from collections import OrderedDict
from http.client import responses
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
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

logger = logging.getLogger(__name__)
M2M_ACTIONS = {"post_add", "post_remove", "post_clear"}
# Part of every page key: change it when the shape of a cached entry changes,
# so a deploy never reads entries written by the previous release.
ENTRY_FORMAT = 4


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _version_key():
    return f"{settings.PAGE_CACHE_KEY_PREFIX}:content-version"


def content_version():
    """The current content version, created on first use (or after the cache
    lost it, which only costs one round of re-rendering)."""
    cache, key = _cache(), _version_key()
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key)
    return version


def bump_content_version():
    """Make every cached page stale, in every worker at once."""
    _cache().set(_version_key(), uuid.uuid4().hex, timeout=None)


def _content_changed(sender, **kwargs):
    if kwargs.get("action", "post_add") not in M2M_ACTIONS:
        return
    # Now, so this process (and a test inside a transaction) sees the change;
    # and again after commit, so no other worker can cache the old content
    # under the new version while the transaction is still open.
    bump_content_version()
    transaction.on_commit(bump_content_version)


def connect_signals():
    """Listen to the content models by name: a receiver for every model would
    also turn off Django's fast deletes everywhere else."""
    for model in registry.cache_models():
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(
                _content_changed,
                sender=model,
                dispatch_uid=f"pagecache_{signal_name(signal)}_{model._meta.label}",
            )


def signal_name(signal):
    return {post_save: "save", post_delete: "delete", m2m_changed: "m2m"}[signal]


def _scheme(meta):
    """request.scheme, from the WSGI environ alone."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = meta.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return meta.get("wsgi.url_scheme", "http")


def _page_key(meta, host):
    """The key of a page: scheme, host, path and query string as received."""
    path = meta.get("SCRIPT_NAME", "") + meta.get("PATH_INFO", "")
    url = f"{_scheme(meta)}://{host}{path}?{meta.get('QUERY_STRING', '')}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{settings.PAGE_CACHE_KEY_PREFIX}:page{ENTRY_FORMAT}:{digest}"


def _is_anonymous(cookies):
    """No session (staff, previews) and no pending messages."""
    return not (settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies)


def _is_cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(
        word in cache_control for word in ("private", "no-store", "no-cache")
    )


# This worker's copies of pages: page key -> the cache entry, that is
# (version, expires, status, headers, body, gzipped body). Only ever used
# together with the current version read from the shared cache.
_local = OrderedDict()
LOCAL_PAGES = 256


def _remember(page_key, entry):
    _local[page_key] = entry
    _local.move_to_end(page_key)
    while len(_local) > LOCAL_PAGES:
        _local.popitem(last=False)


def _lookup(page_key):
    """(current version, the page's entry if it may be served now)."""
    cache = _cache()
    version = cache.get(_version_key())
    if version is None:
        return None, None
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
    return tuple(
        "/" + url.strip("/") + "/"
        for url in (settings.STATIC_URL, settings.MEDIA_URL)
        if url and not urlsplit(url).netloc
    )


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
        if (
            not settings.PAGE_CACHE_SECONDS
            or request.method not in ("GET", "HEAD")
            or request.path.startswith(self.skip_prefixes)
            or not _is_anonymous(request.COOKIES)
        ):
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

    def _hit(self, environ):
        if not settings.PAGE_CACHE_SECONDS or environ.get("REQUEST_METHOD") not in (
            "GET",
            "HEAD",
        ):
            return None
        if self.skip_prefixes is None:
            self.skip_prefixes = _skip_prefixes()
        if environ.get("PATH_INFO", "").startswith(self.skip_prefixes):
            return None
        if not _is_anonymous(parse_cookie(environ.get("HTTP_COOKIE", ""))):
            return None
        if settings.SECURE_SSL_REDIRECT and _scheme(environ) != "https":
            return None
        host = environ.get("HTTP_HOST", "")
        if settings.USE_X_FORWARDED_HOST or not host:
            return None
        domain, _ = split_domain_port(host)
        allowed = settings.ALLOWED_HOSTS
        if settings.DEBUG and not allowed:
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
        if "backfit.middleware.RequestIDMiddleware" not in settings.MIDDLEWARE:
            return
        from backfit.middleware import request_id_for

        headers["X-Request-ID"] = request_id_for(environ.get("HTTP_X_REQUEST_ID", ""))
