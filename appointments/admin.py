from django.contrib import admin, messages
from django.utils.html import format_html

from .models import AppointmentRequest


@admin.register(AppointmentRequest)
class AppointmentRequestAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "phone",
        "location",
        "time_of_day",
        "call_in",
        "status",
        "created",
        "was_emailed",
    ]
    list_filter = ["status", "language", "location", "time_of_day", "created"]
    list_editable = ["status"]
    search_fields = ["name", "phone"]
    date_hierarchy = "created"
    readonly_fields = ["created", "updated", "notified"]
    fields = [
        "status",
        "name",
        "phone",
        "location",
        "time_of_day",
        "language",
        "message",
        "created",
        "updated",
        "notified",
    ]
    actions = ["mark_contacted", "mark_booked", "mark_closed"]

    @admin.display(description="Call back in", ordering="language")
    def call_in(self, obj):
        """The language to call back in; Spanish stands out in the list."""
        if obj.language == AppointmentRequest.Language.SPANISH:
            return format_html('<strong class="call-in-spanish">{}</strong>', "Spanish")
        return "English"

    @admin.display(boolean=True, description="Staff emailed")
    def was_emailed(self, obj):
        return obj.notified is not None

    def _mark(self, request, queryset, status):
        count = queryset.update(status=status)
        label = AppointmentRequest.Status(status).label
        self.message_user(request, f"{count} marked “{label}”.", messages.SUCCESS)

    @admin.action(description="Mark selected as contacted")
    def mark_contacted(self, request, queryset):
        self._mark(request, queryset, AppointmentRequest.Status.CONTACTED)

    @admin.action(description="Mark selected as booked")
    def mark_booked(self, request, queryset):
        self._mark(request, queryset, AppointmentRequest.Status.BOOKED)

    @admin.action(description="Mark selected as closed")
    def mark_closed(self, request, queryset):
        self._mark(request, queryset, AppointmentRequest.Status.CLOSED)
