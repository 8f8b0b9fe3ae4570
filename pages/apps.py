from django.utils.translation import gettext_lazy as _

from base import registry


class PagesConfig(registry.SiteAppConfig):
    """The site-wide pages: home, search, sitemap, staff preview, robots.txt,
    security.txt, uploads and the error pages. They know no content app by
    name: each content app declares what it adds (base/registry.py)."""

    name = "pages"
    links = {
        "home": "home",
        "search": "search",
        "privacy": "privacy",
        "new_patients": "new_patients",
    }
    navigation = [(90, "footer", _("Privacy"), "privacy")]
