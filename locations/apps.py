from django.utils.translation import gettext_lazy as _

from base import registry


class LocationsConfig(registry.ContentAppConfig):
    name = "locations"
    links = {"locations": "locations:list"}
    navigation = [
        (30, "main", _("Locations"), "locations"),
        (40, "footer", _("Locations"), "locations"),
    ]
    sitemaps = {
        "locations": "locations.sitemaps.LocationListSitemap",
        "location": "locations.sitemaps.LocationSitemap",
    }
    search_documents = "locations.search.documents"
    preview_views = {"location": "locations.views.LocationDetailView"}
    home_blocks = [(40, "locations/home_block.html", "locations.views.home_locations")]
