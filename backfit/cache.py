"""Django's own cache backends, made optional: when the cache cannot be
reached, every cache call behaves like a miss (reads return the default,
writes do nothing), a warning is logged, and the page is built from the
database -- or, if the database itself is what is down, the view's own
database error gives the branded 503 page, with all its headers.

- ResilientRedisCache: `CACHE_URL=redis://...`. Why a small subclass instead
  of django-redis: Django's built-in RedisCache needs only the `redis`
  package, and the one thing it lacks is this fail-open behaviour.
- ResilientDatabaseCache: the default cache table. Only "cannot reach the
  database" errors are swallowed; a missing table stays an error.

After a failure the cache is left alone for `RETRY_AFTER` seconds (per
process), so an unreachable server costs each worker one failed connection
every few seconds rather than a timeout on every request.

No write here must land: the content version lives in the database
(base/memory.py), so a dropped write (Redis down, or full with noeviction)
costs a re-render, never correctness.
"""

import functools
import logging
import time

from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import InterfaceError, OperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0
# method name -> what it returns while the cache is unavailable
MISS = {
    "add": False,
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": dict,
    "set_many": list,
    "delete_many": None,
    "has_key": False,
    "clear": None,
}


def _fail_open(method, default):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if self._is_down():
            return default() if callable(default) else default
        try:
            return method(self, *args, **kwargs)
        except self.unavailable as error:
            self._mark_down(error)
            return default() if callable(default) else default

    return wrapper


class FailOpenMixin:
    unavailable = ()
    _down_until = 0.0

    def _is_down(self):
        return time.monotonic() < self._down_until

    def _mark_down(self, error):
        self._down_until = time.monotonic() + RETRY_AFTER
        logger.warning(
            "Cache unavailable, serving without it for %ss: %s",
            RETRY_AFTER,
            error.__class__.__name__,
        )

    def get(self, key, default=None, version=None):
        if self._is_down():
            return default
        try:
            return super().get(key, default, version)
        except self.unavailable as error:
            self._mark_down(error)
            return default

    def incr(self, key, delta=1, version=None):
        # Like a missing key: callers of incr() already handle ValueError.
        if self._is_down():
            raise ValueError("cache unavailable")
        try:
            return super().incr(key, delta, version)
        except self.unavailable as error:
            self._mark_down(error)
            raise ValueError("cache unavailable") from error

    # get_or_set() and decr() are built on the methods above.


def fail_open(backend):
    """The backend class with every cache call made fail-open."""
    methods = {
        name: _fail_open(getattr(backend, name), default)
        for name, default in MISS.items()
    }
    return type(f"Resilient{backend.__name__}", (FailOpenMixin, backend), methods)


class ResilientRedisCache(fail_open(RedisCache)):
    """RedisCache that never lets a Redis outage become an error page."""

    unavailable = (RedisError,)

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        # Fail fast: a cache that answers slower than this is no help.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        params["OPTIONS"] = options
        super().__init__(server, params)


class ResilientDatabaseCache(fail_open(DatabaseCache)):
    """The database cache, whose failure to reach the database is left to
    the view (which answers with the branded 503 page)."""

    unavailable = (OperationalError, InterfaceError)
