from base.sitemaps import ContentSitemap, ListPagesSitemap

from .models import Treatment


class TreatmentSitemap(ContentSitemap):
    model = Treatment


class TreatmentListSitemap(ListPagesSitemap):
    pages = {"treatments:list": (Treatment,)}
