"""Seeding content from fixtures without ever fighting the staff.

`loaddata` overwrites records by primary key and brings back what staff deleted.
This instead keeps a ledger (SeedRecord) of every fixture record and every
many-to-many link it has created or adopted, keyed by natural key:

- key in the ledger: skip it, whatever the record looks like now (edited,
  deleted, unlinked) -- staff own it;
- key not in the ledger: create it, or adopt an existing record with the same
  natural key untouched, and write the key down.

So a re-run creates nothing, an edit stays, a deletion stays deleted, and a
record added to the fixtures in a later release appears.
"""

import json
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.base import DeserializationError
from django.db import transaction
from django.utils import translation

from .models import SeedRecord
from .translated import PARTS
from .translation_review import stamp

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"
# The shipped text in other languages: {model, key (natural key), fields:
# {English field name: text}} (docs/content.md, "Spanish").
TRANSLATION_DIR = FIXTURE_DIR / "translations"


def fixture_paths():
    """The shipped fixtures, in file-name order (files are numbered so that a
    record comes after everything it points at)."""
    return sorted(FIXTURE_DIR.glob("*.json"))


def _key(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _natural_key(obj):
    return list(obj.natural_key()) if hasattr(obj, "natural_key") else [obj.pk]


def _get(model, natural_key):
    manager = model._default_manager
    if hasattr(manager, "get_by_natural_key") and hasattr(model, "natural_key"):
        return manager.get_by_natural_key(*natural_key)
    return manager.get(pk=natural_key[0])


def _record_shipped(instance):
    """Replace a newly seeded record's history with one "created" entry that
    holds its links too, so staff see a clean starting point to restore."""
    history = getattr(instance, "history", None)
    if history is None:
        return
    history.all().delete()
    instance._change_reason = "Shipped with the site"
    instance.save()
    history.all().update(history_type="+")


def ordered_links(field):
    """Whether a many-to-many field is a list in staff order: a through
    model of its own with a position (a condition's root causes ...)."""
    through = field.remote_field.through
    return not through._meta.auto_created and any(
        f.name == "position" for f in through._meta.fields
    )


def link_to(instance, field, target, position):
    """Link `target` as the fixture lists it: a list in staff order gets its
    place in the fixture's list, saved as a row with its own history."""
    if not ordered_links(field):
        getattr(instance, field.name).add(target)
        return
    row = {field.m2m_field_name(): instance, field.m2m_reverse_field_name(): target}
    through = field.remote_field.through
    if not through._default_manager.filter(**row).exists():
        through(**row, position=position).save()


class Seeder:
    def __init__(self):
        self.ledger = set(SeedRecord.objects.values_list("model", "key"))
        self.new_records = []
        self.counts = Counter()
        self.pending_links = []
        self.created = set()

    def _remember(self, label, key):
        self.ledger.add((label, key))
        self.new_records.append(SeedRecord(model=label, key=key))

    def seed_file(self, path):
        with open(path, encoding="utf-8") as handle:
            for raw in json.load(handle):
                self.seed_object(raw)

    def seed_object(self, raw):
        model = apps.get_model(raw["model"])
        label = model._meta.label_lower
        m2m_names = {f.name for f in model._meta.many_to_many}
        fields = dict(raw.get("fields", {}))
        links = {name: fields.pop(name) for name in list(fields) if name in m2m_names}
        try:
            (item,) = serializers.deserialize(
                "json",
                json.dumps([{**raw, "fields": fields}]),
                handle_forward_references=True,
            )
        except (DeserializationError, ObjectDoesNotExist):
            item = None
        if item is None or item.deferred_fields:
            # A record it belongs to was deleted by staff: it stays deleted.
            self.counts["skipped"] += 1
            return

        natural_key = _natural_key(item.object)
        key = _key(natural_key)
        if (label, key) in self.ledger:
            self.counts["kept"] += 1
        elif (
            item.object.pk is not None
            and model._default_manager.filter(pk=item.object.pk).exists()
        ):
            self._remember(label, key)  # already there (made by hand): adopt as is
            self.counts["adopted"] += 1
        else:
            item.object.save()  # a normal save: timestamps, signals, history
            self._remember(label, key)
            self.counts["created"] += 1
            self.created.add((label, key))

        if links:  # after every record exists, so links may point forward
            self.pending_links.append((model, label, natural_key, links))

    def seed_links(self, model, label, natural_key, links):
        try:
            instance = _get(model, natural_key)
        except ObjectDoesNotExist:
            return  # deleted by staff
        new_record = (label, _key(natural_key)) in self.created
        if new_record:
            # One history entry for a record shipped with the site, not one
            # per link (see _record_shipped below).
            instance.skip_history_when_saving = True
        for name, targets in links.items():
            field = model._meta.get_field(name)
            target_model = field.remote_field.model
            for position, target_key in enumerate(targets):
                target_key = (
                    target_key if isinstance(target_key, list) else [target_key]
                )
                link = (f"{label}.{name}", _key([natural_key, target_key]))
                if link in self.ledger:
                    continue
                try:
                    target = _get(target_model, target_key)
                except ObjectDoesNotExist:
                    continue
                link_to(instance, field, target, position)
                self._remember(*link)
                self.counts["linked"] += 1
        if new_record:
            del instance.skip_history_when_saving

    def record_shipped_links(self):
        """Each new record with links kept in its history gets its shipped
        version once every link is made, both ends of each: a treatment
        listed as complementary by another (a two-way link made from the
        other side) has that link in its shipped version too, so restoring
        it brings the link back."""
        for label, key in sorted(self.created):
            model = apps.get_model(label)
            history = getattr(model, "history", None)
            if history is None or not (
                getattr(history.model, "_history_m2m_fields", [])
                or any(ordered_links(f) for f in model._meta.many_to_many)
            ):
                continue
            try:
                instance = _get(model, json.loads(key))
            except ObjectDoesNotExist:
                continue
            _record_shipped(instance)

    def finish(self):
        for pending in self.pending_links:
            self.seed_links(*pending)
        self.record_shipped_links()

    def write_ledger(self):
        SeedRecord.objects.bulk_create(self.new_records)
        return self.counts


def translation_paths():
    """The shipped translations, one file per language (es.json)."""
    return sorted(TRANSLATION_DIR.glob("*.json"))


class TranslationSeeder:
    """The shipped text in another language, kept by the same ledger: a
    record's translation is written once, into its EMPTY language fields
    only, and never again (a re-run skips it, whatever staff did since)."""

    def __init__(self, seeder):
        self.seeder = seeder
        self.pages = {}  # (language, page) -> page, to note what it was made for

    def seed_file(self, path):
        language = path.stem
        with open(path, encoding="utf-8") as handle:
            for entry in json.load(handle):
                self.seed_entry(language, entry)

    def seed_entry(self, language, entry):
        model = apps.get_model(entry["model"])
        label = model._meta.label_lower
        ledger_label = f"translation.{language}:{label}"
        key = _key(entry["key"])
        if (ledger_label, key) in self.seeder.ledger:
            self.seeder.counts["kept"] += 1
            return
        try:
            if entry["key"]:
                instance = _get(model, entry["key"])
            else:  # the one clinic settings record
                instance = model._default_manager.get()
        except ObjectDoesNotExist:
            return  # not there (deleted by staff): nothing to translate
        filled = {}
        for field, text in entry["fields"].items():
            column = f"{field}_{language}"
            if not getattr(instance, column, None):
                filled[column] = text
        self.seeder._remember(ledger_label, key)
        if not filled:
            return
        for column, text in filled.items():
            setattr(instance, column, text)
        part_of = PARTS.get(model)
        page = getattr(instance, part_of) if part_of else instance
        self.pages[(language, page._meta.label_lower, page.pk)] = page
        history = getattr(instance, "history", None)
        if history is not None and (label, key) in self.seeder.created:
            # Shipped with the site in both languages: one history entry.
            instance.save_without_historical_record()
            latest = history.order_by("-history_date", "-history_id").first()
            if latest is not None:
                history.filter(pk=latest.pk).update(**filled)
        else:
            instance._change_reason = "Translation shipped with the site"
            instance.save()
        self.seeder.counts["translated"] += 1

    def note_pages(self):
        """The English each translated page's shipped text was made for, so
        a later English edit flags it out of date; not reviewed by the
        clinic until staff say so (base/translation_review.py)."""
        for (language, _label, _pk), page in self.pages.items():
            stamp(page, language)


def seed(paths=None, translations=None):
    """Seed every fixture file, then the shipped translations (only with
    the shipped fixtures, unless given); returns counts of what was
    created, adopted, kept (already seeded), linked, translated and
    skipped."""
    if translations is None:
        translations = [] if paths else translation_paths()
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        seeder = Seeder()
        for path in paths or fixture_paths():
            seeder.seed_file(path)
        seeder.finish()
        translator = TranslationSeeder(seeder)
        for path in translations:
            translator.seed_file(path)
        translator.note_pages()
        return seeder.write_ledger()
