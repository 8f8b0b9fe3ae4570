"""What staff teach site search (synonyms, promoted pages) and what it
counts (searches per day, words only)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The language a synonym or promotion is for: a search on the Spanish pages
# (/es/search/) reads only the rows marked "es", an English one only "en".
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]


class WordsManager(models.Manager):
    def get_by_natural_key(self, language, words):
        return self.get(language=language, words=words)


def words_field(help_text):
    """The words patients type, with the example each kind gives staff."""
    return models.CharField(
        _("when patients search for"), max_length=100, help_text=help_text
    )


class Taught(models.Model):
    """What staff teach search about some words in one language: a synonym
    or a promoted page. One row per language and words; found by them in
    fixtures (the seed ledger). History is added to each concrete model."""

    language = models.CharField(
        _("language"), max_length=8, choices=LANGUAGES, default="en"
    )
    objects = WordsManager()

    class Meta:
        abstract = True
        ordering = ["language", "words"]

    def natural_key(self):
        return (self.language, self.words)


class Synonym(Taught):
    """Patients' words for the clinic's: a search for "cramp" also finds
    what "spasm" finds."""

    words = words_field(_("A word or a few words, as patients type them: “cramp”."))
    means = models.CharField(
        _("also search for"),
        max_length=100,
        help_text=_(
            "The words the site itself uses for it: “spasm”. Check that a "
            "search for these finds the page you mean."
        ),
    )
    history = HistoricalRecords()

    class Meta(Taught.Meta):
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "words"], name="unique_synonym_words"
            )
        ]

    def __str__(self):
        return f"{self.words} → {self.means}"


class Promotion(Taught):
    """ "Show this page first for these words", as Wagtail's search
    promotions do."""

    words = words_field(_("The search, as patients type it: “can't pee”."))
    url = models.CharField(
        _("show this page first"),
        max_length=200,
        help_text=_("One of the site's published pages."),
    )
    history = HistoricalRecords()

    class Meta(Taught.Meta):
        verbose_name = _("promoted search result")
        verbose_name_plural = _("promoted search results")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "words"], name="unique_promotion_words"
            )
        ]

    def __str__(self):
        return f"{self.words} → {self.url}"


class SearchCount(models.Model):
    """How many searches for the same words there were in a day, and how many
    pages the last of them found. Words only: nothing about who searched (no
    address, session, cookie, browser or user). Deleted after
    SEARCH_COUNT_RETENTION_DAYS (pages/searchlog.py)."""

    day = models.DateField()
    words = models.CharField(max_length=100)
    language = models.CharField(max_length=8, default="en")
    count = models.PositiveIntegerField(default=0)
    results = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "-count"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language", "words"], name="unique_search_count"
            )
        ]
        indexes = [models.Index(fields=["day"], name="search_count_day")]

    def __str__(self):
        return f"{self.day}: {self.words} ({self.count})"
