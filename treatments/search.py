"""What site search reads of the treatments app (pages/search.py ranks it)."""

from django.utils.translation import gettext_lazy as _

from base.registry import SearchDocument, listed

from .models import Treatment


def documents():
    treatments = (
        Treatment.objects.published()
        .with_published("symptoms", "performed_by")
        .prefetch_related("sections", "conditions", "complementary")
    )
    for treatment in treatments:
        texts = [treatment.summary, treatment.description]
        # What the page lists counts as its text: "vertigo" finds it.
        texts += [
            listed(_("Symptoms Treated"), treatment.symptoms.all()),
            listed(_("Performed By"), treatment.performed_by.all()),
        ]
        for section in treatment.sections.all():
            texts += section.texts
        # Shown when nothing else is (a treatment not yet written up).
        summary = " ".join(
            text
            for text in (
                listed(
                    _("Conditions it helps"),
                    sorted(
                        (c for c in treatment.conditions.all() if c.is_published),
                        key=lambda c: c.name,
                    ),
                ),
                listed(
                    _("Complementary Treatments"),
                    [t for t in treatment.complementary.all() if t.is_published],
                ),
            )
            if text
        )
        yield SearchDocument(
            _("Treatment"),
            treatment.name,
            treatment.get_absolute_url(),
            texts,
            1,
            summary,
        )
