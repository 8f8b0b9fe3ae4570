"""The condition pages' texts patients read, in each language
(base/translated.py). Slugs, positions and links are the same in both."""

from base.translated import translate

from .models import (
    BodyArea,
    Condition,
    ConditionSection,
    ConditionTreatment,
    RiskFactor,
    RootCause,
    Symptom,
    UrgentHelp,
)

SECTION_FIELDS = ["heading", "body", "bullets", "list_intro", "body_after"]

translate(BodyArea, ["name"])
for tag in (RootCause, Symptom, RiskFactor):
    translate(tag, ["name", "description"])
translate(
    Condition,
    [
        "name",
        "definition",
        "hero_alt",
        "self_care_tip",
        "statistic",
        "statistic_source",
        "meta_description",
    ],
)
translate(ConditionSection, SECTION_FIELDS, part_of="condition")
translate(ConditionTreatment, ["label", "text"], part_of="condition")
translate(
    UrgentHelp,
    ["name", "emergency_lead", "emergency", "urgent_lead", "urgent", "source"],
)
