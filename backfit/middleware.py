"""Middleware for running in production: a request id on every request and
log line, a health check for load balancers, and a branded 503 page when the
database is down."""

import os
import re

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.module_loading import import_string

from pages.views import database_unavailable

from . import logs

# An incoming X-Request-ID (from a load balancer or proxy) is kept when it
# looks like an id; anything else is replaced, so a client cannot put
# arbitrary text into our logs.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
HEALTH_PATH = "/healthz"


def request_id_for(incoming):
    """The incoming X-Request-ID when it looks like an id, else a new one."""
    if incoming and SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return os.urandom(16).hex()  # as random as uuid4().hex, and cheaper


class BaselineHeadersMiddleware:
    """Outermost: the security headers on every answer, including those made
    before the middleware that normally adds them runs (the 400 for a bad
    Host header, /healthz, a malformed X-Forwarded-For).

    Each header has one source: the middleware in HEADER_MIDDLEWARE that adds
    it to every normal page (Django's SecurityMiddleware and
    XFrameOptionsMiddleware, django-csp, django-permissions-policy). An answer
    that missed them is handed to the same middleware's response step here,
    so no header is built twice. Headers already set (every normal page, the
    sandbox policy of uploads) are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/" + settings.ADMIN_URL):
            # Kept out of search engines without naming it in robots.txt.
            response["X-Robots-Tag"] = "noindex, nofollow"
        if any(name not in response for name in BASELINE_HEADERS):
            response = with_security_headers(request, response)
        return response


#: The headers every answer carries; HSTS too, over HTTPS.
BASELINE_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
)

#: The middleware that adds them to normal pages (in settings.MIDDLEWARE).
HEADER_MIDDLEWARE = (
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
)


def with_security_headers(request, response):
    """`response` after the response step of each HEADER_MIDDLEWARE: only
    that step, never a request step (no HTTPS redirect of an answer already
    made)."""
    for path in HEADER_MIDDLEWARE:
        middleware = import_string(path)(lambda _request, answer=response: answer)
        if hasattr(middleware, "process_response"):
            response = middleware.process_response(request, response)
        else:  # django-permissions-policy's: calling it only adds its header
            response = middleware(request)
    return response


class RequestIDMiddleware:
    """Give every request an id, log it with every line, echo it back."""

    header = "X-Request-ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_for(request.headers.get(self.header, ""))
        request.request_id = request_id
        token = logs.request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            logs.request_id.reset(token)
        response[self.header] = request_id
        return response


class HealthCheckMiddleware:
    """`/healthz` for load balancers: 200 when the database answers, 503
    otherwise, with no details either way. Answered before host validation
    and the HTTPS redirect, since load balancers probe backends by IP over
    plain HTTP; never cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponse(status=405, content_type="text/plain")
            response["Allow"] = "GET, HEAD"
        else:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                    cursor.fetchone()
            except DatabaseError:
                response = HttpResponse(
                    "unavailable\n", status=503, content_type="text/plain"
                )
            else:
                response = HttpResponse("ok\n", content_type="text/plain")
        response["Cache-Control"] = "no-store"
        return response


class DatabaseUnavailableMiddleware:
    """With the database down, a view (or the template rendering its page)
    raises OperationalError: answer with the branded 503 page, which still shows
    the appointment line, instead of a traceback or a bare 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # Only "cannot reach the database" errors; a constraint violation is
        # a bug and stays a 500.
        if isinstance(exception, (OperationalError, InterfaceError)):
            return database_unavailable(exception)
        return None


#: What a function view takes (the site's function views read and post
#: forms; none takes PUT, PATCH or DELETE).
FUNCTION_VIEW_METHODS = ("GET", "HEAD", "OPTIONS", "POST")


def allowed_methods(view_func):
    """The HTTP methods a view answers: a class-based view's own handlers, or
    FUNCTION_VIEW_METHODS."""
    view_class = getattr(view_func, "view_class", None)
    if view_class is None:
        return FUNCTION_VIEW_METHODS
    methods = [
        method.upper()
        for method in view_class.http_method_names
        if hasattr(view_class, method)
    ]
    if "GET" in methods and "HEAD" not in methods:
        methods.append("HEAD")  # View.setup() answers HEAD with get()
    return tuple(methods)


class MethodNotAllowedMiddleware:
    """Just before CsrfViewMiddleware: a method the view does not take (PUT,
    DELETE or PATCH on any page, POST on a page without a form) is a 405 with
    an Allow header, as HTTP says, not the 403 the CSRF check would give
    first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        allowed = allowed_methods(view_func)
        if request.method not in allowed:
            return HttpResponseNotAllowed(allowed)
        return None
