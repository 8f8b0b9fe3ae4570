from django.db import DatabaseError
from django.http import HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from conditions.models import BodyArea, Condition
from locations.models import Location
from treatments.models import Treatment

from . import search
from .models import ClinicSettings


class PublishedMixin:
    """Public views start from `published()`, so a draft can never show.

    `section` names the list page above this one, as (title, URL name), for
    the breadcrumbs.
    """

    section = None

    def get_queryset(self):
        return self.model.objects.published()

    def get_crumbs(self):
        title, url_name = self.section
        if getattr(self, "object", None) is None:
            return [(title, None)]
        return [(title, reverse(url_name)), (str(self.object), None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(crumbs=self.get_crumbs(), **kwargs)


class PublishedListView(PublishedMixin, ListView):
    pass


class PublishedDetailView(PublishedMixin, DetailView):
    pass


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            conditions=Condition.objects.published(),
            treatments=Treatment.objects.published(),
            locations=Location.objects.published(),
            body_areas=BodyArea.objects.published(),
            **kwargs,
        )


def server_error(request):
    """The branded 500 page, still showing the appointment line if the
    database itself is what failed."""
    try:
        clinic = ClinicSettings.load()
        clinic.phone_display  # noqa: B018 (forces the lookup now)
    except DatabaseError:
        clinic = ClinicSettings(pk=1, phone="+18772225348")
    # Rendered without the request, so no context processor touches the
    # database again.
    return HttpResponseServerError(
        loader.render_to_string("500.html", {"clinic": clinic})
    )


class SearchView(TemplateView):
    """/search/?q=...: every kind of published page, ranked, with the
    matching words marked. Any query at all gets a page, never an error."""

    template_name = "search.html"

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


class NewPatientsView(TemplateView):
    """The new patient offer, worded by staff in Clinic settings."""

    template_name = "new_patients.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(crumbs=[("New patients", None)], **kwargs)
