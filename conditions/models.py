"""Conditions and the tags a condition page lists: root causes, risk factors,
symptoms and body areas. A model per thing the page shows, so the template is a
plain walk down the page."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from base.models import (
    Content,
    PictureMixin,
    Section,
    Status,
    content_history,
    picture_fields,
)
from base.translated import lines

from .lists import list_link


class BodyArea(Content):
    """Where it hurts: neck, upper back, lower back, chest ..."""

    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the 'Where does it hurt?' list, head to toe."
    )

    history = content_history()

    url_name = "conditions:body_area"

    class Meta(Content.Meta):
        ordering = ["position", "name"]


class Tag(Content):
    """A root cause or risk factor. Where the tag is itself a condition with its
    own page (Muscle Spasms as a cause of Neck Pain), `see_condition` points there."""

    description = models.TextField(
        blank=True, help_text="Optional short explanation shown on the tag's page."
    )
    see_condition = models.ForeignKey(
        "conditions.Condition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="If this is itself a condition with its own page, choose it here "
        "and links will go straight to that page.",
    )

    class Meta(Content.Meta):
        abstract = True

    @property
    def is_thin(self):
        """A page with nothing of its own: no description and at most one
        published condition. Kept out of search engines and the sitemap
        (THIN_TAGS is the same rule as a query). Reads `conditions.all()`,
        so prefetch the published ones."""
        return not self.description.strip() and len(self.conditions.all()) <= 1

    def link_url(self):
        """Where a link to this tag goes: the condition page if it is one."""
        condition = self.see_condition
        if condition is not None and condition.is_published:
            return condition.get_absolute_url()
        return self.get_absolute_url()


def with_condition_count(queryset):
    """Tags with `published_conditions`, the number of published conditions
    listing them."""
    counted = queryset.annotate(
        published_conditions=models.Count(
            "conditions",
            filter=models.Q(conditions__status=Status.PUBLISHED),
            distinct=True,
        )
    )
    # A grouped query has no default order (PostgreSQL returns any).
    if queryset.query.order_by:
        return counted
    return counted.order_by(*queryset.model._meta.ordering)


# Tag.is_thin as a filter, on a queryset from with_condition_count().
THIN_TAGS = models.Q(description="") & models.Q(published_conditions__lte=1)


class RootCause(Tag):
    """Something that can bring a condition on."""

    url_name = "conditions:root_cause"
    history = content_history()

    class Meta(Tag.Meta):
        pass


class Symptom(Tag):
    """Something a patient may see or feel, such as skin redness or swelling.

    One record per symptom, whoever lists it: a condition page ("Symptoms")
    and a treatment page ("Symptoms treated") link the same record. The link
    to treatments is declared here, on the layer above treatments; the
    treatment page reads it as `treatment.symptoms`."""

    treatments = models.ManyToManyField(
        "treatments.Treatment",
        blank=True,
        related_name="symptoms",
        help_text="Treatments whose page lists this under 'Symptoms treated'.",
    )

    url_name = "conditions:symptom"
    history = content_history(m2m_fields=["treatments"])

    class Meta(Tag.Meta):
        pass


class RiskFactor(Tag):
    """Something that makes a condition more likely."""

    url_name = "conditions:risk_factor"
    history = content_history()

    class Meta(Tag.Meta):
        pass


class Condition(PictureMixin, Content):
    definition = models.TextField(
        blank=True,
        help_text="One or two sentences shown under the title, in plain words.",
    )
    hero_image, hero_width, hero_height, hero_alt = picture_fields(
        "hero_image",
        "conditions/",
        "Large picture at the top of the page: a JPEG, PNG or WebP photo, at least "
        "1440 pixels wide for sharp results, at most 10 MB. Camera details and "
        "location are removed when you save. Leave empty to show the clinic's "
        "illustration.",
        "hero image description",
        "Describe the picture for people who cannot see it, e.g. 'Clinician "
        "stretching a patient's lower back'. Required with a picture.",
        size_prefix="hero",
    )
    self_care_tip = models.TextField(
        blank=True, help_text="A short self-care tip patients can try today."
    )
    statistic = models.CharField(
        max_length=250,
        blank=True,
        help_text="A headline figure, worded as the source gives it.",
    )
    statistic_source = models.CharField(
        max_length=120, blank=True, help_text="Who published the figure, e.g. ACA."
    )
    meta_description = models.CharField(
        max_length=160,
        blank=True,
        help_text="Summary shown by search engines. Leave empty to use the definition.",
    )
    # The four lists the page shows, each in the order staff give it (a
    # through model with a position, edited as a sortable inline).
    root_causes = models.ManyToManyField(
        RootCause, through="ConditionRootCause", blank=True, related_name="conditions"
    )
    risk_factors = models.ManyToManyField(
        RiskFactor,
        through="ConditionRiskFactor",
        blank=True,
        related_name="conditions",
    )
    symptoms = models.ManyToManyField(
        Symptom, through="ConditionSymptom", blank=True, related_name="conditions"
    )
    body_areas = models.ManyToManyField(
        BodyArea, through="ConditionBodyArea", blank=True, related_name="conditions"
    )
    treatments = models.ManyToManyField(
        "treatments.Treatment",
        through="ConditionTreatment",
        blank=True,
        related_name="conditions",
    )

    history = content_history()

    url_name = "conditions:detail"
    picture_field = "hero_image"
    picture_alt_field = "hero_alt"

    class Meta(Content.Meta):
        pass

    @property
    def description(self):
        """Staff's words for the page, or "" while none are written: a
        sentence made from the name would promise what the page does not
        say (the page then has the site's own description, and none in
        its structured data)."""
        return self.meta_description or self.definition


class ConditionSection(Section):
    """A question-style section of a condition page ("What are ...?").

    A section may show one of the condition's lists in the middle of its text:
    the symptoms, or the treatments with the words this condition gives them.
    """

    class ListKind(models.TextChoices):
        NONE = "", "No list"
        SYMPTOMS = "symptoms", "The condition's symptoms"
        TREATMENTS = "treatments", "The condition's treatments, with their text"

    page_field = "condition"

    condition = models.ForeignKey(
        Condition, on_delete=models.CASCADE, related_name="sections"
    )
    list_kind = models.CharField(
        "list shown after the text",
        max_length=12,
        choices=ListKind.choices,
        blank=True,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["condition", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "slug"], name="unique_section_slug"
            )
        ]

    def natural_key(self):
        return super().natural_key()

    natural_key.dependencies = ["conditions.condition"]


class ConditionTreatmentManager(models.Manager):
    def get_by_natural_key(self, condition_slug, treatment_slug):
        return self.get(condition__slug=condition_slug, treatment__slug=treatment_slug)


class ConditionTreatment(models.Model):
    """How one treatment helps one condition, in the condition page's words."""

    condition = models.ForeignKey(
        Condition, on_delete=models.CASCADE, related_name="condition_treatments"
    )
    treatment = models.ForeignKey(
        "treatments.Treatment",
        on_delete=models.CASCADE,
        related_name="condition_treatments",
    )
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(
        max_length=120,
        blank=True,
        help_text="Name shown in the condition's treatment list, if different from "
        "the treatment's own name (e.g. 'Chiropractic Care').",
    )
    text = models.TextField(
        blank=True,
        help_text="How this treatment helps with this condition. Treatments with "
        "text here are described on the condition page.",
    )

    objects = ConditionTreatmentManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["condition", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "treatment"], name="unique_condition_treatment"
            )
        ]

    def __str__(self):
        return f"{self.treatment} for {self.condition}"

    def get_absolute_url(self):
        return self.treatment.get_absolute_url()

    def natural_key(self):
        return (*self.condition.natural_key(), *self.treatment.natural_key())

    natural_key.dependencies = ["conditions.condition", "treatments.treatment"]

    @property
    def display_label(self):
        return self.label or self.treatment.name


