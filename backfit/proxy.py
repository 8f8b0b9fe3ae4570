"""Who is asking: the client's address behind the load balancer.

One setting, DJANGO_TRUSTED_PROXIES (settings.TRUSTED_PROXIES), says how
many proxies stand in front of gunicorn, each appending the address it was
connected from to X-Forwarded-For (nginx: `proxy_add_x_forwarded_for`). The
client is the entry that many places from the right: everything further left
was written by the client and is never believed. 0 (or unset) means clients
connect directly and X-Forwarded-For is ignored.

ClientAddressMiddleware puts that address in REMOTE_ADDR before anything else
reads it, so the login lockout (django-axes), the appointment rate limit
(django-ratelimit) and any log line all see the same, real client; both are
also pointed at `client_ip` explicitly. Absolute URLs (canonical links, the
sitemap, the staff email, security.txt) take their scheme and host from
DJANGO_SITE_URL (backfit/seo.py), never from a header; `check --deploy`
warns when either setting is missing.
"""

import ipaddress

from django.conf import settings
from django.http import HttpResponseBadRequest

META_KEY = "backfit.client_ip"


class BadForwardedFor(ValueError):
    pass


def _address(text):
    text = text.strip()
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise BadForwardedFor(text[:64]) from None


def client_address(meta):
    """The client's address from a WSGI environ / request.META."""
    proxies = settings.TRUSTED_PROXIES or 0
    remote = meta.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [
        part for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if not forwarded:
        return remote  # not through the proxies (a health check, say)
    # The entry our outermost trusted proxy wrote: `proxies` from the right
    # (fewer entries: the leftmost, all written by trusted proxies).
    return _address(forwarded[-min(proxies, len(forwarded))])


def client_ip(request):
    """For django-axes and django-ratelimit: the address the middleware
    worked out (REMOTE_ADDR after it ran)."""
    return request.META.get(META_KEY) or client_address(request.META)


class ClientAddressMiddleware:
    """First in MIDDLEWARE: REMOTE_ADDR becomes the client's address. A
    malformed address in a trusted position is a clear 400, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            address = client_address(request.META)
        except BadForwardedFor:
            return HttpResponseBadRequest(
                "Bad Request: malformed X-Forwarded-For\n", content_type="text/plain"
            )
        request.META["REMOTE_ADDR"] = address
        request.META[META_KEY] = address
        return self.get_response(request)
