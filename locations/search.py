"""What site search reads of the locations app (pages/search.py ranks it)."""

from django.utils.translation import gettext_lazy as _

from base.registry import SearchDocument

from .models import Location


def documents():
    for location in Location.objects.published():
        texts = [
            location.area,
            location.locality,
            location.postal_code,
            location.street_address,
        ]
        yield SearchDocument(
            _("Location"), location.name, location.get_absolute_url(), texts, 6
        )
