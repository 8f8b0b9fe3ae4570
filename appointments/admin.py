from django.conf import settings
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import AppointmentRequest


def waiting_requests():
    """Requests no one has called back yet, oldest first."""
    return AppointmentRequest.objects.filter(
        status=AppointmentRequest.Status.NEW
    ).order_by("created")


@admin.register(AppointmentRequest)
class AppointmentRequestAdmin(admin.ModelAdmin):
    # What the front desk works by first, so the status fits at 1024 px;
    # "Staff emailed" is on each request's own page. A call-back asked for
    # in Spanish says so in bold.
    list_display = [
        "name",
        "status",
        "phone",
        "time_of_day",
        "call_in",
        "clinic",
        "created",
    ]
    list_filter = ["status", "language", "location", "time_of_day", "created"]
    list_editable = ["status"]
    search_fields = ["name", "phone"]
    date_hierarchy = "created"
    # What the patient sent is kept as they sent it; staff change the status.
    readonly_fields = [
        "name",
        "phone",
        "clinic",
        "time_of_day",
        "language",
        "message",
        "created",
        "updated",
        "notified",
        "reminded",
    ]
    fields = ["status", *readonly_fields]
    actions = ["mark_contacted", "mark_booked", "mark_closed"]

    def has_add_permission(self, request):
        return False  # requests come from patients, on the public form

    @admin.display(description=gettext_lazy("Clinic chosen"), ordering="location")
    def clinic(self, obj):
        return obj.clinic_chosen

    @admin.display(description=gettext_lazy("Call back in"), ordering="language")
    def call_in(self, obj):
        """The language to call back in; Spanish stands out in the list."""
        if obj.language == AppointmentRequest.Language.SPANISH:
            return format_html(
                '<strong class="call-in-spanish">{}</strong>', _("Spanish")
            )
        return _("English")

    @admin.display(boolean=True, description=gettext_lazy("Staff emailed"))
    def was_emailed(self, obj):
        return obj.notified is not None

    def _mark(self, request, queryset, status):
        count = queryset.update(status=status)
        label = AppointmentRequest.Status(status).label
        self.message_user(
            request,
            ngettext(
                "%(count)d request marked “%(label)s”.",
                "%(count)d requests marked “%(label)s”.",
                count,
            )
            % {"count": count, "label": label},
            messages.SUCCESS,
        )

    @admin.action(
        description=gettext_lazy("Mark selected as contacted"), permissions=["change"]
    )
    def mark_contacted(self, request, queryset):
        self._mark(request, queryset, AppointmentRequest.Status.CONTACTED)

    @admin.action(
        description=gettext_lazy("Mark selected as booked"), permissions=["change"]
    )
    def mark_booked(self, request, queryset):
        self._mark(request, queryset, AppointmentRequest.Status.BOOKED)

    @admin.action(
        description=gettext_lazy("Mark selected as closed"), permissions=["change"]
    )
    def mark_closed(self, request, queryset):
        self._mark(request, queryset, AppointmentRequest.Status.CLOSED)


def home(request):
    """The front desk's box on the admin's home page (the app's
    admin_home_blocks): waiting call-backs to whoever may see requests, and
    to superusers a missing notification address; None for anyone else."""
    notices = []
    requests_admin = admin.site.get_model_admin(AppointmentRequest)
    if requests_admin.has_view_or_change_permission(request):
        waiting = waiting_requests()
        oldest = waiting.first()
        count = waiting.count()
        changelist = reverse("admin:appointments_appointmentrequest_changelist")
        notices.append(
            {
                "id": "callbacks",
                "title": _("Call-back requests waiting"),
                "count": count,
                "text": (
                    ngettext(
                        "%(count)d patient is waiting for a call back.",
                        "%(count)d patients are waiting for a call back.",
                        count,
                    )
                    % {"count": count}
                    if count
                    else _("No one is waiting for a call back.")
                ),
                "oldest": oldest.created if oldest else None,
                "url": f"{changelist}?status__exact=new",
                "link": _("Open the waiting requests"),
            }
        )
    if request.user.is_superuser and not settings.APPOINTMENT_NOTIFY_EMAIL:
        notices.append(
            {
                "id": "no-notify-email",
                "warning": _(
                    "No one is emailed about new call-back requests: set "
                    "APPOINTMENT_NOTIFY_EMAIL (see docs/operations.md)."
                ),
            }
        )
    return {"notices": notices} if notices else None
