"""sitemap.xml: the site-wide pages, then every section the content apps
declare (base/registry.py)."""

from base import registry
from base.models import ClinicSettings
from base.sitemaps import ListPagesSitemap, latest_change


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
