"""The health library: articles in plain words, each linked to the
conditions and treatments it is about (whose pages show it under "Read
more"). The links are declared here, on the layer above conditions and
treatments, so neither of them knows this app exists."""

from django.db import models
from django.utils import timezone

from base.models import Content, content_history


class Article(Content):
    summary = models.CharField(
        max_length=250,
        help_text="One or two plain sentences shown under the title, in the "
        "library's list, in search results and under 'Read more'.",
    )
    body = models.TextField(
        help_text="The article. Leave a blank line between paragraphs.",
    )
    published_date = models.DateField(
        default=timezone.localdate,
        help_text="The date shown on the article as when it was published.",
    )
    conditions = models.ManyToManyField(
        "conditions.Condition",
        blank=True,
        related_name="articles",
        help_text="Condition pages that show this article under 'Read more'.",
    )
    treatments = models.ManyToManyField(
        "treatments.Treatment",
        blank=True,
        related_name="articles",
        help_text="Treatment pages that show this article under 'Read more'.",
    )

    url_name = "articles:detail"
    history = content_history(m2m_fields=["conditions", "treatments"])

    class Meta(Content.Meta):
        ordering = ["-published_date", "name"]
        # The library's pages, its home-page block and "Read more" walk the
        # published articles newest first: this index hands them a page
        # without sorting (or counting through) every article.
        indexes = [
            models.Index(
                fields=["status", "-published_date", "name"],
                name="article_library_order",
            )
        ]
