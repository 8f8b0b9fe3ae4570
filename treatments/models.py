from django.db import models

from base import images
from base.models import Content, PictureMixin, content_history


class Treatment(PictureMixin, Content):
    summary = models.CharField(
        max_length=250, help_text="One sentence shown in lists and search results."
    )
    description = models.TextField(
        blank=True,
        help_text="What the treatment is and how it is given. Leave a blank line "
        "between paragraphs.",
    )
    image = models.ImageField(
        upload_to="treatments/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
        validators=[images.validate_image_upload],
        help_text="Optional picture at the top of the page: a JPEG, PNG or WebP "
        "photo, at least 960 pixels wide, at most 10 MB. Camera details and "
        "location are removed when you save.",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        "image description",
        max_length=250,
        blank=True,
        help_text="Describe the picture for people who cannot see it. Required "
        "with a picture.",
    )

    url_name = "treatments:detail"
    history = content_history()

    class Meta(Content.Meta):
        pass
