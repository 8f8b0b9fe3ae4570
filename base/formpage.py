"""A form page rendered once, its visitor's tokens put in on each request.

A page with a form cannot be shared: its CSRF token (and the appointment
form's submission token) belong to one visitor, so it sets a cookie and is
never kept by the page cache or the edge (backfit/edge.py). Rendering it
afresh for every visitor cost ~8 ms of template work, and under load every
connection queued behind it (docs/performance.md). Here the page is
rendered once per content version, host, path and language with a slot
for each token, and each request fills the slots with its own: the
visitor still gets their own CSRF token (the middleware sets the matching
cookie as before) and their own submission token. Only the anonymous, unbound
form (a GET) is made this way; a form with errors renders as before.
"""

import secrets

from django.utils import translation

from . import memory
from .visitor import is_anonymous

# Random per process, so no content can hold one by chance or on purpose.
_NONCE = secrets.token_hex(16)


def slot(name):
    """A placeholder for `name` in the rendered page."""
    return f"slot-{name}-{_NONCE}"


def rendered_once(request, build, fill):
    """The page's HTML: `build()` (rendered with slot() placeholders) kept
    for this content version, scheme, host, path and language; `fill` maps
    each slot to a function making this request's value. None when the
    request is not one whose page may be shared but for its tokens
    (signed-in staff, a pending message), or carries a query (the page
    cache has already dropped the parameters no view reads)."""
    if request.META.get("QUERY_STRING") or not is_anonymous(request):
        return None
    key = (
        "form page",
        request.scheme,
        request.get_host(),
        request.path,
        translation.get_language(),
    )
    version = memory.version()
    html = memory.recall(key, version)
    if html is None:
        html = build()
        memory.remember(key, html, version)
    for placeholder, make in fill.items():
        html = html.replace(placeholder, make())
    return html
