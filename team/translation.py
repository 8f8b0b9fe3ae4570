"""The team page's texts, in each language (base/translated.py). People's
names and credentials are the same in both."""

from base.translated import translate

from .models import Clinician, Profession

translate(Profession, ["name", "plural_name", "description"])
translate(Clinician, ["photo_alt"])
