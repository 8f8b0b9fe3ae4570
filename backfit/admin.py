from django.contrib import admin, messages

from .models import ClinicSettings, SeedRecord, Status


class ContentAdmin(admin.ModelAdmin):
    """What every page of content shares in the admin."""

    list_display = ["name", "status", "last_reviewed", "updated"]
    list_filter = ["status"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["publish", "unpublish"]
    save_on_top = True

    @admin.action(description="Publish the selected pages")
    def publish(self, request, queryset):
        count = queryset.update(status=Status.PUBLISHED)
        self.message_user(request, f"{count} published.", messages.SUCCESS)

    @admin.action(description="Unpublish the selected pages (hide them)")
    def unpublish(self, request, queryset):
        count = queryset.update(status=Status.DRAFT)
        self.message_user(request, f"{count} hidden from the public.", messages.SUCCESS)


@admin.register(ClinicSettings)
class ClinicSettingsAdmin(admin.ModelAdmin):
    list_display = ["name", "phone"]
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
