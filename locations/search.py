"""What site search reads of the locations app (pages/search.py ranks it)."""

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
            "Location", location.name, location.get_absolute_url(), texts, 6
        )
