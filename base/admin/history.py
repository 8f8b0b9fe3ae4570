"""History and undo in the admin: a page's versions with the changes to
its parts, restoring a version with its links and parts, and saying what
happened in plain words.

django-simple-history keeps a version of the page's own fields on every
save, with its many-to-many links (`m2m_fields`), and a history of each part
(sections, a condition's treatments, opening hours) in that part's own table.
Its "Revert" form brings back the fields only; here a restore also brings
back the links and the parts as they were at that moment, in their order,
and says what it could not bring back (a linked page deleted since).
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import get_m2m_reverse_field_name


def when(moment):
    """A moment as staff say it, e.g. "December 4, 2026 at 1:38 PM" (no
    "p.m." whose period would double up at the end of a sentence)."""
    moment = timezone.localtime(moment)
    return _("%(date)s at %(time)s") % {
        "date": date_format(moment, "F j, Y"),
        "time": time_format(moment, "g:i A"),
    }


def _name_then(model, pk):
    """The name a record had when it last existed, from its own history."""
    history = getattr(model, "history", None)
    if history is None:
        return f"#{pk}"
    record = (
        history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date").first()
    )
    return str(record.instance) if record else f"#{pk}"


class HistoryMixin:
    """History pages in plain words ("Versions of Chiropractic"), the
    changes to the page's parts below its own, "not found" for a mistyped
    address, and a restore that restores everything (see the module)."""

    object_history_template = "admin/content_object_history.html"
    #: Parts of the page with their own history that are not inlines (a
    #: clinic's opening hours are edited as fields of its form).
    history_part_models = []

    def _check_id(self, value, field=None):
        field = field or self.model._meta.pk
        try:
            value = field.to_python(unquote(str(value)))
        except (ValidationError, ValueError, TypeError):
            raise Http404("No such record.") from None
        if isinstance(value, int) and not 0 < value < 2**63:
            raise Http404("No such record.")
        return value

    # ------------------------------------------------------------------
    # The list of versions.
    # ------------------------------------------------------------------
    def history_parts(self):
        """(part model, its foreign key to the page) for each part of the
        page that keeps a history."""
        models_ = [inline.model for inline in self.inlines]
        models_ += list(self.history_part_models)
        for model in models_:
            if not hasattr(model, "history"):
                continue
            fk = next(
                (
                    f
                    for f in model._meta.fields
                    if f.is_relation and f.related_model is self.model
                ),
                None,
            )
            if fk is not None:
                yield model, fk

    def history_view_title(self, request, obj):
        return _("Versions of %(page)s") % {"page": obj}

    def history_view(self, request, object_id, extra_context=None):
        """The page's own versions, then the changes to its parts (sections,
        treatment texts, opening hours), each linking to that part's own
        versions, where any of them can be restored."""
        page_pk = self._check_id(object_id)
        parts = []
        for model, fk in self.history_parts():
            opts = model._meta
            records = (
                model.history.filter(**{fk.attname: page_pk})
                .select_related("history_user")
                .order_by("-history_date", "-history_id")[:50]
            )
            for record in records:
                previous = record.prev_record
                record.changes_list = (
                    record.diff_against(previous).changes if previous else []
                )
                record.part_history_url = reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_history",
                    args=[record.id],
                )
            parts.append((opts.verbose_name_plural, records))
        context = {"content_parts": parts, **(extra_context or {})}
        if not request.user.has_perm("auth.change_user"):
            # "Changed by" names the person without linking to the user admin
            # they may not open (the template links only a URL that resolves).
            context["admin_user_view"] = "admin:no-user-admin"
        return super().history_view(request, object_id, extra_context=context)

    # ------------------------------------------------------------------
    # Restoring a version.
    # ------------------------------------------------------------------
    def history_form_view_title(self, request, obj):
        record = getattr(request, "history_record", None)
        if record is None:
            return _("Restore this version of %(page)s") % {"page": obj}
        return _("Restore %(page)s as it was on %(when)s") % {
            "page": obj,
            "when": when(record.history_date),
        }

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        page_pk = self._check_id(object_id)
        version = self._check_id(version_id, models.BigAutoField())
        request.history_version = version
        request.history_record = self.model.history.filter(
            pk=version, **{self.model._meta.pk.attname: page_pk}
        ).first()
        request.restore_notes = []
        context = dict(extra_context or {})
        if request.history_record is not None:
            context["restore_preview"] = self.restore_preview(request.history_record)
        with transaction.atomic():
            return super().history_form_view(
                request, object_id, version_id, extra_context=context
            )

    def version_links(self, record):
        """{field name: ([ids that still exist], [names of those gone])} for
        each many-to-many link kept in the version."""
        links = {}
        for field in getattr(record, "_history_m2m_fields", []):
            target = field.remote_field.model
            column = f"{get_m2m_reverse_field_name(field)}_id"
            ids = [getattr(row, column) for row in getattr(record, field.name).all()]
            there = set(
                target._default_manager.filter(pk__in=ids).values_list("pk", flat=True)
            )
            links[field.name] = (
                [pk for pk in ids if pk in there],
                [_name_then(target, pk) for pk in ids if pk not in there],
            )
        return links

    def parts_then(self, record):
        """{part model: (fk, {id: historical row})}: the page's parts as they
        were at the version's moment (rows deleted by then left out)."""
        result = {}
        for model, fk in self.history_parts():
            rows = {}
            for row in model.history.filter(
                **{fk.attname: record.instance.pk},
                history_date__lte=record.history_date,
            ).order_by("history_date", "history_id"):
                rows[row.id] = row
            result[model] = (
                fk,
                {pk: row for pk, row in rows.items() if row.history_type != "-"},
            )
        return result

    def _missing_targets(self, model, fk, row):
        """Names of the pages a part points at that no longer exist."""
        gone = []
        for field in model._meta.fields:
            if not field.is_relation or field is fk or field.many_to_many:
                continue
            pk = getattr(row, field.attname)
            target = field.related_model
            if pk is not None and not target._default_manager.filter(pk=pk).exists():
                gone.append(_name_then(target, pk))
        return gone

    def restore_preview(self, record):
        """What the restore will not bring back, said before staff press it."""
        notes = []
        for name, (_ids, gone) in self.version_links(record).items():
            label = capfirst(self.model._meta.get_field(name).verbose_name)
            notes += [
                _(
                    "%(label)s: “%(name)s” has been deleted since, so it cannot "
                    "be linked again."
                )
                % {"label": label, "name": gone_name}
                for gone_name in gone
            ]
        for model, (fk, rows) in self.parts_then(record).items():
            for row in rows.values():
                for gone_name in self._missing_targets(model, fk, row):
                    notes.append(
                        _(
                            "%(part)s: “%(name)s” has been deleted since, so "
                            "this part cannot be brought back."
                        )
                        % {
                            "part": capfirst(model._meta.verbose_name_plural),
                            "name": gone_name,
                        }
                    )
        return notes

    def get_form(self, request, obj=None, **kwargs):
        """On the restore form, the page's links (root causes, symptoms,
        complementary treatments ...) are filled in as they were in that
        version too, not only its text."""
        form = super().get_form(request, obj, **kwargs)
        record = getattr(request, "history_record", None)
        if record is None or obj is None:
            return form
        links = {name: ids for name, (ids, _gone) in self.version_links(record).items()}

        class RestoreForm(form):
            def __init__(self, *args, **kwargs):
                kwargs["initial"] = {**links, **(kwargs.get("initial") or {})}
                super().__init__(*args, **kwargs)

        return RestoreForm

    def links_said(self, obj, record):
        """What the restore does to the page's links, in words, before the
        form sets them ("Complementary: Physical Therapy linked again.")."""
        said = []
        for name, (ids, _gone) in self.version_links(record).items():
            field = self.model._meta.get_field(name)
            target = field.remote_field.model
            now = set(getattr(obj, name).values_list("pk", flat=True))
            back = target._default_manager.filter(pk__in=set(ids) - now)
            away = target._default_manager.filter(pk__in=now - set(ids))
            label = capfirst(field.verbose_name)
            if back:
                said.append(
                    _("%(label)s: %(names)s linked again.")
                    % {"label": label, "names": ", ".join(map(str, back))}
                )
            if away:
                said.append(
                    _("%(label)s: %(names)s no longer linked.")
                    % {"label": label, "names": ", ".join(map(str, away))}
                )
        return said

    def save_model(self, request, obj, form, change):
        record = getattr(request, "history_record", None)
        links = self.links_said(obj, record) if record is not None else []
        super().save_model(request, obj, form, change)
        if record is not None:
            request.restore_lost = self.restore_preview(record)
            said = links + self.restore_parts(request, obj, record)
            request.restore_notes = request.restore_lost + said

    def restore_parts(self, request, obj, record):
        """Put the page's parts back as they were at the version's moment:
        rows added since are removed, rows changed or deleted since come back
        as they were (position included). Returns what it did, in words."""
        said = []
        for model, (fk, rows) in self.parts_then(record).items():
            now = {
                part.pk: part
                for part in model._default_manager.filter(**{fk.name: obj})
            }
            removed = restored = 0
            for pk, part in now.items():
                if pk not in rows:
                    part._history_user = request.user
                    part.delete()
                    removed += 1
            for pk, row in rows.items():
                if self._missing_targets(model, fk, row):
                    continue  # said by restore_preview
                then = row.instance
                current = now.get(pk)
                fields = [f.attname for f in model._meta.concrete_fields]
                if current is not None and all(
                    getattr(current, name) == getattr(then, name) for name in fields
                ):
                    continue
                then._history_user = request.user
                then.save()
                restored += 1
            kind = model._meta.verbose_name_plural
            if restored:
                said.append(
                    ngettext(
                        "%(count)d of its %(kind)s put back as it was.",
                        "%(count)d of its %(kind)s put back as they were.",
                        restored,
                    )
                    % {"count": restored, "kind": kind}
                )
            if removed:
                said.append(
                    ngettext(
                        "%(count)d of its %(kind)s added since removed.",
                        "%(count)d of its %(kind)s added since removed.",
                        removed,
                    )
                    % {"count": removed, "kind": kind}
                )
        return said


