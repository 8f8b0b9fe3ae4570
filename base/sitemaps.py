"""sitemap.xml sections: the building blocks each content app uses for its
own (see its apps.py). Drafts never appear: every section starts from
`published()`."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

# At most this many addresses in one sitemap file: past it, /sitemap.xml
# becomes an index of the sections, each in pages of this many
# (pages/sitemaps.py), so no one file grows with the content.
URLS_PER_SITEMAP = 1000


class SiteSitemap(Sitemap):
    """Names DJANGO_SITE_URL's scheme and host when set, like the canonical
    links; otherwise the request's. Every page is listed in each language
    (English, then Spanish under /es/), each with its alternates and the
    English one as x-default."""

    i18n = True
    alternates = True
    x_default = True

    limit = URLS_PER_SITEMAP

    def get_protocol(self, protocol=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).netloc
        return super().get_domain(site)


class ContentSitemap(SiteSitemap):
    """Every published record of `model`."""

    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated


def latest_change(*models):
    """When any published record of `models` last changed, or None."""
    changed = [
        model.objects.published().aggregate(latest=Max("updated"))["latest"]
        for model in models
    ]
    return max((when for when in changed if when), default=None)


class ListPagesSitemap(SiteSitemap):
    """Fixed pages by URL name, each with the models it lists: a list page
    changed when anything it lists changed."""

    pages = {}

    def items(self):
        return list(self.pages)

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return latest_change(*self.pages[item])
