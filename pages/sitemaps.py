"""sitemap.xml: the site-wide pages, then every section the content apps
declare (base/registry.py). Past URLS_PER_SITEMAP addresses it is an index
of the sections instead, each section a sitemap of its own in pages."""

from django.contrib.sitemaps.views import SitemapIndexItem
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.template.response import TemplateResponse
from django.urls import reverse

from base import registry, seo
from base.models import ClinicSettings
from base.sitemaps import URLS_PER_SITEMAP, ListPagesSitemap, latest_change


class SitePagesSitemap(ListPagesSitemap):
    """The home page, which shows every content app's block, and the fixed
    pages of the site."""

    pages = {
        "home": (),
        "new_patients": (),
        "appointments:request": (),
        "privacy": (),
    }

    def items(self):
        # A placeholder offer is not promoted, to search engines either.
        if ClinicSettings.load().new_patient_is_placeholder:
            return [item for item in self.pages if item != "new_patients"]
        return super().items()

    def lastmod(self, item):
        if item == "home":
            return latest_change(
                *(
                    model
                    for model in registry.cache_models()
                    if hasattr(getattr(model, "objects", None), "published")
                )
            )
        return super().lastmod(item)


def sitemaps():
    return {"pages": SitePagesSitemap(), **registry.sitemaps()}


SECTION = "sitemap-section"


def sitemap_xml(request):
    """/sitemap.xml: every address while they fit in one file, else the
    index of the section sitemaps (Django's sitemap index format)."""
    sections = sitemaps()
    paginators = {name: section.paginator for name, section in sections.items()}
    if sum(paginator.count for paginator in paginators.values()) <= URLS_PER_SITEMAP:
        return sitemap_view(request, sections)
    entries = []
    for name, paginator in paginators.items():
        url = seo.absolute(request, reverse(SECTION, kwargs={"section": name}))
        entries += [
            SitemapIndexItem(url if number == 1 else f"{url}?p={number}", None)
            for number in paginator.page_range
        ]
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
    )


def section_xml(request, section):
    """One section's sitemap (`?p=` for its later pages)."""
    return sitemap_view(request, sitemaps(), section=section)
