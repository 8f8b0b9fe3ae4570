from django.utils.functional import SimpleLazyObject

from . import registry, seo
from .models import ClinicSettings


def clinic(request):
    """The clinic's name and appointment line, for every template."""
    return {"clinic": SimpleLazyObject(lambda: ClinicSettings.for_request(request))}


def canonical(request):
    """The page's own absolute address, without query string."""
    return {"canonical_url": seo.absolute(request, request.path)}


def navigation(request):
    """The named links ({{ links.call_back }}) and the menus ({{ menus.main }})
    the apps declare (base.registry.SiteAppConfig), so the frame and the
    site-wide pages name no content app."""
    return {
        "links": SimpleLazyObject(registry.links),
        "menus": SimpleLazyObject(
            lambda: {name: registry.menu(name, request) for name in ("main", "footer")}
        ),
    }
