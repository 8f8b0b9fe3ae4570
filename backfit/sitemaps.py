"""sitemap.xml: every published page with the time it last changed. Drafts
never appear: every section starts from `published()`."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from backfit.models import Status
from conditions.models import BodyArea, Condition, RiskFactor, RootCause, Symptom
from locations.models import Location
from treatments.models import Treatment


class SiteSitemap(Sitemap):
    """Names DJANGO_SITE_URL's scheme and host when set, like the canonical
    links; otherwise the request's."""

    def get_protocol(self, protocol=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).netloc
        return super().get_domain(site)


class ContentSitemap(SiteSitemap):
    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated


class TagSitemap(ContentSitemap):
    """Tags, except those that stand for a condition with its own page (every
    link goes to the condition page instead)."""

    def items(self):
        return super().items().exclude(see_condition__status=Status.PUBLISHED)


class ListPagesSitemap(SiteSitemap):
    """The home page, the lists and the other fixed pages; a list changed
    when anything it lists changed."""

    pages = {
        "home": (Condition, Treatment, Location, BodyArea),
        "conditions:list": (Condition,),
        "treatments:list": (Treatment,),
        "locations:list": (Location,),
        "conditions:body_areas": (BodyArea, Condition),
        "new_patients": (),
        "appointments:request": (),
    }

    def items(self):
        return list(self.pages)

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        changed = [
            model.objects.published().aggregate(latest=Max("updated"))["latest"]
            for model in self.pages[item]
        ]
        return max((when for when in changed if when), default=None)


sitemaps = {
    "pages": ListPagesSitemap(),
    **{
        model._meta.model_name: ContentSitemap(model)
        for model in (Condition, Treatment, Location, BodyArea)
    },
    **{
        model._meta.model_name: TagSitemap(model)
        for model in (RootCause, RiskFactor, Symptom)
    },
}
