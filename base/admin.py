from datetime import timedelta

from adminsortable2.admin import (
    CustomInlineFormSet,
    SortableAdminBase,
    SortableAdminMixin,
    SortableInlineAdminMixin,
)
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminTextareaWidget
from django.contrib.auth import get_permission_codename
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
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


class GrowingTextarea(AdminTextareaWidget):
    """A text box as tall as its text (CSS `field-sizing: content`, or
    static/admin/backfit-admin.js where a browser lacks it): no tall empty
    boxes, no hidden paragraphs."""

    def __init__(self, attrs=None):
        super().__init__(
            {"rows": 2, "class": "vLargeTextField backfit-grow", **(attrs or {})}
        )


class OneLineTextarea(AdminTextareaWidget):
    """A long single-line value (a heading, a statistic): the full width of
    the form, wrapping onto a second line instead of being cut off."""

    def __init__(self, attrs=None):
        super().__init__(
            {
                "rows": 1,
                "class": "vTextField backfit-grow backfit-oneline",
                **(attrs or {}),
            }
        )


class OneLineField(forms.CharField):
    """Line breaks typed into a one-line value become spaces."""

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.split()) if value else value


#: Single-line values this long or longer get a box that wraps.
LONG_LINE = 150


TEXT_FIELDS = {
    models.TextField: {"form_class": TextareaField, "widget": GrowingTextarea}
}


class FormsMixin:
    """What every admin form of the site shares: text boxes as tall as their
    text, long one-line values that wrap, and help texts written for the
    page (`help_texts`: {field: text}, overriding the model's)."""

    formfield_overrides = TEXT_FIELDS
    help_texts = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if (
            type(db_field) is models.CharField
            and not db_field.choices
            and (db_field.max_length or 0) >= LONG_LINE
        ):
            kwargs.setdefault("form_class", OneLineField)
            kwargs["widget"] = OneLineTextarea()
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in self.help_texts:
            field.help_text = self.help_texts[db_field.name]
        return field


TextMixin = FormsMixin  # the name the apps' admins import


class HistoryMixin:
    """History pages that answer "not found" for an address with a record or
    version id that cannot exist (a typo, a truncated link), instead of an
    error page."""

    def _check_id(self, value, field=None):
        field = field or self.model._meta.pk
        try:
            value = field.to_python(unquote(str(value)))
        except (ValidationError, ValueError, TypeError):
            raise Http404("No such record.") from None
        if isinstance(value, int) and not 0 < value < 2**63:
            raise Http404("No such record.")
        return value

    def history_view(self, request, object_id, extra_context=None):
        self._check_id(object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_id(object_id)
        self._check_id(version_id, models.BigAutoField())
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )


class PlainMessagesMixin:
    """After a save, say what happened on the site in plain words, instead of
    Django's "The condition “…” was changed successfully"."""

    def saved_message(self, request, obj):
        return f"Saved “{obj}”. The change shows on the site now."

    def _say_saved(self, request, obj, respond):
        request._backfit_saved = obj
        try:
            return respond()
        finally:
            request._backfit_saved = None

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        obj = getattr(request, "_backfit_saved", None)
        if obj is not None and level == messages.SUCCESS:
            message = self.saved_message(request, obj)
            version = getattr(request, "history_version", None)
            if version is not None:
                record = self.model.history.filter(pk=version).first()
                when = (
                    date_format(
                        timezone.localtime(record.history_date), "DATETIME_FORMAT"
                    )
                    if record
                    else "that date"
                )
                message = f"Restored the version of {when}. {message}"
        return super().message_user(request, message, level, *args, **kwargs)

    def response_add(self, request, obj, post_url_continue=None):
        return self._say_saved(
            request,
            obj,
            lambda: super(PlainMessagesMixin, self).response_add(
                request, obj, post_url_continue
            ),
        )

    def response_change(self, request, obj):
        return self._say_saved(
            request,
            obj,
            lambda: super(PlainMessagesMixin, self).response_change(request, obj),
        )


class OrderedInlineFormSet(CustomInlineFormSet):
    """The rows of an ordered part of a page. A row whose web anchor (slug)
    is left empty gets one made from its title, unique on the page."""

    slug_from = None  # (slug field, source field), set by the inline

    def clean(self):
        # Before the formset's own check, which would see two empty anchors
        # as duplicates.
        self.fill_slugs()
        super().clean()

    def fill_slugs(self):
        if not self.slug_from:
            return
        slug_field, source = self.slug_from
        max_length = self.model._meta.get_field(slug_field).max_length
        rows = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
        ]
        mine = {form.instance.pk for form in rows if form.instance.pk}
        used = set()
        if self.instance.pk:
            used = set(
                self.model._default_manager.filter(**{self.fk.name: self.instance})
                .exclude(pk__in=mine)
                .values_list(slug_field, flat=True)
            )
        used |= {form.cleaned_data.get(slug_field) for form in rows} - {"", None}
        for form in rows:
            if form.cleaned_data.get(slug_field):
                continue
            base = slugify(form.cleaned_data.get(source) or "")[:max_length] or (
                slugify(self.model._meta.verbose_name)
            )
            slug, n = base, 2
            while slug in used:
                suffix = f"-{n}"
                slug, n = base[: max_length - len(suffix)] + suffix, n + 1
            used.add(slug)
            form.cleaned_data[slug_field] = slug
            setattr(form.instance, slug_field, slug)


