"""The site-wide records: the clinic settings (one record, opened straight
from the menu) and the seed ledger (read only)."""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import ClinicSettings, SeedRecord
from .content import PermittedLookupsMixin
from .forms import FormsMixin, SpanishReviewMixin
from .history import HistoryMixin, PlainMessagesMixin


@admin.register(ClinicSettings)
class ClinicSettingsAdmin(
    PermittedLookupsMixin,
    PlainMessagesMixin,
    HistoryMixin,
    SpanishReviewMixin,
    FormsMixin,
    SimpleHistoryAdmin,
):
    """One record, so no list: the menu entry opens its form (and the form to
    fill it in, on a site where it does not exist yet)."""

    list_display = ["name", "phone"]
    search_fields = ["name", "phone"]
    fieldsets = [
        (None, {"fields": ["name", "tagline"]}),
        (
            "Appointment line (shown on every page)",
            {
                "fields": [
                    "contact_heading",
                    "contact_lead",
                    "phone",
                    "spanish_on_phone",
                ]
            },
        ),
        (
            "Closing block of condition pages",
            {"fields": ["more_about_heading", "more_about_text"]},
        ),
        (
            "New patients page",
            {
                "fields": [
                    "new_patient_heading",
                    "new_patient_text",
                    "new_patient_is_placeholder",
                ]
            },
        ),
        # Two groups, each about a screen with its Spanish under the English;
        # the website's own text (long, in two languages, rarely changed)
        # opens on a click.
        (
            _("Privacy page"),
            {
                "fields": ["privacy_heading", "privacy_text"],
                "classes": ["collapse"],
                "description": _(
                    "What the website itself does with visitors' information, "
                    "in English and Spanish. Change it only when the website "
                    "changes."
                ),
            },
        ),
        (
            _("Privacy page: the clinic's own notice"),
            {"fields": ["privacy_clinic_text", "privacy_clinic_is_placeholder"]},
        ),
    ]

    help_texts = {
        "more_about_heading": "Heading of the closing block of condition pages.",
    }

    def has_add_permission(self, request):
        # Whoever may change the settings may fill them in the first time.
        return (
            self.has_change_permission(request) and not ClinicSettings.objects.exists()
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def menu_url(self, request):
        """The menu entry (and its group's heading) opens the record itself."""
        settings = ClinicSettings.objects.first()
        if settings is None:
            return None
        return reverse("admin:backfit_clinicsettings_change", args=[settings.pk])

    def changelist_view(self, request, extra_context=None):
        settings = ClinicSettings.objects.first()
        if settings is None:
            if not self.has_add_permission(request):
                return super().changelist_view(request, extra_context)
            return HttpResponseRedirect(reverse("admin:backfit_clinicsettings_add"))
        return HttpResponseRedirect(
            reverse("admin:backfit_clinicsettings_change", args=[settings.pk])
        )

    def get_changeform_initial_data(self, request):
        # The add form starts from the settings as shipped (the phone line).
        shipped = ClinicSettings.as_shipped()
        initial = {
            field.name: getattr(shipped, field.name)
            for field in ClinicSettings._meta.fields
            if field.editable and not field.primary_key
        }
        initial["phone"] = shipped.phone
        return {**initial, **super().get_changeform_initial_data(request)}

    def response_post_save_change(self, request, obj):
        # "Save" stays on the form: there is no list to go back to.
        return HttpResponseRedirect(request.path)

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        if "_popup" in request.POST:
            return response
        return HttpResponseRedirect(
            reverse("admin:backfit_clinicsettings_change", args=[obj.pk])
        )

    def saved_message(self, request, obj):
        return (
            f"Saved. Every page shows the new settings now (appointment line "
            f"{obj.phone_display})."
        )


@admin.register(SeedRecord)
class SeedRecordAdmin(admin.ModelAdmin):
    """Read-only view of what the seed step has shipped (for troubleshooting)."""

    list_display = ["model", "key", "seeded"]
    list_filter = ["model"]
    search_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
