from django.contrib import admin

from base.admin import (
    ContentAdmin,
    PageSectionInline,
    PartAdmin,
    ReviewFilter,
    TextMixin,
)

from .models import (
    BodyArea,
    Condition,
    ConditionSection,
    ConditionTreatment,
    RiskFactor,
    RootCause,
    Symptom,
)


class SectionInline(PageSectionInline):
    model = ConditionSection


class ConditionTreatmentInline(TextMixin, admin.TabularInline):
    model = ConditionTreatment
    extra = 0
    autocomplete_fields = ["treatment"]
    ordering = ["position", "id"]
    fields = ["position", "treatment", "label", "text"]


@admin.register(Condition)
class ConditionAdmin(ContentAdmin):
    list_filter = ["status", ReviewFilter, "body_areas"]
    search_fields = ["name", "slug", "definition"]
    autocomplete_fields = ["root_causes", "risk_factors", "symptoms", "body_areas"]
    inlines = [SectionInline, ConditionTreatmentInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "last_reviewed", "reviewed_by"]}),
        ("Top of the page", {"fields": ["definition", "hero_image", "hero_alt"]}),
        (
            "Lists on the page",
            {"fields": ["root_causes", "risk_factors", "symptoms", "body_areas"]},
        ),
        (
            "Highlights",
            {"fields": ["statistic", "statistic_source", "self_care_tip"]},
        ),
        ("Search engines", {"fields": ["meta_description"], "classes": ["collapse"]}),
    ]


class TagAdmin(ContentAdmin):
    list_display = ["name", "see_condition", "status", "updated"]
    list_filter = ["status", ReviewFilter, "conditions"]
    search_fields = ["name", "slug", "description"]
    autocomplete_fields = ["see_condition"]


admin.site.register([RootCause, RiskFactor, Symptom], TagAdmin)


@admin.register(BodyArea)
class BodyAreaAdmin(ContentAdmin):
    list_display = ["name", "position", "status"]
    list_editable = ["position"]
    list_filter = ["status", ReviewFilter]


@admin.register(ConditionSection)
class ConditionSectionAdmin(PartAdmin):
    list_display = ["heading", "condition", "position"]
    list_filter = ["condition", "list_kind"]
    search_fields = ["heading", "body", "bullets", "body_after", "condition__name"]
    autocomplete_fields = ["condition"]
    prepopulated_fields = {"slug": ["heading"]}
    ordering = ["condition__name", "position"]


@admin.register(ConditionTreatment)
class ConditionTreatmentAdmin(PartAdmin):
    list_display = ["treatment", "condition", "position", "label"]
    list_filter = ["condition", "treatment"]
    search_fields = ["label", "text", "condition__name", "treatment__name"]
    autocomplete_fields = ["condition", "treatment"]
    ordering = ["condition__name", "position"]
