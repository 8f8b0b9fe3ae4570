"""Staff text that has no Spanish yet, shown on a Spanish page: marked as
English (WCAG 3.1.2, language of parts) so a screen reader says it in
English, never left blank."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html

register = template.Library()


@register.filter
def en(value):
    """`value` in a <span lang="en"> on a page in another language."""
    if value in (None, "") or translation.get_language() == settings.LANGUAGE_CODE:
        return value
    return format_html('<span lang="en">{}</span>', value)
