"""What site search reads of the team app (pages/search.py ranks it)."""

from django.utils.translation import gettext_lazy as _

from base.registry import SearchDocument, listed

from .models import Clinician, Profession


def documents():
    for profession in Profession.objects.published().with_published("treatments"):
        texts = [
            profession.name,
            profession.description,
            listed(_("Treatments"), profession.treatments.all()),
        ]
        yield SearchDocument(
            _("Our team"),
            profession.plural_name,
            profession.get_absolute_url(),
            texts,
            2,
        )
    for clinician in Clinician.objects.published().select_related("profession"):
        yield SearchDocument(
            _("Our team"),
            clinician.name,
            clinician.get_absolute_url(),
            [clinician.credentials, clinician.profession.name],
            2,
        )
