"""Django's own Redis cache backend, made optional: with Redis down, every
cache call behaves like a miss (reads return the default, writes do
nothing), a warning is logged, and the page is built from the database.

Why a small subclass instead of django-redis: Django's built-in RedisCache is
what `CACHE_URL=redis://...` selects, it needs only the `redis` package, and
the one thing it lacks is this fail-open behaviour. After a failure Redis is
left alone for `RETRY_AFTER` seconds (per process), so an unreachable server
costs each worker one failed connection every few seconds rather than a
timeout on every request.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0


def _fail_open(default=None, raises=None):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                if raises:
                    raise raises("cache unavailable")
                return default() if callable(default) else default
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self._mark_down(error)
                if raises:
                    raise raises("cache unavailable") from error
                return default() if callable(default) else default

        return wrapper

    return decorate


class ResilientRedisCache(RedisCache):
    """RedisCache that never lets a Redis outage become an error page."""

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        # Fail fast: a cache that answers slower than this is no help.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._down_until = 0.0

    def get(self, key, default=None, version=None):
        if time.monotonic() < self._down_until:
            return default
        try:
            return super().get(key, default, version)
        except RedisError as error:
            self._mark_down(error)
            return default

    def _mark_down(self, error):
        self._down_until = time.monotonic() + RETRY_AFTER
        logger.warning(
            "Cache unavailable, serving without it for %ss: %s",
            RETRY_AFTER,
            error.__class__.__name__,
        )

    add = _fail_open(default=False)(RedisCache.add)
    set = _fail_open(default=None)(RedisCache.set)
    touch = _fail_open(default=False)(RedisCache.touch)
    delete = _fail_open(default=False)(RedisCache.delete)
    get_many = _fail_open(default=dict)(RedisCache.get_many)
    set_many = _fail_open(default=list)(RedisCache.set_many)
    delete_many = _fail_open(default=None)(RedisCache.delete_many)
    has_key = _fail_open(default=False)(RedisCache.has_key)
    clear = _fail_open(default=False)(RedisCache.clear)
    # Like a missing key: callers of incr() already handle ValueError.
    incr = _fail_open(raises=ValueError)(RedisCache.incr)
    # get_or_set() and decr() are built on the methods above.
