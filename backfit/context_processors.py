from django.utils.functional import SimpleLazyObject

from .models import ClinicSettings


def clinic(request):
    """The clinic's name and appointment line, for every template."""
    return {"clinic": SimpleLazyObject(ClinicSettings.load)}
