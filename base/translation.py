"""The clinic settings' texts patients read, in each language (base/translated.py)."""

from .clinic import ClinicSettings
from .translated import translate

translate(
    ClinicSettings,
    [
        "contact_heading",
        "contact_lead",
        "tagline",
        "more_about_heading",
        "more_about_text",
        "new_patient_heading",
        "new_patient_text",
        "privacy_heading",
        "privacy_text",
        "privacy_clinic_text",
    ],
)
