from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.auth import get_permission_codename
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP
from django.urls import reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

from .images import ImageUploadField
from .models import ClinicSettings, SeedRecord, Status


class TextareaField(forms.CharField):
    """Browsers send a textarea's line breaks as CRLF; the stored text (and
    the fixtures) use LF. Without this, every save would change every
    paragraph and fill the history with changes nobody made."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


TEXT_FIELDS = {
    models.TextField: {"form_class": TextareaField, "widget": AdminTextareaWidget}
}


class TextMixin:
    formfield_overrides = TEXT_FIELDS


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


class PermittedLookupsMixin:
    """A list's URL filters (`?field__lookup=value`) may only reach through
    relations to records the user may see: otherwise an editor could probe
    appointment requests through the locations list
    (`?appointment_requests__isnull=False`), which Django allows by default
    for any one-step lookup."""

    def lookup_allowed(self, lookup, value, request=None):
        model = self.model
        for part in lookup.split(LOOKUP_SEP):
            try:
                field = model._meta.get_field(part)
            except FieldDoesNotExist:
                break
            if not field.is_relation or field.related_model is None:
                break
            model = field.related_model
            opts = model._meta
            if request is not None and not any(
                request.user.has_perm(
                    f"{opts.app_label}.{get_permission_codename(action, opts)}"
                )
                for action in ("view", "change")
            ):
                return False
        return super().lookup_allowed(lookup, value, request)


class ContentAdmin(PermittedLookupsMixin, SimpleHistoryAdmin):
    """What every page of content shares in the admin: drafts with a preview,
    publish and unpublish, history with undo ("History" on the page)."""

    list_display = ["name", "status", "last_reviewed", "updated"]
    list_filter = ["status", ReviewFilter]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["publish", "unpublish"]
    save_on_top = True
    change_form_template = "admin/content_change_form.html"
    formfield_overrides = {
        **TEXT_FIELDS,
        models.ImageField: {"form_class": ImageUploadField},
    }

    def get_historical_record_context_helper(self, request, historical_record):
        # Show whole sentences in the history's "Changes" column.
        return HistoricalRecordContextHelper(
            self.model, historical_record, max_displayed_delta_change_chars=600
        )

    object_history_template = "admin/content_object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        """The page's own history, then the changes to its parts edited inline
        (sections, treatment texts, opening hours), each with a link to that
        part's own history, where any version of it can be restored."""
        parts = []
        for inline in self.inlines:
            model = inline.model
            if not hasattr(model, "history"):
                continue
            fk = next(
                f
                for f in model._meta.fields
                if f.is_relation and f.related_model is self.model
            )
            opts = model._meta
            records = (
                model.history.filter(**{fk.attname: object_id})
                .select_related("history_user")
                .order_by("-history_date", "-history_id")[:50]
            )
            for record in records:
                previous = record.prev_record
                record.changes_list = (
                    record.diff_against(previous).changes if previous else []
                )
                record.part_history_url = reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_history",
                    args=[record.id],
                )
            parts.append((opts.verbose_name_plural, records))
        context = {"content_parts": parts, **(extra_context or {})}
        if not request.user.has_perm("auth.change_user"):
            # "Changed by" names the person without linking to the user admin
            # they may not open (the template links only a URL that resolves).
            context["admin_user_view"] = "admin:no-user-admin"
        return super().history_view(request, object_id, extra_context=context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.history_version = version_id
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )

    def get_form(self, request, obj=None, **kwargs):
        """On the "Revert" form, the page's links (root causes, symptoms ...)
        are filled in as they were in that version too, not only its text."""
        form = super().get_form(request, obj, **kwargs)
        version = getattr(request, "history_version", None)
        if version is None or obj is None:
            return form
        record = self.model.history.filter(pk=version).first()
        if record is None:
            return form
        links = {}
        for field in record._history_m2m_fields:
            target = field.remote_field.model
            column = f"{get_m2m_reverse_field_name(field)}_id"
            ids = [getattr(row, column) for row in getattr(record, field.name).all()]
            links[field.name] = list(
                target._default_manager.filter(pk__in=ids).values_list("pk", flat=True)
            )

        class RevertForm(form):
            def __init__(self, *args, **kwargs):
                kwargs["initial"] = {**links, **(kwargs.get("initial") or {})}
                super().__init__(*args, **kwargs)

        return RevertForm

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


class PartAdmin(PermittedLookupsMixin, TextMixin, SimpleHistoryAdmin):
    """A part of a page that is edited inline on the page itself, listed on
    its own for its history and for restoring an earlier version."""

    save_on_top = True

    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(ClinicSettings)
class ClinicSettingsAdmin(PermittedLookupsMixin, TextMixin, SimpleHistoryAdmin):
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
        (
            "Privacy page",
            {
                "fields": [
                    "privacy_heading",
                    "privacy_text",
                    "privacy_clinic_text",
                    "privacy_clinic_is_placeholder",
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


class PageSectionInline(TextMixin, admin.StackedInline):
    """The question-style sections of a page (base.models.Section), in
    order: the one inline every kind of page with sections uses. A subclass
    names only its `model`."""

    extra = 0
    prepopulated_fields = {"slug": ["heading"]}
    ordering = ["position", "id"]
    fields = [
        "position",
        "heading",
        "slug",
        "body",
        "bullets",
        "list_kind",
        "list_intro",
        "body_after",
    ]
