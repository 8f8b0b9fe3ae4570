"""What site search reads of the health library (pages/search.py ranks it)."""

from django.utils.translation import gettext_lazy as _

from base.registry import SearchDocument

from .models import Article


def documents():
    for article in Article.objects.published():
        yield SearchDocument(
            _("Article"),
            article.name,
            article.get_absolute_url(),
            [article.summary, article.body],
            2,
        )
