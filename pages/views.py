import logging
import mimetypes
import posixpath
import sys
from datetime import timedelta
from urllib.parse import urlencode

from csp.constants import NONE
from csp.decorators import csp
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from django.views.static import serve

from base import memory, registry, seo
from base.models import ClinicSettings
from base.pagination import page_of, pagination_context
from base.views import SeoMixin

from . import search, searchlog, searchwords

logger = logging.getLogger(__name__)


class HomeView(SeoMixin, TemplateView):
    """Who the clinic is and the ways in: each content app adds its block
    (conditions, where it hurts, treatments, clinics ...)."""

    template_name = "home.html"

    def get_page_title(self):
        return ClinicSettings.for_request(self.request).name

    def get_about(self, clinic, context):
        return seo.organization(self.request, clinic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            home_blocks=registry.home_blocks(self.request), **kwargs
        )


@never_cache
def preview(request, app_label, model_name, pk):
    """A page as saved, draft or not, on the real page layout, for staff only:
    never cached, kept out of search engines, marked as a preview. Anyone
    else gets "not found", not a redirect that would show where the admin
    lives."""
    if not (request.user.is_active and request.user.is_staff):
        raise Http404("Nothing to preview here.")
    view_class = registry.preview_view(app_label, model_name)
    if view_class is None:
        raise Http404("Nothing to preview here.")
    if not request.user.has_perm(f"{app_label}.view_{model_name}"):
        raise PermissionDenied
    obj = get_object_or_404(view_class.model, pk=pk)
    view = view_class.as_view(preview=True)
    response = view(request, slug=obj.slug)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def csrf_failure(request, reason=""):
    """A form sent without its security token (an old page, cookies blocked,
    another site's form): the clinic's page with what to do and the phone
    line, never Django's technical page. The reason stays out of the page."""
    return render(request, "403_csrf.html", status=403)


def page_not_found(request, exception):
    """Django's 404 page, belonging to no section: an address under
    /conditions/ that does not exist must not mark "Conditions" as the
    current section in the navigation (which reads the resolved URL)."""
    request.resolver_match = None
    return defaults.page_not_found(request, exception)


