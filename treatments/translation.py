"""The treatment pages' texts patients read, in each language (base/translated.py)."""

from base.translated import translate

from .models import Treatment, TreatmentSection

translate(Treatment, ["name", "summary", "description", "image_alt"])
translate(
    TreatmentSection,
    ["heading", "body", "bullets", "list_intro", "body_after"],
    part_of="treatment",
)