class PlainMessagesMixin:
    """After a save, say what happened on the site in plain words, instead of
    Django's "The condition “…” was changed successfully"."""

    def saved_message(self, request, obj):
        return _("Saved “%(page)s”. The change shows on the site now.") % {"page": obj}

    def _say_saved(self, request, obj, respond):
        request._backfit_saved = obj
        try:
            return respond()
        finally:
            request._backfit_saved = None

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        obj = getattr(request, "_backfit_saved", None)
        if obj is not None and level == messages.SUCCESS:
            message = self.saved_message(request, obj)
            record = getattr(request, "history_record", None)
            if record is not None:
                notes = " ".join(getattr(request, "restore_notes", []))
                message = " ".join(
                    part
                    for part in (
                        _("Restored the version of %(when)s.")
                        % {"when": when(record.history_date)},
                        notes,
                        message,
                    )
                    if part
                )
                if getattr(request, "restore_lost", None):
                    level = messages.WARNING
        return super().message_user(request, message, level, *args, **kwargs)

    def response_add(self, request, obj, post_url_continue=None):
        return self._say_saved(
            request,
            obj,
            lambda: super(PlainMessagesMixin, self).response_add(
                request, obj, post_url_continue
            ),
        )

    def response_change(self, request, obj):
        return self._say_saved(
            request,
            obj,
            lambda: super(PlainMessagesMixin, self).response_change(request, obj),
        )
