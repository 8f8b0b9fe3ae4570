from base import registry


class LocationsConfig(registry.ContentAppConfig):
    name = "locations"
    sitemaps = {
        "locations": "locations.sitemaps.LocationListSitemap",
        "location": "locations.sitemaps.LocationSitemap",
    }
    search_documents = "locations.search.documents"
    preview_views = {"location": "locations.views.LocationDetailView"}
    home_blocks = [(40, "locations/home_block.html", "locations.views.home_locations")]
