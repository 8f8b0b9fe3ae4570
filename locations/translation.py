"""A clinic's text patients read, in each language (base/translated.py).
Its name, address and hours are the same in both."""

from base.translated import translate

from .models import Location

translate(Location, ["area"])
