"""Ordered parts of a page (sections, a condition's treatments) and
ordered lists (body areas): dragged or moved from the keyboard, never
numbered by hand."""

from adminsortable2.admin import (
    CustomInlineFormSet,
    SortableAdminMixin,
    SortableInlineAdminMixin,
)
from django.contrib import admin
from django.db import transaction
from django.utils.text import slugify

from .forms import SECTION_HELP, FormsMixin


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
