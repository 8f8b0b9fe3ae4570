from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base.views import (
    PublishedDetailView,
    PublishedListView,
    link_items,
    sections_with_lists,
)

from . import structured_data
from .models import Treatment

# How many records a treatment page or the home page shows at most; the rest
# are a link away, so a page costs the same however much the site grows.
HOME_TREATMENTS = 24
PAGE_CONDITIONS = 12  # "Conditions it helps"; the rest on TreatmentConditionsView
PAGE_LOCATIONS = 6  # "Where it is offered"; the rest on /locations/?treatment=
CONDITIONS_PER_PAGE = 48


def home_treatments(request):
    return {"treatments": Treatment.objects.published()[:HOME_TREATMENTS]}


def first(queryset, limit):
    """The first `limit` records and whether there are more (one query)."""
    records = list(queryset[: limit + 1])
    return records[:limit], len(records) > limit


class TreatmentListView(PublishedListView):
    section = (_("Treatments"), "treatments:list")
    model = Treatment

    def get_page_description(self, clinic):
        return gettext(
            "Treatments offered at %(name)s clinics in the Phoenix area."
        ) % {"name": clinic.name}

    def get_queryset(self):
        # A treatment not yet written up is described by what it is used for.
        return super().get_queryset().with_published("conditions")


class TreatmentDetailView(PublishedDetailView):
    section = (_("Treatments"), "treatments:list")
    model = Treatment

    def get_page_description(self, clinic):
        return self.object.summary or gettext("%(name)s at %(clinic)s.") % {
            "name": self.object.name,
            "clinic": clinic.name,
        }

    def get_page_image(self):
        return self.object.picture_url

    def get_about(self, clinic, context):
        return structured_data.medical_therapy(self.request, self.object)

    def get_queryset(self):
        # What the page lists that other apps declare (the symptoms it
        # treats, who performs it, the conditions it helps, the clinics
        # offering it) comes through their reverse relations, so this app
        # imports none of them.
        return (
            super()
            .get_queryset()
            .with_published("complementary", "performed_by")
            .with_published("symptoms", select_related=["see_condition"])
            .prefetch_related("sections")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        treatment = self.object
        context["sections"] = sections_with_lists(
            treatment.sections.all(),
            {"symptoms": ("symptoms", link_items(treatment.symptoms.all()))},
        )
        # The conditions it helps and the clinics offering it: the first
        # few, with a link to all of them when there are more.
        context["helps"], context["more_conditions"] = first(
            treatment.conditions.published(), PAGE_CONDITIONS
        )
        context["offered_at"], context["more_locations"] = first(
            treatment.locations.published(), PAGE_LOCATIONS
        )
        # Not written up yet: lists only, kept out of search engines.
        context["noindex"] = treatment.is_thin
        return context


class TreatmentConditionsView(PublishedListView):
    """Every condition a treatment helps, in pages: where "Conditions it
    helps" on the treatment's page leads when it has more than
    PAGE_CONDITIONS."""

    section = ("Treatments", "treatments:list")
    template_name = "treatments/treatment_conditions.html"
    paginate_by = CONDITIONS_PER_PAGE

    def get_queryset(self):
        self.treatment = get_object_or_404(
            Treatment.objects.published(), slug=self.kwargs["slug"]
        )
        return self.treatment.conditions.published()

    def get_page_title(self):
        return gettext("Conditions %(name)s helps") % {"name": self.treatment.name}

    def get_page_description(self, clinic):
        return gettext("Conditions %(name)s at %(clinic)s helps.") % {
            "name": self.treatment.name,
            "clinic": clinic.name,
        }

    def get_crumbs(self):
        return [
            (_("Treatments"), reverse("treatments:list")),
            (self.treatment.name, self.treatment.get_absolute_url()),
            (self.get_page_title(), None),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(treatment=self.treatment, **kwargs)
