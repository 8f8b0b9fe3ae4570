from django.utils.functional import SimpleLazyObject

from . import seo
from .models import ClinicSettings


def clinic(request):
    """The clinic's name and appointment line, for every template."""
    return {"clinic": SimpleLazyObject(lambda: ClinicSettings.for_request(request))}


def canonical(request):
    """The page's own absolute address, without query string."""
    return {"canonical_url": seo.absolute(request, request.path)}
