"""Staff text on a page in another language (base/translated.py): a field
with its translation shows it; a field without shows the English, marked as
English (WCAG 3.1.2, language of parts) so a screen reader says it in
English, never left blank; and the page then says, once, at the top, that
parts of it are in English.

    {{ condition.name|en }}            the text, in <span lang="en"> if English
    <div{{ article.body|lang_en }}>    lang="en" on an element holding it
    {{ section.body|paragraphs }}      linebreaks, each <p lang="en"> if English
    {% marking_english %}...{% endmarking_english %}
                                       the page (base.html): notes what fell
                                       back, and puts the line where
    {% untranslated_note %}            stands, when anything did
"""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from base.translated import English, fallbacks, note_fallback

register = template.Library()

NOTE_MARK = "<!-- untranslated-note -->"


def _english(value):
    if isinstance(value, English):
        note_fallback(value)
        return True
    return False


@register.filter
def en(value):
    """`value`, in a <span lang="en"> when it is English shown in place of
    a missing translation."""
    if _english(value):
        return format_html('<span lang="en">{}</span>', value)
    return value


@register.filter
def lang_en(value):
    """' lang="en"' for the element holding `value` when it is English shown
    in place of a missing translation, else nothing."""
    if _english(value):
        return mark_safe(' lang="en"')
    return ""


@register.filter(needs_autoescape=True)
def paragraphs(value, autoescape=True):
    """`linebreaks`, each paragraph marked lang="en" when `value` is English
    shown in place of a missing translation."""
    html = linebreaks_filter(value, autoescape)
    if _english(value):
        # linebreaks escaped the text: only its own <p> tags are replaced
        html = mark_safe(html.replace("<p>", '<p lang="en">'))  # noqa: S308
    return html


@register.simple_tag
def untranslated_note():
    """Where the "not yet translated" line goes, if the page needs it."""
    return mark_safe(NOTE_MARK)  # noqa: S308 (a constant)


class MarkingEnglishNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        shown = []
        token = fallbacks.set(shown)
        try:
            html = self.nodelist.render(context)
        finally:
            fallbacks.reset(token)
        note = ""
        if shown:
            note = format_html(
                '<p class="untranslated-note">{}</p>',
                gettext("This page is not translated yet: parts of it are in English."),
            )
        # the rendered page (safe) with the note (format_html) put in
        html = html.replace(NOTE_MARK, note, 1).replace(NOTE_MARK, "")
        return mark_safe(html)  # noqa: S308


@register.tag
def marking_english(parser, token):
    nodelist = parser.parse(("endmarking_english",))
    parser.delete_first_token()
    return MarkingEnglishNode(nodelist)
