"""What site search reads of the team app (pages/search.py ranks it)."""

from base.registry import SearchDocument

from .models import Clinician, Profession


def documents():
    for profession in Profession.objects.published().with_published("treatments"):
        treatments = [treatment.name for treatment in profession.treatments.all()]
        texts = [profession.name, profession.description]
        if treatments:
            texts.append(f"Performs: {', '.join(treatments)}.")
        yield SearchDocument(
            "Our team", profession.plural_name, profession.get_absolute_url(), texts, 2
        )
    for clinician in Clinician.objects.published().select_related("profession"):
        yield SearchDocument(
            "Our team",
            clinician.name,
            clinician.get_absolute_url(),
            [clinician.credentials, clinician.profession.name],
            2,
        )
