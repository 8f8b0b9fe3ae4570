"""What every admin form of the site shares: text boxes as tall as their
text, long one-line values that wrap, help texts for the page, and a page
form that makes its web address from its name."""

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from ..translated import OTHER_LANGUAGES, column, translated_fields


class TextareaField(forms.CharField):
    """Browsers send a textarea's line breaks as CRLF; the stored text (and
    the fixtures) use LF. Without this, every save would change every
    paragraph and fill the history with changes nobody made."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


class GrowingTextarea(AdminTextareaWidget):
    """A text box as tall as its text (CSS `field-sizing: content`, or
    static/admin/backfit-admin.js where a browser lacks it): no tall empty
    boxes, no hidden paragraphs."""

    def __init__(self, attrs=None):
        super().__init__(
            {"rows": 2, "class": "vLargeTextField backfit-grow", **(attrs or {})}
        )


class OneLineTextarea(AdminTextareaWidget):
    """A long single-line value (a heading, a statistic): the full width of
    the form, wrapping onto a second line instead of being cut off."""

    def __init__(self, attrs=None):
        super().__init__(
            {
                "rows": 1,
                "class": "vTextField backfit-grow backfit-oneline",
                **(attrs or {}),
            }
        )


class OneLineField(forms.CharField):
    """Line breaks typed into a one-line value become spaces."""

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.split()) if value else value


#: Single-line values this long or longer get a box that wraps.
LONG_LINE = 150


TEXT_FIELDS = {
    models.TextField: {"form_class": TextareaField, "widget": GrowingTextarea}
}


LANGUAGE_NAMES = {"es": "Spanish"}


def with_translations(model, fieldsets):
    """`fieldsets` with each translated field followed by its Spanish
    (`name`, then `name_es`): staff write both in the same form. The English
    is the field itself; the per-language columns are named nowhere else."""
    translated = translated_fields(model)
    columns = {
        column(name, language)
        for name in translated
        for language in ("en", *OTHER_LANGUAGES)
    }

    def expand(names):
        result = []
        for name in names:
            if name in columns:
                continue
            result.append(name)
            if name in translated:
                result += [column(name, language) for language in OTHER_LANGUAGES]
        return result

    result = []
    for name, options in fieldsets:
        lines = []
        for line in options.get("fields", []):
            if isinstance(line, list | tuple):
                kept = expand(line)
                if kept:
                    lines.append(kept)
            else:
                lines += expand([line])
        result.append((name, {**options, "fields": lines}))
    return result


class FormsMixin:
    """What every admin form of the site shares: text boxes as tall as their
    text, long one-line values that wrap, help texts written for the page
    (`help_texts`: {field: text}, overriding the model's), and the Spanish
    of each translated field under its English."""

    formfield_overrides = TEXT_FIELDS
    help_texts = {}

    def get_fieldsets(self, request, obj=None):
        return with_translations(self.model, super().get_fieldsets(request, obj))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        english = getattr(db_field, "translated_field", None)
        plain = english or db_field
        if (
            type(plain) is models.CharField
            and not plain.choices
            and (plain.max_length or 0) >= LONG_LINE
        ):
            kwargs.setdefault("form_class", OneLineField)
            kwargs["widget"] = OneLineTextarea()
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is None:
            return field
        if english is not None:
            language = LANGUAGE_NAMES.get(db_field.language, db_field.language)
            field.label = f"{capfirst(english.verbose_name)} in {language}"
            field.help_text = (
                f"Shown on the {language} pages. Leave empty to show the English "
                "there, marked as English."
            )
            field.required = False
            field.widget.attrs["lang"] = db_field.language
        elif db_field.name in self.help_texts:
            field.help_text = self.help_texts[db_field.name]
        return field


TextMixin = FormsMixin  # the name the apps' admins import


class SpanishReviewMixin:
    """A page with Spanish fields gets "Spanish reviewed" at the end of its
    form: ticked and saved, the clinic has compared the Spanish with the
    English as it is now (base/translation_review.py), and the page leaves
    the admin home's "Spanish to review" lists until the English changes."""

    def reviews_spanish(self, obj):
        return obj is not None and obj.pk and translated_fields(self.model)

    def get_form(self, request, obj=None, **kwargs):
        if self.reviews_spanish(obj):
            base = kwargs.get("form", self.form)
            kwargs["form"] = type(
                f"Reviewed{base.__name__}",
                (base,),
                {
                    "spanish_reviewed": forms.BooleanField(
                        required=False,
                        label=_("Spanish reviewed"),
                        help_text=_(
                            "Tick when you have checked that every Spanish box "
                            "says what the English above it says now."
                        ),
                    )
                },
            )
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (
                name,
                {
                    **options,
                    "fields": [
                        f for f in options.get("fields", []) if f != "spanish_reviewed"
                    ],
                },
            )
            for name, options in super().get_fieldsets(request, obj)
        ]
        fieldsets = [(n, o) for n, o in fieldsets if o["fields"]]
        if not self.reviews_spanish(obj):
            return fieldsets
        from ..translation_review import review_state

        return [
            *fieldsets,
            (
                _("Spanish"),
                {
                    "fields": ["spanish_reviewed"],
                    "classes": ["after-inlines"],
                    "description": review_state(obj),
                },
            ),
        ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.cleaned_data.get("spanish_reviewed"):
            from ..translation_review import stamp

            stamp(form.instance, reviewed_by=request.user)


class ContentForm(forms.ModelForm):
    """A page's form: a name another page of the kind already has is refused
    first, with a link to that page (never a message about web addresses);
    an empty web address (slug) is made from the name, and kept unique."""

    def clean_name(self):
        name = self.cleaned_data.get("name")
        model = self._meta.model
        existing = (
            model._default_manager.filter(name__iexact=(name or "").strip())
            .exclude(pk=self.instance.pk)
            .first()
        )
        if name and existing is not None:
            opts = model._meta
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[existing.pk]
            )
            raise ValidationError(
                format_html(
                    _('{name} already exists: <a href="{url}">edit it</a>.'),
                    name=existing.name,
                    url=url,
                ),
                code="duplicate_name",
            )
        return name

    def validate_unique(self):
        # With the name refused, a clash of the web address made from it
        # would only repeat the same problem in technical words.
        if self.has_error("name"):
            exclude = self._get_validation_exclusions() | {"slug"}
            try:
                self.instance.validate_unique(exclude=exclude)
            except ValidationError as error:
                self._update_errors(error)
            return
        super().validate_unique()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        cleaned = super().clean()
        if "slug" in self.fields and not cleaned.get("slug"):
            model = self._meta.model
            max_length = model._meta.get_field("slug").max_length
            base = slugify(cleaned.get("name") or "")[:max_length] or "page"
            others = model._default_manager.exclude(pk=self.instance.pk)
            slug, n = base, 2
            while others.filter(slug=slug).exists():
                suffix = f"-{n}"
                slug, n = base[: max_length - len(suffix)] + suffix, n + 1
            cleaned["slug"] = slug
        return cleaned


SECTION_HELP = {
    "heading": "The question this section answers, as its heading on the page, "
    "e.g. “What are back muscle spasms?”.",
    "body": "The text under the heading. Leave a blank line between paragraphs.",
    "bullets": "Optional: one point per line, shown as a bulleted list after the "
    "text above.",
    "list_kind": "A list shown after the text, made from the page's own lists "
    "(for example its symptoms, or its treatments with their words).",
    "list_intro": "The sentence just before the list, e.g. “Treatments include:”.",
    "body_after": "Text shown after the list, if any.",
    "slug": "The end of a link straight to this section (the page's address, "
    "then #this-part). Made from the heading when left empty.",
}
