"""The views every content app builds on: published records only, with the
page's title, description and structured data for search engines."""

import copy
from typing import NamedTuple

from django.urls import reverse
from django.views.generic import DetailView, ListView

from . import memory, registry, seo
from .models import ClinicSettings
from .pagination import page_of, pagination_context


def record_title(record):
    """A record's title as pages show it: its name (English, marked so on a
    Spanish page, while it has no Spanish: base/translated.py)."""
    if record is None:
        return ""
    name = getattr(record, "name", None)
    return name if isinstance(name, str) and name else str(record)


class SeoMixin:
    """What search engines read on every page: its title and description for
    the meta and Open Graph tags, and the schema.org graph (the page, what it
    is about, the clinic, the breadcrumbs) as JSON-LD."""

    title = None

    def get_crumbs(self):
        return []

    def get_page_title(self):
        return self.title or record_title(getattr(self, "object", None))

    def get_page_description(self, clinic):
        return clinic.tagline or clinic.name

    def get_about(self, clinic, context):
        """The schema.org node for what the page is about, if any."""
        return None

    def get_page_image(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        clinic = ClinicSettings.for_request(self.request)
        context.update(
            seo_context(
                self.request,
                self.get_page_title(),
                self.get_page_description(clinic),
                context.get("crumbs", self.get_crumbs()),
                about=self.get_about(clinic, context),
                record=getattr(self, "object", None),
                image=self.get_page_image(),
            )
        )
        return context


def seo_context(
    request, title, description, crumbs, about=None, record=None, image=None
):
    """Template context for the head of any page, class-based or not:
    `page_meta` (title, description, Open Graph type and image) and
    `structured_data` (the page, what it is about, the clinic, breadcrumbs)."""
    clinic = ClinicSettings.for_request(request)
    description = seo.describe(description)
    return {
        "page_meta": {
            "title": title,
            "description": description,
            "type": "article" if record is not None else "website",
            "image": seo.absolute(request, image) if image else "",
        },
        "structured_data": seo.graph(
            seo.web_page(
                request, clinic, title, description, crumbs, about=about, record=record
            ),
            about,
            seo.organization(request, clinic),
            seo.breadcrumb_list(request, crumbs),
        ),
    }


class PublishedMixin(SeoMixin):
    """Public views start from `published()`, so a draft can never show.

    `section` names the list page above this one, as (title, URL name), for
    the breadcrumbs. `preview` is set only by the staff preview below: the page
    itself may then be a draft (what it links to is still published only, as
    the public would see it).
    """

    section = None
    preview = False

    def get_queryset(self):
        if self.preview:
            return self.model.objects.all()
        return self.model.objects.published()

    def get_page_title(self):
        if getattr(self, "object", None) is None:
            return self.title or self.section[0]
        return record_title(self.object)

    def get_crumbs(self):
        title, url_name = self.section
        if getattr(self, "object", None) is None:
            return [(title, None)]
        return [(title, reverse(url_name)), (record_title(self.object), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(crumbs=self.get_crumbs(), **kwargs)
        if getattr(self, "object", None) is not None:
            # What other apps add to this page ("Read more" ...), kept per
            # content version beside the record (never set on the shared
            # record itself); a preview asks afresh.
            context["page_extras"] = (
                registry.page_extras(self.object)
                if self.preview
                else memory.kept(
                    ("page_extras", self.object._meta.label, self.object.pk),
                    lambda: registry.page_extras(self.object),
                )
            )
        if self.preview:
            opts = self.object._meta
            context["preview"] = True
            context["preview_admin_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[self.object.pk],
            )
        return context


class PublishedListView(PublishedMixin, ListView):
    """A list of published records; with `paginate_by`, in pages
    (base/pagination.py)."""

    def paginate_queryset(self, queryset, page_size):
        page = page_of(self.request, queryset, page_size)
        return page.paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("page_obj") is not None:
            context.update(pagination_context(self.request, context["page_obj"]))
        return context


class PublishedDetailView(PublishedMixin, DetailView):
    """A published page. The page's record, with everything its queryset
    prefetches, is kept per content version (base/memory.py):
    until the next save the page is rendered without asking the database for
    it again. Previews always read afresh."""

    def get_object(self, queryset=None):
        if self.preview or queryset is not None:
            return super().get_object(queryset)
        key = (type(self), tuple(sorted(self.kwargs.items())))
        return memory.kept(key, super().get_object)


class ListItem(NamedTuple):
    """One link in a section's list: where it goes, its words, and optional
    text after it ("Physical Therapy: Our physical therapy team ...")."""

    url: str
    label: str
    text: str = ""


def link_items(records):
    """ListItems for tags (each links to its own page, or to the condition
    it stands for)."""
    return [ListItem(record.link_url(), record.name) for record in records]


def sections_with_lists(sections, lists):
    """The page's question-style sections (base.models.Section), each given
    the list its `list_kind` names, for includes/sections.html. `lists` maps
    a kind to (CSS class, [ListItem])."""
    found = []
    for section in sections:
        # A copy: the sections may belong to a record shared by every
        # request (base/memory.py), which must not change during one.
        section = copy.copy(section)
        section.list_class, section.list_items = lists.get(section.list_kind, ("", []))
        found.append(section)
    return found
