from datetime import timedelta

from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .images import ImageUploadField
from .models import ClinicSettings, SeedRecord, Status


class ReviewFilter(admin.SimpleListFilter):
    """Pages a clinician has not checked in the last 12 months."""

    title = "reviewed"
    parameter_name = "reviewed"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Not in the last 12 months (or never)"),
            ("recent", "In the last 12 months"),
        ]

    def queryset(self, request, queryset):
        cutoff = timezone.localdate() - timedelta(days=365)
        overdue = Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=cutoff)
        if self.value() == "overdue":
            return queryset.filter(overdue)
        if self.value() == "recent":
            return queryset.exclude(overdue)
        return queryset


def preview_url(obj):
    opts = obj._meta
    return reverse("preview", args=[opts.app_label, opts.model_name, obj.pk])


class ContentAdmin(SimpleHistoryAdmin):
    """What every page of content shares in the admin: drafts with a preview,
    publish and unpublish, history with undo ("History" on the page)."""

    list_display = ["name", "status", "last_reviewed", "updated"]
    list_filter = ["status", ReviewFilter]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["publish", "unpublish"]
    save_on_top = True
    change_form_template = "admin/content_change_form.html"
    formfield_overrides = {models.ImageField: {"form_class": ImageUploadField}}

    def get_historical_record_context_helper(self, request, historical_record):
        # Show whole sentences in the history's "Changes" column.
        return HistoricalRecordContextHelper(
            self.model, historical_record, max_displayed_delta_change_chars=600
        )

    def view_on_site(self, obj):
        """The live page once published; the preview while a draft."""
        return obj.get_absolute_url() if obj.is_published else preview_url(obj)

    def render_change_form(self, request, context, obj=None, **kwargs):
        if obj is not None and obj.pk:
            context["preview_url"] = preview_url(obj)
        return super().render_change_form(request, context, obj=obj, **kwargs)

    def _set_status(self, request, queryset, status):
        """One normal save per page, so history, the site's content version
        and every other signal see the change (queryset.update() fires none)."""
        count = 0
        with transaction.atomic():
            for obj in queryset.exclude(status=status):
                obj.status = status
                obj._history_user = request.user
                obj.save()
                self.log_change(request, obj, [{"changed": {"fields": ["Status"]}}])
                count += 1
        return count

    @admin.action(description="Publish the selected pages", permissions=["change"])
    def publish(self, request, queryset):
        count = self._set_status(request, queryset, Status.PUBLISHED)
        self.message_user(request, f"{count} published.", messages.SUCCESS)

    @admin.action(
        description="Unpublish the selected pages (hide them)", permissions=["change"]
    )
    def unpublish(self, request, queryset):
        count = self._set_status(request, queryset, Status.DRAFT)
        self.message_user(request, f"{count} hidden from the public.", messages.SUCCESS)


@admin.register(ClinicSettings)
class ClinicSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["name", "phone"]
    search_fields = ["name", "phone"]
    fieldsets = [
        (None, {"fields": ["name", "tagline"]}),
        (
            "Appointment line (shown on every page)",
            {"fields": ["contact_heading", "contact_lead", "phone"]},
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
    ]

    def has_add_permission(self, request):
        return not ClinicSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


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