class OrderedStackedInline(SortableInlineAdminMixin, FormsMixin, admin.StackedInline):
    """An ordered part of a page (sections, a condition's treatments ...):
    stacked rows that fit any screen, folded to their title, reordered by
    dragging or from the keyboard; no position numbers to type. Set
    `ordering = ["position", "id"]` and `slug_from = ("slug", "heading")` to
    fill a row's web anchor from its title."""

    template = "admin/edit_inline/ordered_stacked.html"
    formset = OrderedInlineFormSet
    extra = 0
    sortable_rows = True
    group_description = ""
    slug_from = None

    def row_title(self, obj):
        """The title of a folded row: what staff recognise it by."""
        return str(obj)

    def row_name(self, obj):
        """The row's short name, for its buttons and announcements."""
        return str(obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.row_title = property(
            lambda form, inline=self: inline.row_title(form.instance)
        )
        formset.form.row_name = property(
            lambda form, inline=self: inline.row_name(form.instance)
        )
        formset.slug_from = self.slug_from
        if self.slug_from and self.slug_from[0] in formset.form.base_fields:
            formset.form.base_fields[self.slug_from[0]].required = False
        return formset


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


class ContentForm(forms.ModelForm):
    """A page's form: an empty web address (slug) is made from the name, and
    kept unique."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        cleaned = super().clean()
        if "slug" in self.fields and not cleaned.get("slug"):
            model = self._meta.model
            max_length = model._meta.get_field("slug").max_length
            base = slugify(cleaned.get("name") or "")[:max_length] or "page"
            others = model._default_manager.exclude(pk=self.instance.pk)
            slug, n = base, 2
            while others.filter(slug=slug).exists():
                suffix = f"-{n}"
                slug, n = base[: max_length - len(suffix)] + suffix, n + 1
            cleaned["slug"] = slug
        return cleaned


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
    actions = ["publish", "unpublish"]
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
        review = [f for f in REVIEW_FIELDS if f in present]
        advanced = [f for f in ADVANCED_FIELDS + self.advanced_fields if f in present]
        if review:
            result.append(
                (
                    "Review and publish",
                    {"fields": review, "classes": ["after-inlines"]},
                )
            )
        if advanced:
            result.append(
                (
                    "Advanced",
                    {
                        "fields": advanced,
                        "classes": ["collapse", "after-inlines"],
                        "description": "Filled in for you; change only if you "
                        "know why.",
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

    object_history_template = "admin/content_object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        """The page's own history, then the changes to its parts edited inline
        (sections, treatment texts, opening hours), each with a link to that
        part's own history, where any version of it can be restored."""
        self._check_id(object_id)
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


def pages(count):
    return "1 page" if count == 1 else f"{count} pages"


class OrderedListMixin(SortableAdminMixin):
    """A list of pages in a staff-chosen order (body areas head to toe):
    drag rows in the list (django-admin-sortable2). Each move is a normal
    save, so it is in the page's history and live on the next page load."""

    def _update_order(self, updated_items, extra_model_filters):
        field = self.default_order_field
        queryset = self.model._default_manager.filter(**extra_model_filters)
        count = 0
        with transaction.atomic():
            for pk, order in updated_items:
                obj = queryset.get(pk=pk)
                if getattr(obj, field) != order:
                    setattr(obj, field, order)
                    obj.save()
                    count += 1
        return count


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


@admin.register(ClinicSettings)
class ClinicSettingsAdmin(
    PermittedLookupsMixin,
    PlainMessagesMixin,
    HistoryMixin,
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


SECTION_HELP = {
    "heading": "The question this section answers, as its heading on the page, "
    "e.g. “What are back muscle spasms?”.",
    "body": "The text under the heading. Leave a blank line between paragraphs.",
    "bullets": "Optional: one point per line, shown as a bulleted list after the "
    "text above.",
    "list_kind": "A list shown after the text, made from the page's own lists "
    "(for example its symptoms, or its treatments with their words).",
    "list_intro": "The sentence just before the list, e.g. “Treatments include:”.",
    "body_after": "Text shown after the list, if any.",
    "slug": "The end of a link straight to this section (the page's address, "
    "then #this-part). Made from the heading when left empty.",
}


class PageSectionInline(OrderedStackedInline):
    """The question-style sections of a page (base.models.Section), in
    order, folded to their headings, dragged (or moved with the keyboard)
    into place: the one inline every kind of page with sections uses. A
    subclass names only its `model`."""

    verbose_name = "question section"
    verbose_name_plural = "Question sections"
    group_description = (
        "The sections below the lists, in page order. Open one by its heading "
        "to edit it."
    )
    ordering = ["position", "id"]
    slug_from = ("slug", "heading")
    prepopulated_fields = {"slug": ["heading"]}
    help_texts = SECTION_HELP
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "heading",
                    "body",
                    "bullets",
                    "list_kind",
                    "list_intro",
                    "body_after",
                    "position",
                ]
            },
        ),
        ("Advanced", {"fields": ["slug"], "classes": ["collapse"]}),
    ]
