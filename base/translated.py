"""Staff text in two languages (django-modeltranslation, docs/spanish.md).

Each app's `translation.py` calls `translate(Model, [fields])`: the field
`name` gets a column per language (`name_en`, `name_es`; `name` itself keeps
the English, as before). Reading `record.name` gives the page's language,
and on a Spanish page a field without Spanish gives the English as an
`English` string, so a template can mark it `lang="en"` (WCAG 3.1.2) and
say the page is not fully translated (base/templatetags/language.py).

It also adds the language columns to the record's history
(django-simple-history builds the history model when the model class is
made, before modeltranslation adds its columns), so a restore brings the
Spanish back with the English.
"""

import contextvars

from django.conf import settings
from django.db.models import NOT_PROVIDED
from django.db.models.signals import pre_save
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

DEFAULT = settings.LANGUAGE_CODE
LANGUAGES = [code for code, _name in settings.LANGUAGES]
OTHER_LANGUAGES = [code for code in LANGUAGES if code != DEFAULT]

# The fields translated per model, in the order given: {model: [names]}.
TRANSLATED = {}
# Models that are parts of a page (sections ...): {model: the page's field}.
PARTS = {}

# English shown on this page in place of missing Spanish (one list per
# page being drawn; see base/templatetags/language.py).
fallbacks = contextvars.ContextVar("fallbacks", default=None)


class English(str):
    """English text shown on a page in another language, because the field
    has no translation yet."""

    __slots__ = ()


def lines(value):
    """The non-empty lines of a list typed one per line; English lines when
    the text is English shown in place of a missing translation."""
    items = [line.strip() for line in (value or "").splitlines() if line.strip()]
    if isinstance(value, English):
        return [English(item) for item in items]
    return items


def note_fallback(value):
    """Count `value` as English shown on the page being drawn."""
    shown = fallbacks.get()
    if shown is not None:
        shown.append(value)


class MarkedDescriptor(TranslationFieldDescriptor):
    """modeltranslation's field: the page language's text, else the English,
    which then comes as `English`."""

    def __get__(self, instance, owner):
        value = super().__get__(instance, owner)
        if instance is None or not isinstance(value, str) or not value:
            return value
        language = (get_language() or DEFAULT).split("-")[0]
        if language == DEFAULT:
            return value
        own = getattr(instance, build_localized_fieldname(self.field.name, language))
        return value if own else English(value)


def history_field(field):
    """A plain copy of a language column for the history table (no unique,
    no index, nothing from modeltranslation)."""
    _name, path, args, kwargs = field.deconstruct()
    for key in ("unique", "db_index", "primary_key", "db_collation"):
        kwargs.pop(key, None)
    kwargs.update(null=True, blank=True)
    return import_string(path)(*args, **kwargs)


def add_history_columns(model, fields):
    """The language columns of `model` in its history table too."""
    name = getattr(model._meta, "simple_history_manager_attribute", None)
    if name is None:
        return
    history = getattr(model, name).model
    have = {f.name for f in history._meta.fields}
    columns = [
        build_localized_fieldname(field_name, language)
        for field_name in fields
        for language in LANGUAGES
    ]
    english = {build_localized_fieldname(field_name, DEFAULT) for field_name in fields}
    for name in columns:
        if name in have:
            continue
        original = model._meta.get_field(name)
        history_field(original).contribute_to_class(history, name)
        if name not in english:
            # The English column mirrors the field itself, which is already
            # tracked: a changed English text is one change, not two.
            history.tracked_fields.append(original)
    history._meta._expire_cache()

    # A version rebuilt as a record (to restore it, to show it) has its text
    # in every language: simple-history makes it from the fields it knew.
    rebuild = history.instance.fget

    def instance(record):
        result = rebuild(record)
        for name in columns:
            setattr(result, name, getattr(record, name))
        return result

    history.instance = property(instance)


def translate(model, fields, part_of=None):
    """Register `fields` of `model` for translation (see the module doc);
    `part_of` names the foreign key to the page a part belongs to."""
    translator.register(model, fields=tuple(fields))
    for field_name in fields:
        for language in OTHER_LANGUAGES:
            # A new record has no translation: the English default of a
            # field (the clinic settings' headings) is not its Spanish.
            model._meta.get_field(column(field_name, language)).default = NOT_PROVIDED
        plain = model.__dict__[field_name]
        setattr(
            model,
            field_name,
            MarkedDescriptor(
                plain.field,
                fallback_languages=plain.fallback_languages,
                fallback_value=plain.fallback_value,
                fallback_undefined=plain.fallback_undefined,
            ),
        )
    add_history_columns(model, fields)
    pre_save.connect(english_never_null, sender=model, weak=False)
    TRANSLATED[model] = list(fields)
    if part_of:
        PARTS[model] = part_of


def english_never_null(sender, instance, **kwargs):
    """An empty English text is stored as "", as before translation, never
    NULL (modeltranslation makes its columns nullable, and a record made
    without the field, as the seed makes some, would get NULL): queries
    such as "conditions with no definition" find it."""
    for field_name in TRANSLATED.get(sender, []):
        name = column(field_name, DEFAULT)
        if (
            getattr(instance, name) is None
            and not sender._meta.get_field(field_name).null
        ):
            setattr(instance, name, "")


def translated_fields(model):
    """The translated fields of `model` (empty when it has none)."""
    return TRANSLATED.get(model, [])


def column(field_name, language):
    return build_localized_fieldname(field_name, language)


def by_name(queryset, field="name"):
    """`queryset` in the A-to-Z order of `field` in the page's language (a
    record without a translation by its English); unchanged in English."""
    language = (get_language() or DEFAULT).split("-")[0]
    if language == DEFAULT:
        return queryset
    from django.db.models import Value
    from django.db.models.functions import Coalesce, Lower, NullIf

    name = Coalesce(NullIf(column(field, language), Value("")), column(field, DEFAULT))
    return queryset.order_by(Lower(name), "pk")
