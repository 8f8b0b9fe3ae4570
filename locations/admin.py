"""Clinics as staff think of them: the name, the street address and ZIP code
(the map position follows from the ZIP), a week of opening hours with time
pickers and a "closed" switch per day, and the treatments offered, picked
from a filterable list."""

from django import forms
from django.contrib import admin
from django.db import transaction

from base.admin import ContentAdmin, ContentForm, PartAdmin, ReviewFilter

from . import geo
from .models import WEEKDAYS, Location, OpeningHours

WEEKDAYS_MON_FRI = range(1, 5)  # Tuesday to Friday: what "copy Monday" fills


class TimeInput(forms.TimeInput):
    """The browser's own time picker; it sends "08:00" whatever it shows."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs={"step": 300, **(attrs or {})}, format="%H:%M")


def hours_field(day, part):
    return f"hours_{day}_{part}"


def week_fields():
    """Three fields a day: closed, opens, closes (declared on the form class,
    as the admin's fieldsets require)."""
    fields = {}
    for day, name in enumerate(WEEKDAYS):
        fields[hours_field(day, "opens")] = forms.TimeField(
            label=f"{name} opens", required=False, widget=TimeInput()
        )
        fields[hours_field(day, "closes")] = forms.TimeField(
            label="closes", required=False, widget=TimeInput()
        )
        fields[hours_field(day, "closed")] = forms.BooleanField(
            label="closed", required=False
        )
    return fields


class LocationFormBase(ContentForm):
    """The location with its week of opening hours as ordinary form fields
    (saved to OpeningHours rows by LocationAdmin.save_related), so the week
    is one grid on the clinic's own form and "copy Monday" works without
    JavaScript: it is a checkbox applied when the form is saved."""

    copy_monday = forms.BooleanField(
        label="Copy Monday's hours to Tuesday–Friday",
        required=False,
        help_text="Tick, then save: Tuesday to Friday get Monday's hours (or are "
        "closed if Monday is).",
    )

    class Meta:
        model = Location
        fields = [
            "name",
            "area",
            "status",
            "street_address",
            "locality",
            "region",
            "postal_code",
            "phone",
            "treatments",
            "last_reviewed",
            "reviewed_by",
            "slug",
            "position_is_custom",
            "latitude",
            "longitude",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for hours in self.instance.opening_hours.all():
                day = hours.weekday
                self.initial.setdefault(hours_field(day, "closed"), hours.is_closed)
                self.initial.setdefault(hours_field(day, "opens"), hours.opens)
                self.initial.setdefault(hours_field(day, "closes"), hours.closes)
        if "postal_code" in self.fields:
            self.fields["postal_code"].widget.attrs.update(
                inputmode="numeric", autocomplete="off", size=10
            )

    def clean(self):
        data = super().clean()
        code = data.get("postal_code", "")
        if (
            code
            and geo.ZIP_RE.match(code)
            and not data.get("position_is_custom")
            and geo.zip_record(code) is None
        ):
            self.add_error(
                "postal_code",
                "We don't know this ZIP code. Check it, or tick 'set the map "
                "position by hand' under Advanced and type the position.",
            )
        if data.get("position_is_custom"):
            for name in ("latitude", "longitude"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, "Type the position, or untick 'by hand'.")
        if data.get("copy_monday"):
            for day in WEEKDAYS_MON_FRI:
                for part in ("closed", "opens", "closes"):
                    data[hours_field(day, part)] = data.get(hours_field(0, part))
        self.week = self._clean_week(data)
        return data

    def _clean_week(self, data):
        """Seven (opens, closes) pairs, (None, None) for closed; None for the
        whole week when no day has hours (the page then says to call)."""
        week = []
        for day, name in enumerate(WEEKDAYS):
            opens = data.get(hours_field(day, "opens"))
            closes = data.get(hours_field(day, "closes"))
            if data.get(hours_field(day, "closed")) or (
                opens is None and closes is None
            ):
                week.append((None, None))
            elif opens is None or closes is None:
                self.add_error(
                    hours_field(day, "opens" if opens is None else "closes"),
                    f"Give {name} both an opening and a closing time, or tick closed.",
                )
                week.append((None, None))
            elif opens >= closes:
                self.add_error(
                    hours_field(day, "closes"),
                    f"{name}: the closing time must be after the opening time.",
                )
                week.append((None, None))
            else:
                week.append((opens, closes))
        if all(pair == (None, None) for pair in week):
            return None
        return week


LocationForm = type("LocationForm", (LocationFormBase,), week_fields())


@admin.register(Location)
class LocationAdmin(ContentAdmin):
    form = LocationForm
    list_display = ["name", "area", "locality", "postal_code", "status", "updated"]
    list_filter = ["status", ReviewFilter, "locality", "treatments"]
    search_fields = ["name", "slug", "area", "street_address", "locality"]
    filter_horizontal = ["treatments"]
    history_part_models = [OpeningHours]  # edited as fields, kept as rows
    fieldsets = [
        (None, {"fields": ["name", "area", "status"]}),
        (
            "Address",
            {
                "description": "As patients would write it on an envelope. The "
                "map position used for 'nearest clinic' is the center of the ZIP "
                "code's area, filled in when you save (see Advanced to set the "
                "exact spot).",
                "fields": ["street_address", ("locality", "region"), "postal_code"],
            },
        ),
        (
            "Opening hours",
            {
                "description": "Pick the times, or tick closed. Days left empty "
                "are closed once any day has hours; with no hours at all, the "
                "page asks patients to call for them.",
                "classes": ["week-hours"],
                "fields": [
                    *(
                        (
                            hours_field(day, "opens"),
                            hours_field(day, "closes"),
                            hours_field(day, "closed"),
                        )
                        for day in range(len(WEEKDAYS))
                    ),
                    "copy_monday",
                ],
            },
        ),
        ("Contact and treatments", {"fields": ["phone", "treatments"]}),
        ("Review", {"fields": ["last_reviewed", "reviewed_by"]}),
        (
            "Advanced",
            {
                "classes": ["collapse"],
                "fields": ["slug", "position_is_custom", ("latitude", "longitude")],
            },
        ),
    ]

    class Media:
        js = ["js/admin-location.js"]
        css = {"all": ["css/admin-location.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("opening_hours")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        week = getattr(form, "week", None)
        location = form.instance
        with transaction.atomic():
            saved = {h.weekday: h for h in location.opening_hours.all()}
            if week is None:
                for hours in saved.values():
                    hours._history_user = request.user
                    hours.delete()
                return
            for day, (opens, closes) in enumerate(week):
                hours = saved.get(day) or OpeningHours(location=location, weekday=day)
                if hours.pk and (hours.opens, hours.closes) == (opens, closes):
                    continue  # unchanged: no new version in its history
                hours.opens, hours.closes = opens, closes
                hours._history_user = request.user
                hours.save()


@admin.register(OpeningHours)
class OpeningHoursAdmin(PartAdmin):
    list_display = ["location", "weekday", "opens", "closes"]
    list_filter = ["location", "weekday"]
    search_fields = ["location__name"]
    autocomplete_fields = ["location"]
    ordering = ["location__name", "weekday"]
