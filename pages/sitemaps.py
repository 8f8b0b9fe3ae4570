"""sitemap.xml: the site-wide pages, then every section the content apps
declare (base/registry.py)."""

from base import registry
from base.sitemaps import ListPagesSitemap, latest_change


class SitePagesSitemap(ListPagesSitemap):
    """The home page, which shows every content app's block, and the fixed
    pages of the site."""

    pages = {"home": (), "new_patients": (), "appointments:request": ()}

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