def server_error(request):
    """The branded 500 page, still showing the appointment line if the
    database itself is what failed. A failure to reach the database is a 503
    (try again soon), not a 500."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        return database_unavailable(error)
    try:
        clinic = ClinicSettings.load()
        clinic.phone_display  # noqa: B018 (forces the lookup now)
    except DatabaseError:
        clinic = ClinicSettings.as_shipped()
    # Rendered without the request, so no context processor touches the
    # database again.
    return HttpResponseServerError(
        loader.render_to_string("500.html", {"clinic": clinic})
    )


class SearchView(SeoMixin, TemplateView):
    """/search/?q=...: every kind of published page, ranked, with the
    matching words marked, PAGE_SIZE results a page (?page=2). Any query at
    all gets a page, never an error; a page number past the end is "not
    found" (never stored by the page cache)."""

    template_name = "search.html"
    PAGE_SIZE = 20

    def get_page_title(self):
        return gettext("Search")

    def get_page_description(self, clinic):
        return gettext(
            "Search %(clinic)s: conditions, treatments, causes, symptoms and locations."
        ) % {"clinic": clinic.name}

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # How many pages were found, for the count of searches
        # (pages/searchlog.py); kept with the page in the page cache.
        response[searchlog.HEADER] = str(self.found)
        return response

    def get_context_data(self, **kwargs):
        query, truncated = search.clean_query(self.request.GET.get("q", ""))
        outcome = searchwords.run(query) if query else searchwords.Outcome([], [])
        self.found = len(outcome.results)
        # Answered from the previous index while the new one builds (a large
        # site, pages/searchindex.py): shown, never kept.
        self.stale = bool(query) and outcome.version != memory.version()
        # Only the page shown is made into results and highlighted.
        page = page_of(self.request, outcome.results, self.PAGE_SIZE)
        search.decorate(page.object_list, outcome.stems)
        pages = pagination_context(self.request, page, urlencode({"q": query}))
        # Every page of results names the search page as its canonical one
        # (the context processor's), as before: results are not pages of
        # their own for search engines.
        del pages["canonical_url"]
        return super().get_context_data(
            query=query,
            truncated=truncated,
            max_query=search.MAX_QUERY,
            results=page.object_list,
            found=self.found,
            partial=outcome.partial,
            urgent=registry.urgent_help(query) if outcome.urgent else None,
            also_searched=outcome.also_searched,
            suggestion=outcome.suggestion,
            crumbs=[(gettext("Search"), None)],
            **pages,
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["query"] and (context["partial"] or not context["results"]):
            # A word the site does not know: rendered for this visitor, never
            # kept by the page cache, so made-up words cannot fill it.
            patch_cache_control(response, private=True)
        elif self.stale:
            patch_cache_control(response, private=True)
        return response


class NewPatientsView(SeoMixin, TemplateView):
    """The new patient offer, worded by staff in Clinic settings."""

    template_name = "new_patients.html"
    title = _("New patients")

    def get_page_description(self, clinic):
        return gettext("New to %(name)s? What to expect and our new patient offer.") % {
            "name": clinic.name
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(crumbs=[(_("New patients"), None)], **kwargs)


class PrivacyView(SeoMixin, TemplateView):
    """What the site does with visitors' information, worded by staff in
    Clinic settings, and what happens to appointment requests, from the
    site's own settings (so the number of days is always the real one)."""

    template_name = "privacy.html"
    title = _("Privacy")

    def get_page_title(self):
        return ClinicSettings.for_request(self.request).privacy_heading

    def get_page_description(self, clinic):
        return gettext(
            "What the %(name)s website does with your information: no "
            "tracking cookies, no third-party scripts, and how long "
            "appointment requests are kept."
        ) % {"name": clinic.name}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            crumbs=[(self.get_page_title(), None)],
            retention_days=settings.APPOINTMENT_RETENTION_DAYS,
            search_retention_days=settings.SEARCH_COUNT_RETENTION_DAYS,
            **kwargs,
        )


SITEMAP = "django.contrib.sitemaps.views.sitemap"


def robots_txt(request):
    """Crawl everything; here is the sitemap. The admin is not named: robots.txt
    is public, and a moved admin's address is better kept to staff (its pages
    carry X-Robots-Tag: noindex instead)."""
    lines = [
        "User-agent: *",
        "Disallow:",
        f"Sitemap: {seo.absolute(request, reverse(SITEMAP))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def database_unavailable(error=None):
    """The branded 503 page for when the database cannot be reached. It is
    rendered without the request and with the shipped clinic settings, so
    nothing on the way touches the database; it still shows the appointment
    line. Never cached; browsers and load balancers may retry in a minute."""
    logger.error("Database unavailable: %s", error.__class__.__name__)
    response = HttpResponse(
        loader.render_to_string("503.html", {"clinic": ClinicSettings.as_shipped()}),
        status=503,
    )
    response["Retry-After"] = "60"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@cache_control(max_age=24 * 60 * 60, public=True)
def security_txt(request):
    """RFC 9116: where to report a security problem. The contact comes from
    SECURITY_CONTACT; the expiry is always a few months ahead, as the RFC
    asks it to be less than a year away."""
    expires = timezone.now().replace(microsecond=0) + timedelta(days=180)
    expires = expires.strftime("%Y-%m-%dT%H:%M:%SZ")  # now() is in UTC
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires}",
        "Preferred-Languages: en",
        f"Canonical: {seo.absolute(request, request.path)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


# Uploads shown inline: raster images only. Anything else an upload field
# might let through (SVG with script, HTML, PDF ...) is sent as a download.
INLINE_MEDIA_TYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/avif",
}


@require_safe
@cache_control(max_age=60 * 60)
@csp({"default-src": [NONE], "sandbox": True})  # django-csp builds it
def media(request, path):
    """Staff uploads from MEDIA_ROOT, served so that nothing uploaded can run:
    a content type from the file name only (never sniffed), raster images
    inline and everything else as an attachment, and a CSP that forbids any
    script, style or frame inside the file. A production site serves these
    from the web server or object storage with the same headers (docs/operations.md)."""
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError) as error:  # a name too long, a null byte ...
        raise Http404("No such file") from error
    content_type, _ = mimetypes.guess_type(path)
    if content_type not in INLINE_MEDIA_TYPES:
        response["Content-Type"] = "application/octet-stream"
        filename = posixpath.basename(path).replace('"', "")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
