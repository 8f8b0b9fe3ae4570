"""Who treats patients at BackFit: the professions on the team, what each
does here and the treatments each performs, and (once staff add them) the
clinicians themselves.

A profession's link to treatments is declared here, on the layer above
treatments: a treatment page reads it as `treatment.performed_by`."""

from django.db import models
from django.urls import reverse

from base.models import Content, PictureMixin, content_history, picture_fields


class TeamMember(Content):
    """Shown on the one team page, at its own anchor."""

    url_name = "team:list"

    class Meta(Content.Meta):
        abstract = True

    def get_absolute_url(self):
        return f"{reverse(self.url_name)}#{self.slug}"

    def url_for_slug(self, slug):
        return None  # an anchor on the team page: no old address to forward


class Profession(TeamMember):
    """A kind of clinician on the team: chiropractors, physical therapists ..."""

    plural_name = models.CharField(
        max_length=120,
        help_text="The heading on the team page, e.g. 'Chiropractors'. The name "
        "above ('Chiropractor') is what treatment pages list under 'Performed by'.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order on the team page."
    )
    description = models.TextField(
        "what they do here",
        blank=True,
        help_text="What this profession does at BackFit, in plain words. Leave a "
        "blank line between paragraphs.",
    )
    treatments = models.ManyToManyField(
        "treatments.Treatment",
        blank=True,
        related_name="performed_by",
        help_text="Treatments whose page lists this profession under 'Performed by'.",
    )

    history = content_history(m2m_fields=["treatments"])

    class Meta(Content.Meta):
        ordering = ["position", "name"]


class Clinician(PictureMixin, TeamMember):
    """One person on the team, shown on the team page under their profession
    once published. None ship with the site: staff add the real ones."""

    credentials = models.CharField(
        max_length=120,
        blank=True,
        help_text="Letters after the name, e.g. 'DC' or 'DPT'.",
    )
    profession = models.ForeignKey(
        Profession,
        on_delete=models.PROTECT,
        related_name="clinicians",
        help_text="Shown under this profession on the team page.",
    )
    clinics = models.ManyToManyField(
        "locations.Location",
        blank=True,
        related_name="clinicians",
        help_text="The clinics where this person sees patients.",
    )
    photo, photo_width, photo_height, photo_alt = picture_fields(
        "photo",
        "team/",
        "Optional portrait: a JPEG, PNG or WebP photo, at least 480 pixels wide, at "
        "most 10 MB. Camera details and location are removed when you save.",
        "photo description",
        "Describe the photo for people who cannot see it. Required with a photo.",
    )

    picture_field = "photo"
    picture_alt_field = "photo_alt"
    history = content_history(m2m_fields=["clinics"])

    class Meta(Content.Meta):
        pass
