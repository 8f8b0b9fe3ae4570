"""Is each page's Spanish still true to its English, and has the clinic
reviewed it? (docs/editing.md, "Spanish")

A page (a condition with its sections and treatment texts, a treatment with
its sections, an article, the clinic settings ...) has one TranslationReview
row per language once it has a translation: the digest of the English the
translation was written or last reviewed against, and when the clinic
reviewed it (empty for the shipped Spanish until staff mark it reviewed).

- out of date: the page's English digest today differs from the row's (an
  English text changed since), until staff review the Spanish again;
- not reviewed: the page has Spanish the clinic has not reviewed yet (the
  shipped Spanish, or Spanish typed without ticking "reviewed").

Both are listed on the admin home page (base/apps.py, admin_home_blocks).
"""

import hashlib
import json

from django.contrib.admin.sites import NotRegistered
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from .models import TranslationReview
from .translated import PARTS, TRANSLATED, column

SPANISH = "es"


def _key(record):
    natural = list(record.natural_key()) if hasattr(record, "natural_key") else []
    return json.dumps(natural, ensure_ascii=False, separators=(",", ":"))


def page_models():
    """The translated models that are pages (not parts of a page)."""
    return [model for model in TRANSLATED if model not in PARTS]


def parts_by_page(page_model, pages=None):
    """{page pk: the rows of each part model that belong to it (its
    sections, its treatment texts), in a stable order}: one query per part
    model, for `pages` (a queryset or list of pks) or every page."""
    found = {}
    for model, page_field in PARTS.items():
        link = model._meta.get_field(page_field)
        if link.related_model is not page_model:
            continue
        rows = model._default_manager.order_by("pk")
        if pages is not None:
            rows = rows.filter(**{f"{page_field}__in": pages})
        for row in rows:
            found.setdefault(getattr(row, link.attname), []).append(row)
    return found


def parts_of(record):
    """The parts of one page (see parts_by_page)."""
    return parts_by_page(type(record), [record.pk]).get(record.pk, [])


def _values(record, language):
    return [
        getattr(record, column(name, language)) or ""
        for name in TRANSLATED[type(record)]
    ]


def english_digest(record, parts=None):
    """A digest of every English text of the page and its parts."""
    parts = parts_of(record) if parts is None else parts
    texts = [_values(record, "en")] + [_values(row, "en") for row in parts]
    return hashlib.sha256(json.dumps(texts).encode()).hexdigest()


def has_translation(record, language, parts=None):
    parts = parts_of(record) if parts is None else parts
    return any(any(_values(row, language)) for row in [record, *parts])


def stamp(record, language=SPANISH, reviewed_by=None):
    """Note the English the page's translation now stands against; with
    `reviewed_by` (a user), the clinic reviewed it. A row made without a
    review (the seed's) keeps an earlier review's digest."""
    label, key = record._meta.label_lower, _key(record)
    row, created = TranslationReview.objects.get_or_create(
        model=label,
        key=key,
        language=language,
        defaults={"english_digest": english_digest(record)},
    )
    if reviewed_by is not None:
        row.english_digest = row.english_digest if created else english_digest(record)
        row.reviewed_at = timezone.now()
        row.reviewed_by = reviewed_by.get_username()
        row.save()
    return row


def review_state(record, language=SPANISH):
    """One sentence for the page's form: where its Spanish stands."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    parts = parts_of(record)
    if not has_translation(record, language, parts):
        return _("This page has no Spanish yet: the Spanish pages show the English.")
    row = TranslationReview.objects.filter(
        model=record._meta.label_lower, key=_key(record), language=language
    ).first()
    if row is not None and row.english_digest != english_digest(record, parts):
        return _(
            "Out of date: the English changed since the Spanish was written or "
            "last reviewed. Update the Spanish boxes, then tick the box below."
        )
    if row is None or row.reviewed_at is None:
        return _("Not yet reviewed by the clinic.")
    return _("Reviewed by %(who)s on %(when)s.") % {
        "who": row.reviewed_by,
        "when": date_format(timezone.localtime(row.reviewed_at), "DATE_FORMAT"),
    }


def states(language=SPANISH):
    """{"out_of_date": [record], "not_reviewed": [record]}: pages whose
    translation stands against an English that changed since, and pages
    with a translation the clinic has not reviewed."""
    rows = {
        (row.model, row.key): row
        for row in TranslationReview.objects.filter(language=language)
    }
    found = {"out_of_date": [], "not_reviewed": []}
    for model in page_models():
        parts_of_page = parts_by_page(model)
        for record in model._default_manager.all():
            parts = parts_of_page.get(record.pk, [])
            if not has_translation(record, language, parts):
                continue
            row = rows.get((model._meta.label_lower, _key(record)))
            if row is not None and row.english_digest != english_digest(record, parts):
                found["out_of_date"].append(record)
            elif row is None or row.reviewed_at is None:
                found["not_reviewed"].append(record)
    return found


def _admin_url(record):
    opts = record._meta
    try:
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]
        )
    except (NoReverseMatch, NotRegistered):
        return ""


def admin_home(request):
    """The admin home's "Spanish to review" block, for staff who may change
    content; None for everyone else."""
    user = request.user
    if not any(
        user.has_perm(f"{m._meta.app_label}.change_{m._meta.model_name}")
        for m in page_models()
    ):
        return None
    found = states()
    return {
        "out_of_date": _grouped(found["out_of_date"]),
        "not_reviewed": _grouped(found["not_reviewed"]),
        "not_reviewed_count": len(found["not_reviewed"]),
    }


#: Pages listed per kind on the admin home; the rest are counted.
SHOWN = 3


def _grouped(records):
    """[{"name", "count", "items": [(title, url)], "more"}] per kind."""
    groups = {}
    for record in records:
        groups.setdefault(record._meta.verbose_name_plural, []).append(record)
    return [
        {
            "name": str(kind).capitalize(),
            "count": len(items),
            "items": [(str(r), _admin_url(r)) for r in items[:SHOWN]],
            "more": len(items) - SHOWN if len(items) > SHOWN else 0,
        }
        for kind, items in groups.items()
    ]
