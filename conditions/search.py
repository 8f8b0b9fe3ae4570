"""What site search reads of the conditions app (pages/search.py ranks it)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from base.registry import SearchDocument, listed
from treatments.models import Treatment

from .models import BodyArea, Condition, RiskFactor, RootCause, Symptom
from .views import TAG_LISTS, published_treatment_links

# The lists a condition page shows, searched as part of its text.
LISTS = [
    ("root_causes", _("Root Causes")),
    ("risk_factors", _("Risk Factors")),
    ("symptoms", _("Symptoms")),
    ("body_areas", _("Where you may feel it")),
]


def documents():
    conditions = (
        Condition.objects.published()
        .with_published(*TAG_LISTS, "body_areas")
        .prefetch_related("sections", published_treatment_links())
    )
    for condition in conditions:
        texts = [condition.definition, condition.self_care_tip]
        # What the page lists counts as its text: "numbness" finds Sciatica.
        texts += [
            listed(label, getattr(condition, name).all()) for name, label in LISTS
        ]
        for link in condition.condition_treatments.all():
            texts.append(
                f"{link.display_label}: {link.text}"
                if link.text
                else link.display_label
            )
        for section in condition.sections.all():
            texts += section.texts
        yield SearchDocument(
            _("Condition"), condition.name, condition.get_absolute_url(), texts, 0
        )
    # What a tag or body area's page lists is its summary: every result gets
    # a snippet, even a tag with no description, yet "spasm" does not find
    # every tag Back + Muscle Spasms lists.
    published = Prefetch("conditions", Condition.objects.published().order_by("name"))
    for area in BodyArea.objects.published().prefetch_related(published):
        yield SearchDocument(
            _("Where it hurts"),
            area.name,
            area.get_absolute_url(),
            [],
            2,
            listed(_("Conditions"), area.conditions.all()),
        )
    for rank, (kind, model) in enumerate(
        (
            (_("Root cause"), RootCause),
            (_("Risk factor"), RiskFactor),
            (_("Symptom"), Symptom),
        ),
        start=3,
    ):
        tags = model.objects.published().select_related("see_condition")
        tags = tags.prefetch_related(published)
        if model is Symptom:
            tags = tags.prefetch_related(
                Prefetch(
                    "treatments",
                    Treatment.objects.published().order_by("name"),
                )
            )
        for tag in tags:
            summary = [listed(_("Conditions"), tag.conditions.all())]
            if model is Symptom:
                summary.append(listed(_("Treatments"), tag.treatments.all()))
            yield SearchDocument(
                kind,
                tag.name,
                tag.link_url(),
                [tag.description],
                rank,
                " ".join(s for s in summary if s),
            )
