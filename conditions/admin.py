from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from base.admin import (
    SECTION_HELP,
    ContentAdmin,
    OrderedListMixin,
    OrderedStackedInline,
    PageSectionInline,
    PartAdmin,
    ReviewFilter,
)

from .models import (
    BodyArea,
    Condition,
    ConditionBodyArea,
    ConditionRiskFactor,
    ConditionRootCause,
    ConditionSection,
    ConditionSymptom,
    ConditionTreatment,
    RiskFactor,
    RootCause,
    Symptom,
    UrgentHelp,
)
from .urgent import without_guidance

TREATMENT_HELP = {
    "treatment": "The treatment's own page, linked from this condition. Type to "
    "find it.",
    "label": "Name shown on this condition's page, if different from the "
    "treatment's own name (e.g. “Chiropractic Care”).",
    "text": "How this treatment helps with this condition, shown in the section "
    "that lists the treatments. Leave empty to only list it by name.",
}


class SectionInline(PageSectionInline):
    model = ConditionSection


class ConditionTreatmentInline(OrderedStackedInline):
    model = ConditionTreatment
    verbose_name = "treatment"
    verbose_name_plural = "Treatments for this condition"
    group_description = (
        "Each treatment listed on the page, in page order, with the words this "
        "page gives it. Open one by its name to edit it."
    )
    autocomplete_fields = ["treatment"]
    ordering = ["position", "id"]
    help_texts = TREATMENT_HELP
    fields = ["treatment", "label", "text", "position"]

    def row_name(self, obj):
        return obj.display_label

    def row_title(self, obj):
        if not obj.text:
            return f"{obj.display_label} (listed by name only)"
        return f"{obj.display_label}: {Truncator(obj.text).chars(90)}"


class ListInline(OrderedStackedInline):
    """One of the page's lists (root causes, risk factors, symptoms, body
    areas): a row per entry, in page order, dragged or moved with the
    keyboard into place; the entry is found by typing its name."""

    ordering = ["position", "id"]

    def get_fields(self, request, obj=None):
        return [self.model.tag_field, "position"]

    def get_autocomplete_fields(self, request):
        return [self.model.tag_field]

    def row_name(self, obj):
        return str(obj.tag) if obj.pk else _("new entry")

    def row_title(self, obj):
        return self.row_name(obj)


class BodyAreaInline(ListInline):
    model = ConditionBodyArea
    verbose_name = _("body area")
    verbose_name_plural = _("Where you may feel it (body areas)")
    group_description = _(
        "Listed first under “At a glance”, in this order; the page is listed "
        "under these areas of “Where does it hurt?”. Type to find one."
    )


class RootCauseInline(ListInline):
    model = ConditionRootCause
    verbose_name = _("root cause")
    verbose_name_plural = _("Root causes")
    group_description = _(
        "Listed under “Root Causes”, in this order, each a link to its own "
        "page. Type to find one."
    )


class RiskFactorInline(ListInline):
    model = ConditionRiskFactor
    verbose_name = _("risk factor")
    verbose_name_plural = _("Risk factors")
    group_description = _(
        "Listed under “Risk Factors”, in this order. Type to find one."
    )


class SymptomInline(ListInline):
    model = ConditionSymptom
    groups_after = "after-lists"  # the highlights follow the lists, as on the page
    verbose_name = _("symptom")
    verbose_name_plural = _("Symptoms")
    group_description = _(
        "Listed under “Symptoms” (or in a section that shows the symptoms), in "
        "this order. Type to find one."
    )


