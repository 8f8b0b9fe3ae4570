from django.contrib import admin

from base.admin import ContentAdmin, PageSectionInline, PartAdmin, ReviewFilter

from .models import Treatment, TreatmentSection


class SectionInline(PageSectionInline):
    model = TreatmentSection


# "Symptoms treated" and "Performed by" are links other apps declare (the
# symptom's and the profession's side); they are edited here, on the
# treatment, through the tables behind those links, so this app still
# imports neither.
class SymptomsTreatedInline(admin.TabularInline):
    model = Treatment.symptoms.through
    extra = 0
    autocomplete_fields = ["symptom"]
    verbose_name = "symptom treated"
    verbose_name_plural = "Symptoms treated (the same symptoms condition pages list)"


class PerformedByInline(admin.TabularInline):
    model = Treatment.performed_by.through
    extra = 0
    autocomplete_fields = ["profession"]
    verbose_name = "profession"
    verbose_name_plural = "Performed by (professions on the team page)"


class WrittenUpFilter(admin.SimpleListFilter):
    """Pages with only their lists so far: kept out of search engines."""

    title = "written up"
    parameter_name = "written"

    def lookups(self, request, model_admin):
        return [
            ("no", "Not yet: lists only, hidden from search engines"),
            ("yes", "Yes"),
        ]

    def queryset(self, request, queryset):
        if self.value() not in {"yes", "no"}:
            return queryset
        thin = [
            treatment.pk
            for treatment in queryset.prefetch_related("sections")
            if treatment.is_thin
        ]
        if self.value() == "no":
            return queryset.filter(pk__in=thin)
        return queryset.exclude(pk__in=thin)


@admin.register(Treatment)
class TreatmentAdmin(ContentAdmin):
    list_display = ["name", "summary", "written_up", "status", "last_reviewed"]
    list_filter = ["status", WrittenUpFilter, ReviewFilter, "conditions", "locations"]
    search_fields = ["name", "slug", "summary", "description"]
    autocomplete_fields = ["complementary"]
    inlines = [SymptomsTreatedInline, PerformedByInline, SectionInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "last_reviewed"]}),
        (
            "Top of the page",
            {"fields": ["summary", "image", "image_alt", "description"]},
        ),
        ("Lists on the page", {"fields": ["complementary"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sections")

    @admin.display(
        boolean=True,
        description="written up",
    )
    def written_up(self, obj):
        """Enough of its own words to be indexed (120 or more); if not, the
        page shows its lists only and search engines skip it."""
        return not obj.is_thin


@admin.register(TreatmentSection)
class TreatmentSectionAdmin(PartAdmin):
    list_display = ["heading", "treatment", "position"]
    list_filter = ["treatment", "list_kind"]
    search_fields = ["heading", "body", "bullets", "body_after", "treatment__name"]
    autocomplete_fields = ["treatment"]
    prepopulated_fields = {"slug": ["heading"]}
    ordering = ["treatment__name", "position"]
