"""The health library's texts, in each language (base/translated.py)."""

from base.translated import translate

from .models import Article

translate(Article, ["name", "summary", "body"])