@admin.register(Condition)
class ConditionAdmin(ContentAdmin):
    list_filter = ["status", ReviewFilter, "body_areas"]
    search_fields = ["name", "slug", "definition"]
    inlines = [
        BodyAreaInline,
        RootCauseInline,
        RiskFactorInline,
        SymptomInline,
        SectionInline,
        ConditionTreatmentInline,
    ]
    description_field = "definition"

    def needs_attention(self, queryset):
        """For the admin home: published conditions whose page shows no
        urgent-help guidance."""
        return [
            (
                "no-urgent-help",
                _("Conditions without urgent-help guidance"),
                _(
                    "Every condition page should say when to call 911 and when "
                    "to see a doctor today. Add the condition to a guidance "
                    "record under “Urgent-help guidance”."
                ),
                without_guidance(queryset.published()),
            )
        ]

    help_texts = {
        "name": "The title at the top of the page, e.g. “Back + Muscle Spasms”.",
        "definition": "Shown under “Definition” near the top of the page: one or "
        "two sentences in plain words. Search engines show it too, unless "
        "“Search and sharing” has a summary of its own.",
        "statistic": "The highlighted figure below the lists, worded as the "
        "source gives it.",
        "statistic_source": "Who published the figure, shown after it, e.g. ACA.",
        "self_care_tip": "A short tip patients can try today, shown beside the figure.",
        "meta_description": "What search engines and shared links show under the "
        "page's title (up to 160 characters). Leave empty to use the definition.",
    }
    fieldsets = [
        (
            "Top of the page",
            {"fields": ["name", "definition", "hero_image", "hero_alt"]},
        ),
        (
            _("Highlights"),
            {
                "fields": ["statistic", "statistic_source", "self_care_tip"],
                "classes": ["after-lists"],
            },
        ),
        (
            "Search and sharing",
            {
                "fields": ["meta_description"],
                "classes": ["collapse", "after-inlines"],
            },
        ),
        (None, {"fields": ["slug", "status", "last_reviewed"]}),
    ]


class TagAdmin(ContentAdmin):
    list_display = ["name", "see_condition", "status", "updated"]
    list_filter = ["status", ReviewFilter, "conditions"]
    search_fields = ["name", "slug", "description"]
    autocomplete_fields = ["see_condition"]


admin.site.register([RootCause, RiskFactor, Symptom], TagAdmin)


@admin.register(BodyArea)
class BodyAreaAdmin(OrderedListMixin, ContentAdmin):
    list_display = ["position", "name", "status"]
    list_filter = ["status", ReviewFilter]


@admin.register(ConditionSection)
class ConditionSectionAdmin(PartAdmin):
    list_display = ["heading", "condition", "position"]
    list_filter = ["condition", "list_kind"]
    search_fields = ["heading", "body", "bullets", "body_after", "condition__name"]
    autocomplete_fields = ["condition"]
    prepopulated_fields = {"slug": ["heading"]}
    ordering = ["condition__name", "position"]
    help_texts = SECTION_HELP


@admin.register(ConditionTreatment)
class ConditionTreatmentAdmin(PartAdmin):
    list_display = ["treatment", "condition", "position", "label"]
    list_filter = ["condition", "treatment"]
    search_fields = ["label", "text", "condition__name", "treatment__name"]
    autocomplete_fields = ["condition", "treatment"]
    ordering = ["condition__name", "position"]
    help_texts = TREATMENT_HELP


@admin.register(UrgentHelp)
class UrgentHelpAdmin(OrderedListMixin, ContentAdmin):
    """When to get help now: what the emergency and urgent boxes say, on
    which pages, and who published it."""

    list_display = ["position", "name", "source", "status", "last_reviewed"]
    list_filter = ["status", ReviewFilter, "conditions", "body_areas"]
    search_fields = ["name", "emergency", "urgent", "source"]
    autocomplete_fields = ["conditions", "body_areas"]
    help_texts = {
        "name": _(
            "What it is about, shown as a heading on the “When to get help now” "
            "page, e.g. “Back pain, back spasms and sciatica”."
        ),
    }
    fieldsets = [
        (None, {"fields": ["name"]}),
        (
            _("Emergency: call 911"),
            {"fields": ["emergency_lead", "emergency"]},
        ),
        (_("Urgent: see a doctor today"), {"fields": ["urgent_lead", "urgent"]}),
        (_("Source"), {"fields": ["source"]}),
        (_("Where it shows"), {"fields": ["conditions", "body_areas"]}),
        (None, {"fields": ["slug", "status", "last_reviewed"]}),
    ]


class ListLinkAdmin(PartAdmin):
    """An entry of a condition's list, on its own for its history (edited
    in the condition's form)."""

    list_display = ["__str__", "condition", "position"]
    ordering = ["condition__name", "position"]

    def get_list_filter(self, request):
        return ["condition"]

    def get_search_fields(self, request):
        return ["condition__name", f"{self.model.tag_field}__name"]

    def get_autocomplete_fields(self, request):
        return ["condition", self.model.tag_field]


admin.site.register(
    [ConditionBodyArea, ConditionRootCause, ConditionRiskFactor, ConditionSymptom],
    ListLinkAdmin,
)
