from base.sitemaps import ContentSitemap, ListPagesSitemap

from .models import Location


class LocationSitemap(ContentSitemap):
    model = Location


class LocationListSitemap(ListPagesSitemap):
    pages = {"locations:list": (Location,)}
