"""Treatments, in the shape of the clinic's own treatment pages: a one-line
definition, the symptoms treated, who performs it, complementary treatments
and question-style sections.

"Symptoms treated" and "Performed by" are declared by the apps above this
one (conditions' Symptom, team's Profession) and read here as reverse
relations, so this app imports neither."""

from django.db import models
from simple_history.models import HistoricalRecords

from base.models import (
    Content,
    ContentManager,
    ContentQuerySet,
    PictureMixin,
    Section,
    content_history,
    picture_fields,
)

# A treatment page with fewer words of its own than this is "not written up
# yet": it shows its lists and the appointment block, and search engines are
# asked not to index it (and the sitemap leaves it out) until staff write it.
WRITTEN_UP_WORDS = 120


class TreatmentQuerySet(ContentQuerySet):
    def written_up(self):
        """The published treatments search engines may index (in Python: a
        word count; there are tens of treatments)."""
        return [
            treatment
            for treatment in self.published().prefetch_related("sections")
            if not treatment.is_thin
        ]


class TreatmentManager(ContentManager.from_queryset(TreatmentQuerySet)):
    pass


class Treatment(PictureMixin, Content):
    summary = models.CharField(
        "definition",
        max_length=250,
        blank=True,
        help_text="One plain sentence saying what the treatment is, shown under "
        "the title, in lists and in search results. Leave empty rather than "
        "write something general: the page then shows only its lists.",
    )
    description = models.TextField(
        "about",
        blank=True,
        help_text="Optional opening text under 'About'. Longer text goes into the "
        "question-style sections below. Leave a blank line between paragraphs.",
    )
    image, image_width, image_height, image_alt = picture_fields(
        "image",
        "treatments/",
        "Optional picture at the top of the page: a JPEG, PNG or WebP photo, at "
        "least 960 pixels wide, at most 10 MB. Camera details and location are "
        "removed when you save.",
        "image description",
        "Describe the picture for people who cannot see it. Required with a picture.",
    )
    complementary = models.ManyToManyField(
        "self",
        blank=True,
        help_text="Treatments that go well with this one. A link shows on both "
        "treatments' pages.",
    )

    url_name = "treatments:detail"
    history = content_history(m2m_fields=["complementary"])

    objects = TreatmentManager()

    class Meta(Content.Meta):
        pass

    @property
    def word_count(self):
        """Words of the page's own writing: definition, about, sections."""
        texts = [self.summary, self.description]
        for section in self.sections.all():
            texts += section.texts
        return sum(len(text.split()) for text in texts)

    @property
    def is_thin(self):
        """Nothing much is written yet: lists only, kept out of search engines."""
        return self.word_count < WRITTEN_UP_WORDS


class TreatmentSection(Section):
    """A question-style section of a treatment page ("What is physical
    therapy?"), edited inline exactly like a condition's sections."""

    class ListKind(models.TextChoices):
        NONE = "", "No list"
        SYMPTOMS = "symptoms", "The symptoms this treatment treats"

    page_field = "treatment"

    treatment = models.ForeignKey(
        Treatment, on_delete=models.CASCADE, related_name="sections"
    )
    list_kind = models.CharField(
        "list shown after the text",
        max_length=12,
        choices=ListKind.choices,
        blank=True,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["treatment", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["treatment", "slug"], name="unique_treatment_section_slug"
            )
        ]

    def natural_key(self):
        return super().natural_key()

    natural_key.dependencies = ["treatments.treatment"]
