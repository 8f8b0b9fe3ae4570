"""What every page of content shares in the admin (ContentAdmin) and the
parts of pages listed on their own for their history (PartAdmin)."""

from datetime import timedelta

from adminsortable2.admin import (
    SortableAdminBase,
)
from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from ..images import ImageUploadField
from ..models import Status
from .forms import TEXT_FIELDS, ContentForm, FormsMixin, SpanishReviewMixin
from .history import HistoryMixin, PlainMessagesMixin


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


#: Fields staff rarely need, kept in every page's "Advanced" group.
ADVANCED_FIELDS = ["slug"]
#: The page's state, in the "Review and publish" group at the end of its form.
REVIEW_FIELDS = ["status", "last_reviewed", "reviewed_by"]


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


class ContentAdmin(
    PermittedLookupsMixin,
    PlainMessagesMixin,
    HistoryMixin,
    SpanishReviewMixin,
    FormsMixin,
    SortableAdminBase,
    SimpleHistoryAdmin,
):
    """What every page of content shares in the admin: drafts with a preview,
    publish and unpublish, history with undo ("History" on the page).

    Its form reads like the page: the admin's groups (fieldsets) in page
    order, then the parts edited inline (sections ...), then the groups marked
    with the class "after-inlines" (search and sharing), then "Review and
    publish" (status, last reviewed) and a folded "Advanced" group (the web
    address) that every page gets without naming them."""

    list_display = ["name", "status", "last_reviewed", "updated"]
    list_filter = ["status", ReviewFilter]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["publish", "unpublish", "spanish_reviewed"]
    save_on_top = True
    form = ContentForm
    change_form_template = "admin/content_change_form.html"
    formfield_overrides = {
        **TEXT_FIELDS,
        models.ImageField: {"form_class": ImageUploadField},
    }
    #: The field that says what the page is about; a page with it empty is
    #: listed on the admin home page ("Pages without a description").
    description_field = None
    #: More fields for the "Advanced" group.
    advanced_fields = []

    def needs_attention(self, queryset):
        """What the admin home page asks staff to fix in these records, as
        [(id, title, help, queryset)]; a group with no record is not shown."""
        return []

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        special = set(ADVANCED_FIELDS + self.advanced_fields + REVIEW_FIELDS)
        result = []
        present = set()
        for name, options in fieldsets:
            fields = []
            for line in options.get("fields", []):
                names = line if isinstance(line, list | tuple) else [line]
                present.update(names)
                kept = [f for f in names if f not in special]
                if kept:
                    fields.append(kept if isinstance(line, list | tuple) else kept[0])
            if fields:
                result.append((name, {**options, "fields": fields}))
        # Every page gets its review and publish fields and its web address,
        # whether or not the admin's own fieldsets name them.
        own = {
            f.name
            for f in self.model._meta.get_fields()
            if getattr(f, "editable", False)
        }
        review = [f for f in REVIEW_FIELDS if f in present or f in own]
        advanced = [
            f
            for f in ADVANCED_FIELDS + self.advanced_fields
            if f in present or f in own
        ]
        if review:
            result.append(
                (
                    _("Review and publish"),
                    {"fields": review, "classes": ["after-inlines"]},
                )
            )
        if advanced:
            result.append(
                (
                    _("Advanced"),
                    {
                        "fields": advanced,
                        "classes": ["collapse", "after-inlines"],
                        "description": _(
                            "Filled in for you; change only if you know why."
                        ),
                    },
                )
            )
        return result

    def saved_message(self, request, obj):
        if obj.is_published:
            return f"Saved. “{obj}” is live on the site now."
        return (
            f"Saved as a draft. “{obj}” is hidden from the public: use Preview "
            "to check it, then set Status to Published and save."
        )

    def get_historical_record_context_helper(self, request, historical_record):
        # Show whole sentences in the history's "Changes" column.
        return HistoricalRecordContextHelper(
            self.model, historical_record, max_displayed_delta_change_chars=600
        )

    def save_model(self, request, obj, form, change):
        # A change to what patients read (not only its review or status) is
        # the page's "Last updated"; parts edited inline count too (below).
        if not change or set(form.changed_data) - set(REVIEW_FIELDS):
            obj.changed = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):
            obj = form.instance
            obj.changed = timezone.now()
            type(obj)._default_manager.filter(pk=obj.pk).update(changed=obj.changed)

    delete_confirmation_template = "admin/content_delete_confirmation.html"

    def render_delete_form(self, request, context):
        """Before a page is deleted, say which records point at it and keep
        their own copy of what they chose (e.g. call-back requests that chose
        a clinic keep its name): Django lists only what a delete removes."""
        obj = context.get("object")
        kept = []
        for rel in obj._meta.related_objects if obj is not None else []:
            if getattr(rel, "on_delete", None) is not models.SET_NULL:
                continue
            count = rel.related_model._default_manager.filter(
                **{rel.field.name: obj}
            ).count()
            if count:
                kept.append(
                    _(
                        "%(count)d %(records)s chose this %(kind)s "
                        "(“%(field)s”). They are kept, and still show its name."
                    )
                    % {
                        "count": count,
                        "records": rel.related_model._meta.verbose_name_plural
                        if count != 1
                        else rel.related_model._meta.verbose_name,
                        "kind": obj._meta.verbose_name,
                        "field": rel.field.verbose_name,
                    }
                )
        context["kept_links"] = kept
        return super().render_delete_form(request, context)

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
        self.message_user(
            request,
            f"{pages(count)} published: live on the site now.",
            messages.SUCCESS,
        )

    @admin.action(
        description="Unpublish the selected pages (hide them)", permissions=["change"]
    )
    def unpublish(self, request, queryset):
        count = self._set_status(request, queryset, Status.DRAFT)
        self.message_user(
            request,
            f"{pages(count)} unpublished: hidden from the public now. Publish "
            "them again, or restore an earlier version from History, at any time.",
            messages.SUCCESS,
        )

    @admin.action(
        description="Mark the Spanish of the selected pages as reviewed",
        permissions=["change"],
    )
    def spanish_reviewed(self, request, queryset):
        from ..translation_review import stamp

        for obj in queryset:
            stamp(obj, reviewed_by=request.user)
        self.message_user(
            request,
            f"{pages(queryset.count())}: Spanish marked as reviewed against "
            "the English as it is now.",
            messages.SUCCESS,
        )


def pages(count):
    return "1 page" if count == 1 else f"{count} pages"


class PartAdmin(
    PermittedLookupsMixin,
    PlainMessagesMixin,
    HistoryMixin,
    FormsMixin,
    SimpleHistoryAdmin,
):
    """A part of a page that is edited inline on the page itself, listed on
    its own for its history and for restoring an earlier version."""

    save_on_top = True

    def view_on_site(self, obj):
        return obj.get_absolute_url()
