from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from base.views import (
    ListItem,
    PublishedDetailView,
    PublishedListView,
    link_items,
    sections_with_lists,
)
from locations.models import Location
from treatments.models import Treatment

from . import structured_data, urgent
from .models import (
    BodyArea,
    Condition,
    ConditionSection,
    ConditionTreatment,
    RiskFactor,
    RootCause,
    Symptom,
    UrgentHelp,
)

TAG_LISTS = ("root_causes", "risk_factors", "symptoms")
#: Up to this many conditions, "Conditions A to Z" is one list of cards.
SHORT_LIST = 15


def published_treatment_links():
    """A condition's treatment texts, for published treatments only."""
    return Prefetch(
        "condition_treatments",
        queryset=ConditionTreatment.objects.filter(
            treatment__in=Treatment.objects.published()
        ).select_related("treatment"),
    )


def home_conditions(request):
    return {"conditions": Condition.objects.published()}


def home_body_areas(request):
    areas = BodyArea.objects.published()
    return {"body_areas": areas} if areas else None


class ConditionListView(PublishedListView):
    section = ("Conditions", "conditions:list")
    title = "Conditions A to Z"
    model = Condition

    def get_page_description(self, clinic):
        return (
            f"Back, neck and muscle conditions treated at {clinic.name}, from A to Z."
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A short list is one list: a letter bar and "Back to top" for each
        # of a few letters would only make the page long.
        context["short_list"] = len(context["object_list"]) <= SHORT_LIST
        by_letter = {}
        for condition in context["object_list"]:
            by_letter.setdefault(condition.name[:1].upper(), []).append(condition)
        context["groups"] = sorted(by_letter.items())
        return context


class ConditionDetailView(PublishedDetailView):
    section = ("Conditions", "conditions:list")
    model = Condition

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .with_published(*TAG_LISTS, select_related=["see_condition"])
            .with_published("body_areas")
            .prefetch_related("sections", published_treatment_links())
        )

    def get_page_description(self, clinic):
        return self.object.description

    def get_page_image(self):
        return self.object.picture_url

    def get_about(self, clinic, context):
        return structured_data.medical_condition(
            self.request, self.object, self.object.condition_treatments.all()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        condition = self.object
        treatments = [ct.treatment for ct in condition.condition_treatments.all()]
        context["treatment_links"] = condition.condition_treatments.all()
        # The question-style sections, each with the list it shows.
        context["sections"] = sections_with_lists(
            condition.sections.all(),
            {
                "symptoms": ("symptoms", link_items(condition.symptoms.all())),
                "treatments": (
                    "described-treatments",
                    [
                        ListItem(
                            link.treatment.get_absolute_url(),
                            link.display_label,
                            link.text,
                        )
                        for link in condition.condition_treatments.all()
                        if link.text
                    ],
                ),
            },
        )
        context["locations"] = (
            Location.objects.published().filter(treatments__in=treatments).distinct()
        )
        context["urgent_help"] = urgent.for_condition(condition)
        # Symptoms are listed under "At a glance" unless a section shows them.
        context["glance_symptoms"] = not any(
            s.list_kind == ConditionSection.ListKind.SYMPTOMS
            for s in context["sections"]
        )
        # Without a definition the page is not written up yet: shown as it
        # is, kept out of search engines (and the sitemap).
        context["noindex"] = not condition.definition.strip()
        return context


class TagDetailView(PublishedDetailView):
    """A root cause, risk factor, symptom or body area: the conditions it
    belongs to."""

    section = ("Conditions", "conditions:list")
    template_name = "conditions/tag_detail.html"
    kind = ""
    schema_type = "DefinedTerm"

    def get_page_description(self, clinic):
        return (
            getattr(self.object, "description", "")
            or f"{self.kind}: {self.object.name}. Conditions treated at {clinic.name}."
        )

    def get_about(self, clinic, context):
        return structured_data.defined_term(self.request, self.object, self.schema_type)

    def get_queryset(self):
        return super().get_queryset().with_published("conditions")

    def get_context_data(self, **kwargs):
        # A root cause, risk factor or symptom with nothing of its own to say
        # is kept out of search engines (and the sitemap).
        thin = getattr(self.object, "is_thin", False)
        return super().get_context_data(kind=self.kind, thin=thin, **kwargs)


class RootCauseView(TagDetailView):
    schema_type = "MedicalCause"
    model = RootCause
    kind = "Root cause"


class RiskFactorView(TagDetailView):
    schema_type = "MedicalRiskFactor"
    model = RiskFactor
    kind = "Risk factor"


class SymptomView(TagDetailView):
    schema_type = "MedicalSignOrSymptom"
    model = Symptom
    kind = "Symptom"

    def get_queryset(self):
        # Also the treatments whose pages list it under "Symptoms treated".
        return super().get_queryset().with_published("treatments")


class BodyAreaView(TagDetailView):
    schema_type = "AnatomicalStructure"
    model = BodyArea
    kind = "Where it hurts"

    def get_context_data(self, **kwargs):
        # Chest and Ribs open with the heart-attack warning signs.
        return super().get_context_data(
            urgent_help=urgent.for_body_area(self.object), **kwargs
        )


class BodyAreaListView(PublishedListView):
    """ "Where does it hurt?": body areas on a map of the body and as a plain
    list of links, each with the conditions felt there."""

    section = ("Where does it hurt?", "conditions:body_areas")
    model = BodyArea
    template_name = "conditions/body_area_list.html"

    def get_page_description(self, clinic):
        return (
            f"Find conditions treated at {clinic.name} by where you feel the pain: "
            "neck, back, chest, arms, legs and more."
        )

    def get_queryset(self):
        return super().get_queryset().with_published("conditions")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The map draws the areas it knows by slug; any other area staff add
        # is in the list below it.
        context["areas"] = {
            area.slug.replace("-", "_"): area for area in context["object_list"]
        }
        return context


class UrgentHelpView(PublishedListView):
    """/urgent-help/: all the guidance on when to get help now, each with the
    conditions and body areas whose pages show it."""

    section = (_("When to get help now"), "conditions:urgent_help")
    title = _("When to get help now")
    model = UrgentHelp
    template_name = "conditions/urgent_help.html"

    def get_page_description(self, clinic):
        return _(
            "When to call 911 or go to the emergency room, and when to see a "
            "doctor today. Our appointment line is not for emergencies."
        )

    def get_queryset(self):
        return super().get_queryset().with_published("conditions", "body_areas")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["blocks"] = [
            (record, urgent.block([record])) for record in context["object_list"]
        ]
        return context


class UrgentHelpPreview(PublishedDetailView):
    """Staff preview of one guidance record (public: on /urgent-help/)."""

    section = (_("When to get help now"), "conditions:urgent_help")
    model = UrgentHelp
    template_name = "conditions/urgent_help.html"

    def get_queryset(self):
        return super().get_queryset().with_published("conditions", "body_areas")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["blocks"] = [(self.object, urgent.block([self.object]))]
        return context
