from django.utils.translation import gettext_lazy as _

from base import registry


class PagesConfig(registry.ContentAppConfig):
    """The site-wide pages: home, search, sitemap, staff preview, robots.txt,
    security.txt, uploads and the error pages. They know no content app by
    name: each content app declares what it adds (base/registry.py).

    What staff teach search (synonyms, promoted pages) is content: saving it
    makes every cached page stale, so the next search uses it. The search
    counts are not: counting a search never empties the page cache."""

    name = "pages"
    verbose_name = _("Site search")
    admin_home_blocks = [(60, "pages/search_counts.html", "pages.searchlog.admin_home")]
    admin_order = 90  # after the pages themselves in the admin's menu
    exported = False  # synonyms and promotions ship through fixtures/80-search.json

    def cache_models(self):
        from .models import Promotion, Synonym

        return [Synonym, Promotion]

    links = {
        "home": "home",
        "search": "search",
        "privacy": "privacy",
        "new_patients": "new_patients",
    }
    navigation = [(90, "footer", _("Privacy"), "privacy")]
