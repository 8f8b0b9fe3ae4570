from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.utils.translation import gettext_lazy as _

from base.admin import (
    SECTION_HELP,
    ContentAdmin,
    ContentForm,
    PageSectionInline,
    PartAdmin,
    ReviewFilter,
)

from .models import Treatment, TreatmentSection


class SectionInline(PageSectionInline):
    model = TreatmentSection


def reverse_links_field(name, label, things):
    """A two-box picker for links the other side declares: the records come
    through the treatment's own reverse relation `name`. `things` names what
    is picked in the picker's own sentences ("Choose professions by
    selecting them ...")."""
    related = Treatment._meta.get_field(name).related_model
    return forms.ModelMultipleChoiceField(
        queryset=related._default_manager.all(),
        required=False,
        label=label,
        widget=FilteredSelectMultiple(things, False),
    )


class TreatmentForm(ContentForm):
    """The treatment's form, with "Symptoms treated" and "Performed by":
    links the symptom's and the profession's side declare (conditions and
    team), edited here on the treatment, so this app imports neither."""

    symptoms = reverse_links_field(
        "symptoms",
        _("Symptoms treated (the same symptoms condition pages list)"),
        _("symptoms"),
    )
    performed_by = reverse_links_field(
        "performed_by",
        _("Performed by (professions on the team page)"),
        _("professions"),
    )
    REVERSE_LINKS = ["symptoms", "performed_by"]

    class Meta:
        model = Treatment
        fields = ["name", "slug", "status", "summary", "description", "complementary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in self.REVERSE_LINKS:
                self.initial.setdefault(
                    name,
                    list(getattr(self.instance, name).values_list("pk", flat=True)),
                )

    def _save_m2m(self):
        super()._save_m2m()
        for name in self.REVERSE_LINKS:
            getattr(self.instance, name).set(self.cleaned_data[name])


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
    form = TreatmentForm
    autocomplete_fields = ["complementary"]
    inlines = [SectionInline]
    description_field = "summary"  # "Definition": what the treatment is
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "last_reviewed", "reviewed_by"]}),
        (
            "Top of the page",
            {"fields": ["summary", "image", "image_alt", "description"]},
        ),
        # Two groups, one picker each way, so neither is a long scroll.
        ("Symptoms treated", {"fields": ["symptoms"]}),
        (
            "Who gives it, and what goes with it",
            {"fields": ["performed_by", "complementary"]},
        ),
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
    help_texts = SECTION_HELP
    list_display = ["heading", "treatment", "position"]
    list_filter = ["treatment", "list_kind"]
    search_fields = ["heading", "body", "bullets", "body_after", "treatment__name"]
    autocomplete_fields = ["treatment"]
    prepopulated_fields = {"slug": ["heading"]}
    ordering = ["treatment__name", "position"]
