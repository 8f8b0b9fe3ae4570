from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The site-wide pages: home, search, sitemap, staff preview, robots.txt,
    security.txt, uploads and the error pages. They know no content app by
    name: each content app declares what it adds (base/registry.py)."""

    name = "pages"