ConditionRootCause = list_link(
    Condition,
    "ConditionRootCause",
    RootCause,
    "root_cause",
    "rootcause_id",
    "root_cause_links",
    _("root cause"),
    (_("root causes"), "root_causes"),
)
ConditionRiskFactor = list_link(
    Condition,
    "ConditionRiskFactor",
    RiskFactor,
    "risk_factor",
    "riskfactor_id",
    "risk_factor_links",
    _("risk factor"),
    (_("risk factors"), "risk_factors"),
)
ConditionSymptom = list_link(
    Condition,
    "ConditionSymptom",
    Symptom,
    "symptom",
    "symptom_id",
    "symptom_links",
    _("symptom"),
    (_("symptoms"), "symptoms"),
)
ConditionBodyArea = list_link(
    Condition,
    "ConditionBodyArea",
    BodyArea,
    "body_area",
    "bodyarea_id",
    "body_area_links",
    _("body area"),
    (_("body areas"), "body_areas"),
)


class UrgentHelp(Content):
    """When to get help now: public safety guidance shown on condition pages
    (and at the top of body-area pages) as two callouts, "Call 911 ..." and
    "See a doctor today ...", each with its source. One record may serve
    several conditions (back pain, spasms and sciatica share theirs).

    Ships only what the clinic's facts file says (fixtures/45-urgent-help.json);
    staff edit it here, with history."""

    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Order on a page showing several: the most urgent first."),
    )
    emergency_lead = models.CharField(
        _("emergency: first line"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown before the list in the red “Emergency” box, e.g. “Call 911 or "
            "go to the emergency room if back pain comes with any of these:”."
        ),
    )
    emergency = models.TextField(
        _("emergency: signs"),
        blank=True,
        help_text=_(
            "One sign per line, each short and in plain words. Only what your "
            "source says."
        ),
    )
    urgent_lead = models.CharField(
        _("urgent: first line"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown before the list in the “Urgent” box, e.g. “See a doctor "
            "today if back pain comes with any of these:”."
        ),
    )
    urgent = models.TextField(
        _("urgent: signs"),
        blank=True,
        help_text=_("One sign per line. Only what your source says."),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        help_text=_(
            "Who published this guidance, shown under each box, e.g. "
            "“NHS, “Back pain” and “Sciatica” pages”. Required."
        ),
    )
    conditions = models.ManyToManyField(
        Condition,
        blank=True,
        related_name="urgent_help",
        verbose_name=_("conditions"),
        help_text=_("Condition pages that show this guidance. Type to find one."),
    )
    body_areas = models.ManyToManyField(
        BodyArea,
        blank=True,
        related_name="urgent_help",
        verbose_name=_("body areas"),
        help_text=_(
            "Areas of “Where does it hurt?” whose page opens with this guidance, "
            "before any condition; every condition listed there shows it too."
        ),
    )

    history = content_history(m2m_fields=["conditions", "body_areas"])

    class Meta(Content.Meta):
        ordering = ["position", "name"]
        verbose_name = _("urgent-help guidance")
        verbose_name_plural = _("urgent-help guidance")

    def get_absolute_url(self):
        return f"{reverse('conditions:urgent_help')}#{self.slug}"

    def clean(self):
        super().clean()
        if not (self.emergency.strip() or self.urgent.strip()):
            raise ValidationError(
                _("Add at least one sign, under emergency or under urgent.")
            )
        for lead, signs in (("emergency_lead", "emergency"), ("urgent_lead", "urgent")):
            if getattr(self, signs).strip() and not getattr(self, lead).strip():
                raise ValidationError(
                    {lead: _("Add the first line shown before these signs.")}
                )

    @property
    def emergency_signs(self):
        return lines(self.emergency)

    @property
    def urgent_signs(self):
        return lines(self.urgent)
