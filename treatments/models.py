from django.db import models
from django.urls import reverse

from backfit.models import Content


class Treatment(Content):
    summary = models.CharField(
        max_length=250, help_text="One sentence shown in lists and search results."
    )
    description = models.TextField(
        blank=True,
        help_text="What the treatment is and how it is given. Leave a blank line "
        "between paragraphs.",
    )
    image = models.ImageField(upload_to="treatments/", blank=True)
    image_alt = models.CharField(
        "image description",
        max_length=250,
        blank=True,
        help_text="Describe the picture for people who cannot see it.",
    )

    class Meta(Content.Meta):
        pass

    def get_absolute_url(self):
        return reverse("treatments:detail", args=[self.slug])
