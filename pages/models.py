"""What staff teach site search (synonyms, promoted pages) and what it
counts (searches per day, words only)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The language a synonym or promotion is for. Search is English today; a
# Spanish search reads the rows marked "es" (issue: Spanish search).
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]


class WordsManager(models.Manager):
    def get_by_natural_key(self, language, words):
        return self.get(language=language, words=words)


class Synonym(models.Model):
    """Patients' words for the clinic's: a search for "cramp" also finds
    what "spasm" finds."""

    words = models.CharField(
        _("when patients search for"),
        max_length=100,
        help_text=_("A word or a few words, as patients type them: “cramp”."),
    )
    means = models.CharField(
        _("also search for"),
        max_length=100,
        help_text=_(
            "The words the site itself uses for it: “spasm”. Check that a "
            "search for these finds the page you mean."
        ),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=LANGUAGES, default="en"
    )
    history = HistoricalRecords()
    objects = WordsManager()

    class Meta:
        ordering = ["language", "words"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "words"], name="unique_synonym_words"
            )
        ]

    def __str__(self):
        return f"{self.words} → {self.means}"

    def natural_key(self):
        return (self.language, self.words)


class Promotion(models.Model):
    """ "Show this page first for these words", as Wagtail's search
    promotions do."""

    words = models.CharField(
        _("when patients search for"),
        max_length=100,
        help_text=_("The search, as patients type it: “can't pee”."),
    )
    url = models.CharField(
        _("show this page first"),
        max_length=200,
        help_text=_("One of the site's published pages."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=LANGUAGES, default="en"
    )
    history = HistoricalRecords()
    objects = WordsManager()

    class Meta:
        ordering = ["language", "words"]
        verbose_name = _("promoted search result")
        verbose_name_plural = _("promoted search results")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "words"], name="unique_promotion_words"
            )
        ]

    def __str__(self):
        return f"{self.words} → {self.url}"

    def natural_key(self):
        return (self.language, self.words)


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
