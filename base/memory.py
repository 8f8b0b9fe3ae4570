"""The content version, and the one memory each process keeps by it.

The version: one row of the database (base.models.ContentVersion). Every
save, delete or re-link of a content model (registry.cache_models) writes a
new random version in the same transaction as the change, so a rollback
takes it back with the change, and a reader that sees a version sees at
least the content that went with it. No cache holds the authority: a Redis
restarted from an old snapshot, or a replica that lags, can cost speed,
never correctness.

Read at most once per request: `pinned()` wraps each request (the page
cache's middleware), and the first `version()` of the request reads the row;
the rest reuse it. A content change made during the request drops the pin,
so the request then sees its own change. Outside a request every call reads.

The memory: what is worked out from the content (a page's record, the
clinic settings, the search index, "Read more" blocks) and the page cache's
copies of pages, for one version only. It is replaced whole when the version
changes, and holds at most MEMORY_ENTRIES entries, the least recently used
dropped first (pages are ~30 KB with their gzipped copy: ~15 MB at most).
Nothing read from it may be changed: it is shared by every request.
"""

import contextlib
import contextvars
import threading
import uuid
from collections import OrderedDict

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

MEMORY_ENTRIES = 512
M2M_ACTIONS = {"post_add", "post_remove", "post_clear"}

# This request's version, once read: a list holding it, or empty.
_pin = contextvars.ContextVar("content_version", default=None)
_sql = None


def _read():
    global _sql
    if _sql is None:
        from .models import ContentVersion

        table = connection.ops.quote_name(ContentVersion._meta.db_table)
        _sql = f"SELECT version FROM {table} WHERE id = 1"  # noqa: S608
    # The driver's own cursor: this runs for every cached page, and Django's
    # cursor wrapper costs several times the query. A broken connection
    # raises here; Django's next request checks and replaces it
    # (CONN_HEALTH_CHECKS).
    db = connections[DEFAULT_DB_ALIAS]  # each `connection.x` costs a lookup
    db.ensure_connection()
    cursor = db.connection.cursor()
    try:
        cursor.execute(_sql)
        row = cursor.fetchone()
    finally:
        cursor.close()
    return row[0] if row else ""


def version():
    """The content version as the database has it."""
    pin = _pin.get()
    if pin is None:
        return _read()
    if not pin:
        pin.append(_read())
    return pin[0]


@contextlib.contextmanager
def pinned(known=None):
    """Read the version at most once inside: `known` when the caller has
    just read it (the WSGI fast path)."""
    token = _pin.set([] if known is None else [known])
    try:
        yield
    finally:
        _pin.reset(token)


def bump():
    """A new version, written in the current transaction."""
    from .models import ContentVersion

    new = uuid.uuid4().hex
    if not ContentVersion.objects.filter(pk=1).update(version=new):
        ContentVersion.objects.create(pk=1, version=new)
    pin = _pin.get()
    if pin:
        pin.clear()


def _changed(sender, **kwargs):
    if kwargs.get("action", "post_add") in M2M_ACTIONS:
        bump()


def connect_signals(models):
    """Listen to the content models by name: a receiver for every model would
    also turn off Django's fast deletes everywhere else (appointment purges,
    sessions)."""
    for model in models:
        for name, signal in (
            ("save", post_save),
            ("delete", post_delete),
            ("m2m", m2m_changed),
        ):
            signal.connect(
                _changed,
                sender=model,
                dispatch_uid=f"content_version_{name}_{model._meta.label}",
            )


# (version, {key: value}), replaced whole when the version changes.
_memory = (None, OrderedDict())
_lock = threading.Lock()


def recall(key, current):
    """The value kept under `key` for version `current`, or None."""
    kept_version, entries = _memory
    if kept_version != current:
        return None
    with _lock:
        value = entries.get(key)
        if value is not None:
            entries.move_to_end(key)
    return value


def remember(key, value, current):
    global _memory
    with _lock:
        kept_version, entries = _memory
        if kept_version != current:
            entries = OrderedDict()
            _memory = (current, entries)
        entries[key] = value
        entries.move_to_end(key)
        while len(entries) > MEMORY_ENTRIES:
            entries.popitem(last=False)


# The newest value of some kept things, whatever version it was built for
# (search's index, used while its successor builds: pages/searchindex.py).
_newest = {}


def newest(key):
    return _newest.get(key)


def keep_newest(key, value):
    _newest[key] = value


def forget():
    """Drop everything remembered. For tests: a database rolled back to the
    same version under other content."""
    global _memory
    with _lock:
        _memory = (None, OrderedDict())
        _newest.clear()


def kept(key, build):
    """`build()`, remembered in this process until the next content change:
    what pages work out from the content is built once per version and
    language, not once per request. The value is shared: never change it."""
    current = version()
    # Per language too: what is built may hold words of the page's language.
    key = ("kept", translation.get_language(), key)
    value = recall(key, current)
    if value is None:
        value = build()
        if value is not None:
            remember(key, value, current)
    return value
