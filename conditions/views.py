from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base import memory
from base.models import Status
from base.pagination import page_of, page_url, pagination_context
from base.translated import by_name
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
    Tag,
    UrgentHelp,
)

TAG_LISTS = ("root_causes", "risk_factors", "symptoms")
#: Up to this many conditions, "Conditions A to Z" is one list of cards.
SHORT_LIST = 15
# How many records a page or block shows at most; the rest are a link away
# ("All conditions, A to Z", the next page, ...), so a page costs the same
# however much content the site grows.
HOME_CONDITIONS = 8
HOME_BODY_AREAS = 16
# The A to Z: one page until it is longer. At 40 a page, a page of a site
# with 300 more conditions cost over twice the shipped site's (make bench).
CONDITIONS_PER_PAGE = 24
TAG_CONDITIONS_PER_PAGE = 24
PAGE_LOCATIONS = 6  # "Where these treatments are offered"
AREA_CONDITION_NAMES = 6  # "Where does it hurt?": names under each area


def published_treatment_links():
    """A condition's treatment texts, for published treatments only."""
    return Prefetch(
        "condition_treatments",
        queryset=ConditionTreatment.objects.filter(
            treatment__in=Treatment.objects.published()
        ).select_related("treatment"),
    )


def home_conditions(request):
    return {"conditions": Condition.objects.published()[:HOME_CONDITIONS]}


def home_body_areas(request):
    areas = list(BodyArea.objects.published()[:HOME_BODY_AREAS])
    return {"body_areas": areas} if areas else None


class ConditionListView(PublishedListView):
    section = (_("Conditions"), "conditions:list")
    title = _("Conditions A to Z")
    model = Condition
    paginate_by = CONDITIONS_PER_PAGE

    def get_queryset(self):
        # A to Z in the page's language ("Ciática" before "Dolor de cuello").
        return by_name(super().get_queryset())

    def get_page_description(self, clinic):
        return gettext(
            "Back, neck and muscle conditions treated at %(name)s, from A to Z."
        ) % {"name": clinic.name}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A short list is one list: a letter bar and "Back to top" for each
        # of a few letters would only make the page long.
        context["short_list"] = (
            not context["page_obj"].has_other_pages()
            and len(context["object_list"]) <= SHORT_LIST
        )
        by_letter = {}
        for condition in context["object_list"]:
            by_letter.setdefault(letter_of(condition.name), []).append(condition)
        context["groups"] = sorted(by_letter.items())
        context["letters"] = self.letter_links(context["page_obj"], context["groups"])
        return context

    def letter_links(self, page, groups):
        """(letter, link) for every letter any page starts a condition
        with: an anchor on this page, or the page where the letter begins.
        One query for the names alone, however long the list."""
        if not page.has_other_pages():
            return [(letter, f"#letter-{letter}") for letter, _ in groups]
        per_page = page.paginator.per_page
        first_page = memory.kept(
            ("a-to-z-letters", per_page), lambda: first_pages(per_page)
        )
        path = self.request.path
        return [
            (
                letter,
                f"#letter-{letter}"
                if number == page.number
                else f"{page_url(path, number)}#letter-{letter}",
            )
            for letter, number in sorted(first_page.items())
        ]


def letter_of(name):
    return name[:1].upper()


