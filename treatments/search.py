"""What site search reads of the treatments app (pages/search.py ranks it)."""

from base.registry import SearchDocument

from .models import Treatment


def documents():
    for treatment in Treatment.objects.published():
        texts = [treatment.summary, treatment.description]
        yield SearchDocument(
            "Treatment", treatment.name, treatment.get_absolute_url(), texts, 1
        )
