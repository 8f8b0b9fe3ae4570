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


def home_treatments(request):
    return {"treatments": Treatment.objects.published()}


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
            .with_published("conditions", "locations", "complementary", "performed_by")
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
        # Not written up yet: lists only, kept out of search engines.
        context["noindex"] = treatment.is_thin
        return context