def first_pages(per_page):
    """{letter: the A to Z page where its conditions begin}, from one query
    of the names alone; remembered per content version and language, as
    every page of the A to Z shows the same letters."""
    names = by_name(Condition.objects.published()).values_list("name", flat=True)
    first_page = {}
    for position, name in enumerate(names):
        first_page.setdefault(letter_of(name), position // per_page + 1)
    return first_page


class ConditionDetailView(PublishedDetailView):
    section = (_("Conditions"), "conditions:list")
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
        # Not written up yet: the site's own description, nothing made up.
        return self.object.description or super().get_page_description(clinic)

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
        # The first few clinics; "All our clinics" lists the rest.
        locations = list(
            Location.objects.published()
            .filter(treatments__in=treatments)
            .distinct()[: PAGE_LOCATIONS + 1]
        )
        context["locations"] = locations[:PAGE_LOCATIONS]
        context["more_locations"] = len(locations) > PAGE_LOCATIONS
        context["urgent_help"] = memory.kept(
            ("urgent_help", condition.pk), lambda: urgent.for_condition(condition)
        )
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

    section = (_("Conditions"), "conditions:list")
    template_name = "conditions/tag_detail.html"
    kind = ""
    schema_type = "DefinedTerm"

    def get_page_description(self, clinic):
        return getattr(self.object, "description", "") or gettext(
            "%(kind)s: %(name)s. Conditions treated at %(clinic)s."
        ) % {"kind": self.kind, "name": self.object.name, "clinic": clinic.name}

    def get_about(self, clinic, context):
        return structured_data.defined_term(self.request, self.object, self.schema_type)

    def get_context_data(self, **kwargs):
        # Its conditions, TAG_CONDITIONS_PER_PAGE to a page.
        page = page_of(
            self.request, self.object.conditions.published(), TAG_CONDITIONS_PER_PAGE
        )
        # A root cause, risk factor or symptom with nothing of its own to say
        # is kept out of search engines (and the sitemap): Tag.is_thin, from
        # the count.
        thin = (
            isinstance(self.object, Tag)
            and not self.object.description.strip()
            and page.paginator.count <= 1
        )
        return super().get_context_data(
            kind=self.kind,
            thin=thin,
            conditions=page.object_list,
            **pagination_context(self.request, page),
            **kwargs,
        )


class RootCauseView(TagDetailView):
    schema_type = "MedicalCause"
    model = RootCause
    kind = _("Root cause")


class RiskFactorView(TagDetailView):
    schema_type = "MedicalRiskFactor"
    model = RiskFactor
    kind = _("Risk factor")


class SymptomView(TagDetailView):
    schema_type = "MedicalSignOrSymptom"
    model = Symptom
    kind = _("Symptom")

    def get_queryset(self):
        # Also the treatments whose pages list it under "Symptoms treated".
        return super().get_queryset().with_published("treatments")


class BodyAreaView(TagDetailView):
    schema_type = "AnatomicalStructure"
    model = BodyArea
    kind = _("Where it hurts")

    def get_context_data(self, **kwargs):
        # Chest and Ribs open with the heart-attack warning signs.
        return super().get_context_data(
            urgent_help=urgent.for_body_area(self.object), **kwargs
        )


class BodyAreaListView(PublishedListView):
    """ "Where does it hurt?": body areas on a map of the body and as a plain
    list of links, each with the conditions felt there."""

    section = (_("Where does it hurt?"), "conditions:body_areas")
    model = BodyArea
    template_name = "conditions/body_area_list.html"

    def get_page_description(self, clinic):
        return gettext(
            "Find conditions treated at %(name)s by where you feel the pain: "
            "neck, back, chest, arms, legs and more."
        ) % {"name": clinic.name}

    def get_queryset(self):
        # Each area with the names of its first few conditions and how many
        # it has in all (a sliced prefetch: one query however many).
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch(
                    "conditions",
                    queryset=Condition.objects.published()[:AREA_CONDITION_NAMES],
                    to_attr="first_conditions",
                )
            )
            .annotate(
                condition_count=Count(
                    "conditions", filter=Q(conditions__status=Status.PUBLISHED)
                )
            )
            # A count groups the rows, and a grouped query has no default
            # order (PostgreSQL returns any): say it.
            .order_by(*BodyArea._meta.ordering)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The map draws the areas it knows by slug; any other area staff add
        # is in the list below it.
        context["areas"] = {
            area.slug.replace("-", "_"): area for area in context["object_list"]
        }
        for area in context["object_list"]:
            area.more_conditions = area.condition_count - len(area.first_conditions)
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
