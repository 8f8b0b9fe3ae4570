import logging
import mimetypes
import posixpath
import sys
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django.views.static import serve

from conditions.models import BodyArea, Condition
from locations.models import Location
from treatments.models import Treatment

from . import search, seo
from .models import ClinicSettings

logger = logging.getLogger(__name__)


class SeoMixin:
    """What search engines read on every page: its title and description for
    the meta and Open Graph tags, and the schema.org graph (the page, what it
    is about, the clinic, the breadcrumbs) as JSON-LD."""

    title = None

    def get_crumbs(self):
        return []

    def get_page_title(self):
        return self.title or str(getattr(self, "object", ""))

    def get_page_description(self, clinic):
        return clinic.tagline or clinic.name

    def get_about(self, clinic, context):
        """The schema.org node for what the page is about, if any."""
        return None

    def get_page_image(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        clinic = ClinicSettings.for_request(self.request)
        context.update(
            seo_context(
                self.request,
                self.get_page_title(),
                self.get_page_description(clinic),
                context.get("crumbs", self.get_crumbs()),
                about=self.get_about(clinic, context),
                record=getattr(self, "object", None),
                image=self.get_page_image(),
            )
        )
        return context


def seo_context(
    request, title, description, crumbs, about=None, record=None, image=None
):
    """Template context for the head of any page, class-based or not:
    `page_meta` (title, description, Open Graph type and image) and
    `structured_data` (the page, what it is about, the clinic, breadcrumbs)."""
    clinic = ClinicSettings.for_request(request)
    description = seo.describe(description)
    return {
        "page_meta": {
            "title": title,
            "description": description,
            "type": "article" if record is not None else "website",
            "image": seo.absolute(request, image) if image else "",
        },
        "structured_data": seo.graph(
            seo.web_page(
                request, clinic, title, description, crumbs, about=about, record=record
            ),
            about,
            seo.organization(request, clinic),
            seo.breadcrumb_list(request, crumbs),
        ),
    }


class PublishedMixin(SeoMixin):
    """Public views start from `published()`, so a draft can never show.

    `section` names the list page above this one, as (title, URL name), for
    the breadcrumbs. `preview` is set only by the staff preview below: the page
    itself may then be a draft (what it links to is still published only, as
    the public would see it).
    """

    section = None
    preview = False

    def get_queryset(self):
        if self.preview:
            return self.model.objects.all()
        return self.model.objects.published()

    def get_page_title(self):
        if getattr(self, "object", None) is None:
            return self.title or self.section[0]
        return str(self.object)

    def get_crumbs(self):
        title, url_name = self.section
        if getattr(self, "object", None) is None:
            return [(title, None)]
        return [(title, reverse(url_name)), (str(self.object), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(crumbs=self.get_crumbs(), **kwargs)
        if self.preview:
            opts = self.object._meta
            context["preview"] = True
            context["preview_admin_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[self.object.pk],
            )
        return context


class PublishedListView(PublishedMixin, ListView):
    pass


class PublishedDetailView(PublishedMixin, DetailView):
    pass


class HomeView(SeoMixin, TemplateView):
    template_name = "home.html"

    def get_page_title(self):
        return ClinicSettings.for_request(self.request).name

    def get_about(self, clinic, context):
        return seo.organization(self.request, clinic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            conditions=Condition.objects.published(),
            treatments=Treatment.objects.published(),
            locations=Location.objects.published(),
            body_areas=BodyArea.objects.published(),
            **kwargs,
        )


# The public page of each kind of content, as shown by the staff preview.
PREVIEW_VIEWS = {
    "conditions.condition": "conditions.views.ConditionDetailView",
    "conditions.rootcause": "conditions.views.RootCauseView",
    "conditions.riskfactor": "conditions.views.RiskFactorView",
    "conditions.symptom": "conditions.views.SymptomView",
    "conditions.bodyarea": "conditions.views.BodyAreaView",
    "treatments.treatment": "treatments.views.TreatmentDetailView",
    "locations.location": "locations.views.LocationDetailView",
}


@never_cache
@staff_member_required
def preview(request, app_label, model_name, pk):
    """A page as saved, draft or not, on the real page layout, for staff only:
    never cached, kept out of search engines, marked as a preview."""
    label = f"{app_label}.{model_name}"
    if label not in PREVIEW_VIEWS:
        raise Http404("Nothing to preview here.")
    if not request.user.has_perm(f"{app_label}.view_{model_name}"):
        raise PermissionDenied
    obj = get_object_or_404(apps.get_model(label), pk=pk)
    view = import_string(PREVIEW_VIEWS[label]).as_view(preview=True)
    response = view(request, slug=obj.slug)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


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
    matching words marked. Any query at all gets a page, never an error."""

    template_name = "search.html"
    title = "Search"

    def get_page_description(self, clinic):
        return (
            f"Search {clinic.name}: conditions, treatments, causes, symptoms "
            "and locations."
        )

    def get_context_data(self, **kwargs):
        query, truncated = search.clean_query(self.request.GET.get("q", ""))
        results, partial = search.search(query) if query else ([], False)
        return super().get_context_data(
            query=query,
            truncated=truncated,
            max_query=search.MAX_QUERY,
            results=results,
            partial=partial,
            crumbs=[("Search", None)],
            **kwargs,
        )


class NewPatientsView(SeoMixin, TemplateView):
    """The new patient offer, worded by staff in Clinic settings."""

    template_name = "new_patients.html"
    title = "New patients"

    def get_page_description(self, clinic):
        return f"New to {clinic.name}? What to expect and our new patient offer."

    def get_context_data(self, **kwargs):
        return super().get_context_data(crumbs=[("New patients", None)], **kwargs)


SITEMAP = "django.contrib.sitemaps.views.sitemap"


def robots_txt(request):
    """Crawl everything public, not the staff admin; here is the sitemap."""
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
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
def media(request, path):
    """Staff uploads from MEDIA_ROOT, served so that nothing uploaded can run:
    a content type from the file name only (never sniffed), raster images
    inline and everything else as an attachment, and a CSP that forbids any
    script, style or frame inside the file. A production site serves these
    from the web server or object storage with the same headers (README)."""
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError) as error:  # a name too long, a null byte ...
        raise Http404("No such file") from error
    content_type, _ = mimetypes.guess_type(path)
    if content_type not in INLINE_MEDIA_TYPES:
        response["Content-Type"] = "application/octet-stream"
        filename = posixpath.basename(path).replace('"', "")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
