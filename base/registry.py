"""What each content app adds to the site: one place per app, read by the
site-wide pages and the page cache, so they name no content app themselves.

A content app's AppConfig subclasses `ContentAppConfig` and fills in what it
contributes (every attribute is optional):

    from base import registry

    class ArticlesConfig(registry.ContentAppConfig):
        name = "articles"
        sitemaps = {"articles": "articles.sitemaps.ArticleSitemap"}
        search_documents = "articles.search.documents"
        preview_views = {"article": "articles.views.ArticleDetailView"}
        home_blocks = [(50, "articles/home_block.html", "articles.views.home")]
        page_extras = {"conditions.condition": ("articles/read_more.html",
                                                "articles.views.read_more")}

(Import the module, not the class: Django takes the one AppConfig class
an apps.py holds as the app's config, and an imported class would be a
second.) Dotted paths are imported on first use, so loading the apps never imports a
view. A new content type is a new folder, its line in INSTALLED_APPS and its
URL include: nothing else changes.
"""

from contextlib import suppress
from typing import NamedTuple

from django.apps import AppConfig, apps
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string


class SearchDocument(NamedTuple):
    """One published page as site search sees it."""

    kind: str  # "Condition", "Treatment" ...: shown beside the result
    name: str
    url: str
    texts: list  # the page's text, in pieces
    rank: int  # kind order, for ties: lower first
    # Shown under the result when no text matches (what a tag page lists);
    # never searched.
    summary: str = ""


def listed(label, records):
    """One of a page's lists as search text ("Symptoms treated: Vertigo,
    Work Injury."), so the words a page lists find it; "" when it is empty."""
    names = [record.name for record in records]
    return f"{label}: {', '.join(names)}." if names else ""


class SiteAppConfig(AppConfig):
    """An app with public pages that the frame and other apps link to
    without naming it (the layering test holds them to that)."""

    #: Named links templates read as {{ links.NAME }}: {"NAME": "url name"}.
    #: A template of another layer links here through the name, and a link
    #: whose app is not installed is simply absent.
    links = {}
    #: The app's entries in the site's menus: [(order, menu, label, link
    #: name)], menu "main" (the header) or "footer".
    navigation = []
    #: Blocks of the admin's home page: [(order, template, "dotted.path")],
    #: the callable taking the request and returning the template's context,
    #: or None to leave the block out (for someone without the rights).
    #: Below ADMIN_HOME_URGENT the block stands above "Needs your attention"
    #: (patients waiting), from it on below.
    admin_home_blocks = []


#: admin_home_blocks ordered below this come before the attention lists.
ADMIN_HOME_URGENT = 50


class ContentAppConfig(SiteAppConfig):
    #: Sections of sitemap.xml: {"section": "dotted.path.SitemapClass"}.
    sitemaps = {}
    #: A callable yielding a SearchDocument per published page of the app.
    search_documents = None
    #: A callable (dotted path) taking a search's words and returning the
    #: urgent-help block (includes/urgent_help.html) for them, or None.
    urgent_help = None
    #: The public page of each model, as the staff preview shows it:
    #: {"model_name": "dotted.path.DetailView"} (looked up by slug).
    preview_views = {}
    #: Blocks of the home page: [(order, template, "dotted.path.context")],
    #: the callable taking the request and returning the template's context,
    #: or None to leave the block out.
    home_blocks = []
    #: Blocks this app adds to other apps' detail pages ("Read more"):
    #: {"app_label.model_name": (template, "dotted.path.callable")}, the
    #: callable taking the page's object and returning the template's
    #: context, or None to leave the block out. The context is kept with the
    #: page's record until the next save: give lists, not querysets.
    page_extras = {}
    #: Whether the app's records go into export_content / import_content.
    exported = True
    #: Where the app's entry stands in the admin's menu among the content
    #: (a stable sort: equal apps keep INSTALLED_APPS order).
    admin_order = 0

    def cache_models(self):
        """The models whose change makes every cached page stale: all of the
        app's, the tables behind its many-to-many links included."""
        return list(self.get_models(include_auto_created=True))


def content_apps():
    return [c for c in apps.get_app_configs() if isinstance(c, ContentAppConfig)]


def site_apps():
    return [c for c in apps.get_app_configs() if isinstance(c, SiteAppConfig)]


def links():
    """{"NAME": "/url/"} for every named link, in the active language."""
    found = {}
    for config in site_apps():
        for name, url_name in config.links.items():
            with suppress(NoReverseMatch):  # the app's URLs are not included
                found[name] = reverse(url_name)
    return found


def menu(name, request):
    """[{"label", "url", "current"}] of one menu, in order; "current" marks
    the entry whose app the page belongs to."""
    urls = links()
    app_name = getattr(getattr(request, "resolver_match", None), "app_name", None)
    entries = sorted(
        (order, str(label), link, config.label)
        for config in site_apps()
        for order, where, label, link in config.navigation
        if where == name and link in urls
    )
    return [
        {"label": label, "url": urls[link], "current": app_name == label_of_app}
        for _order, label, link, label_of_app in entries
    ]


def preview_view(app_label, model_name):
    """The public detail view of a model, or None if it has no page."""
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        return None
    path = getattr(config, "preview_views", {}).get(model_name)
    return import_string(path) if path else None


def sitemaps():
    return {
        name: import_string(path)()
        for config in content_apps()
        for name, path in config.sitemaps.items()
    }


def search_documents():
    for config in content_apps():
        if config.search_documents:
            yield from import_string(config.search_documents)()


def home_blocks(request):
    """[(template, context)] for the home page, in order."""
    blocks = sorted(
        (order, template, path)
        for config in content_apps()
        for order, template, path in config.home_blocks
    )
    found = []
    for _order, template, path in blocks:
        context = import_string(path)(request)
        if context is not None:
            found.append((template, context))
    return found


def admin_home_blocks(request):
    """{"urgent": [(template, context)], "later": [...]} for the admin's home
    page, in order, without the blocks this person may not see."""
    found = {"urgent": [], "later": []}
    blocks = sorted(
        (order, template, path)
        for config in site_apps()
        for order, template, path in config.admin_home_blocks
    )
    for order, template, path in blocks:
        context = import_string(path)(request)
        if context is not None:
            place = "urgent" if order < ADMIN_HOME_URGENT else "later"
            found[place].append((template, context))
    return found


def urgent_help(query):
    """The urgent-help block for a search that asked for it, from the app
    that declares one (conditions), or None."""
    for config in content_apps():
        if config.urgent_help:
            return import_string(config.urgent_help)(query)
    return None


def page_extras(obj):
    """[(template, context)] other apps add to `obj`'s page."""
    label = obj._meta.label_lower
    found = []
    for config in content_apps():
        if label in config.page_extras:
            template, path = config.page_extras[label]
            context = import_string(path)(obj)
            if context is not None:
                found.append((template, context))
    return found


def cache_models():
    return [model for config in content_apps() for model in config.cache_models()]


def exported_apps():
    return [config for config in content_apps() if config.exported]
