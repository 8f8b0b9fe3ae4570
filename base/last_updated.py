"""The "Last updated" of pages staff edited before the page showed one.

A page's `changed` (base.models.Content) is set by the admin when staff
change what patients read; pages edited before that field existed show no
"Last updated" until their next edit. Their edits are in the history
django-simple-history keeps: this finds, for each page without a `changed`,
the latest version a signed-in person saved that changed what patients read
(a field other than the review and the status, or one of the page's parts:
sections, treatment texts, opening hours), and takes that moment. Nothing
else counts: the seed step saves without a person, so a fresh install still
shows no "Last updated", and no date is ever made up.

Run by `manage.py seed` (on every `make serve` and upgrade), not by a
migration: it reads history rows, which a migration's frozen models do not
know how to diff, and it is safe to run again (a page with a `changed` is
never touched).
"""

from django.contrib import admin
from django.db import transaction

from . import memory
from .admin.content import REVIEW_FIELDS


def staff_edits(history):
    """(version, moment) of each version in `history` (historical records)
    that a person saved and that changed more than the review or the
    status."""
    rows = history.filter(history_user__isnull=False).order_by("history_date")
    for row in rows:
        if row.history_type == "~":
            previous = row.prev_record
            if previous is not None:
                changed = {
                    change.field for change in row.diff_against(previous).changes
                }
                if not changed - set(REVIEW_FIELDS):
                    continue
        yield row, row.history_date


@transaction.atomic
def backfill(site=None):
    """Fill in `changed` from the history where it is empty; returns how
    many pages got one."""
    site = site or admin.site
    filled = 0
    for model, model_admin in site._registry.items():
        if not hasattr(model, "history") or not any(
            f.name == "changed" for f in model._meta.fields
        ):
            continue
        empty = set(
            model._default_manager.filter(changed__isnull=True).values_list(
                "pk", flat=True
            )
        )
        if not empty:
            continue
        latest = {}

        def note(pk, moment, latest=latest, empty=empty):
            if pk in empty and (pk not in latest or moment > latest[pk]):
                latest[pk] = moment

        pk = model._meta.pk.attname
        for row, moment in staff_edits(model.history.filter(**{f"{pk}__in": empty})):
            note(getattr(row, pk), moment)
        parts = getattr(model_admin, "history_parts", lambda: [])()
        for part, fk in parts:
            history = part.history.filter(**{f"{fk.attname}__in": empty})
            for row, moment in staff_edits(history):
                note(getattr(row, fk.attname), moment)
        for record_pk, moment in latest.items():
            # update(): no new version in the history, `updated` untouched.
            model._default_manager.filter(pk=record_pk, changed__isnull=True).update(
                changed=moment
            )
        filled += len(latest)
    if filled:
        memory.bump()  # cached pages and records show it at once
    return filled
