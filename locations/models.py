import datetime
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from base.models import Content, content_history

from . import geo

# Every clinic is in Arizona (America/Phoenix, Mountain Standard Time all
# year): the site's own TIME_ZONE is the one source of it.
CLINIC_TIME_ZONE = ZoneInfo(settings.TIME_ZONE)


class Weekday(models.IntegerChoices):
    """Monday first, as date.weekday() counts. The one list of day names: the
    hours table, the structured data and open-now.js all read it."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


WEEKDAYS = Weekday.labels
# The day names as patients read them, in the page's language (WEEKDAYS stays
# English: open-now.js matches it against the browser's English clock).
DAY_NAMES = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)


def clock(value):
    """8 am, 6 pm, 8:30 am: how a receptionist would say it."""
    hour = value.hour % 12 or 12
    suffix = pgettext("clock", "am") if value.hour < 12 else pgettext("clock", "pm")
    if value.minute:
        return f"{hour}:{value.minute:02d} {suffix}"
    return f"{hour} {suffix}"


@dataclass(frozen=True)
class OpeningStatus:
    is_open: bool
    text: str
    at: datetime.datetime  # the clinic-local time the status was worked out for


class Location(Content):
    """A clinic. Only what staff have entered is shown: a clinic without a
    street address, ZIP code, hours or treatments says to call instead, and
    one without a map position is listed after the ranked ones in
    nearest-clinic results."""

    area = models.CharField(
        max_length=100,
        blank=True,
        help_text="Where the clinic is, in the words patients use, e.g. north "
        "Phoenix. Shown under the clinic's name in lists.",
    )
    street_address = models.CharField(
        max_length=200, blank=True, help_text="Street and number, e.g. 123 E Main St."
    )
    locality = models.CharField(
        "city",
        max_length=100,
        blank=True,
        help_text="e.g. Phoenix. Filled in from the ZIP code if left empty.",
    )
    region = models.CharField(
        "state", max_length=2, default="AZ", help_text="Two letters, e.g. AZ."
    )
    postal_code = models.CharField(
        "ZIP code",
        max_length=10,
        blank=True,
        validators=[
            RegexValidator(
                geo.ZIP_RE, "Type a 5-digit ZIP code, e.g. 85050 (or ZIP+4)."
            )
        ],
        help_text="Five digits. The clinic's position on the map (for "
        "'nearest clinic') is taken from it when you save.",
    )
    position_is_custom = models.BooleanField(
        "set the map position by hand",
        default=False,
        help_text="Leave unticked to use the center of the ZIP code's area. Tick "
        "it and type the latitude and longitude for the exact spot.",
    )
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="e.g. 33.686300. Filled in from the ZIP code unless set by hand.",
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="e.g. -111.996300.",
    )
    phone = PhoneNumberField(
        blank=True,
        help_text="The clinic's own number. Leave empty to show the central "
        "appointment line.",
    )
    treatments = models.ManyToManyField(
        "treatments.Treatment",
        blank=True,
        related_name="locations",
        help_text="Only the treatments this clinic offers. Its page and the "
        "treatments' pages link to each other; leave empty until known.",
    )

    url_name = "locations:detail"

    # Set on the list page when a patient searches near a place.
    distance_miles = None

    history = content_history(m2m_fields=["treatments"])

    class Meta(Content.Meta):
        pass

    def save(self, *args, **kwargs):
        """The map position comes from the ZIP code (its center, from the
        offline ZIP data), unless staff set it by hand."""
        if not self.position_is_custom:
            record = geo.zip_record(self.postal_code) if self.postal_code else None
            if record is None:
                self.latitude = self.longitude = None
            else:
                self.latitude = round(Decimal(str(record.latitude)), 6)
                self.longitude = round(Decimal(str(record.longitude)), 6)
                if not self.locality:
                    self.locality = record.city
        super().save(*args, **kwargs)

    @property
    def has_position(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def has_address(self):
        return bool(self.street_address or self.postal_code)

    @property
    def has_hours(self):
        """Whether staff have entered opening hours (any day open). Reads
        `opening_hours.all()`, so a prefetch makes it free."""
        return any(not hours.is_closed for hours in self.opening_hours.all())

    @property
    def place_name(self):
        """The area ("north Phoenix") or the city, for lists."""
        if self.area:
            return self.area[:1].upper() + self.area[1:]
        return f"{self.locality}, {self.region}" if self.locality else ""

    @property
    def address_lines(self):
        """The postal address as entered; empty until staff enter one."""
        if not self.has_address:
            return []
        lines = [self.street_address] if self.street_address else []
        last = " ".join(
            part
            for part in [f"{self.locality}," if self.locality else "", self.region]
            + [self.postal_code]
            if part
        )
        lines.append(last)
        return lines

    def opening_status(self, when=None):
        """ "Open now, closes at 6 pm" or "Closed, opens Monday at 8 am", at
        `when` (default: now) in the clinic's time zone. None when no opening
        hours are entered at all.

        Reads `opening_hours.all()`, so a prefetch makes it free."""
        when = timezone.now() if when is None else when
        if timezone.is_naive(when):
            when = when.replace(tzinfo=CLINIC_TIME_ZONE)
        local = when.astimezone(CLINIC_TIME_ZONE)
        days = {h.weekday: h for h in self.opening_hours.all() if not h.is_closed}
        # No hours entered: no open-now either (patients are told to call).
        if not days:
            return None
        today, now = local.weekday(), local.time()
        hours = days.get(today)
        if hours and hours.opens <= now < hours.closes:
            return OpeningStatus(
                True,
                gettext("Open now, closes at %(time)s") % {"time": clock(hours.closes)},
                local,
            )
        for ahead in range(8):
            hours = days.get((today + ahead) % 7)
            if hours is None or (ahead == 0 and now >= hours.opens):
                continue
            # Weekday names rather than "tomorrow": a page read just after
            # midnight, or from a cache, stays right.
            if ahead == 0:
                day = gettext("today")
            elif ahead == 7:
                day = gettext("next %(day)s") % {"day": DAY_NAMES[today]}
            else:
                day = pgettext("opens …", "%(day)s") % {
                    "day": DAY_NAMES[(today + ahead) % 7]
                }
            text = gettext("Closed, opens %(day)s at %(time)s") % {
                "day": day,
                "time": clock(hours.opens),
            }
            return OpeningStatus(False, text, local)
        return None  # unreachable: some day has hours

    @property
    def directions_url(self):
        """A maps link to the street address; None without one (a ZIP's
        center is no place to drive to)."""
        if not self.street_address:
            return None
        destination = ", ".join(self.address_lines)
        return "https://www.google.com/maps/dir/?" + urlencode(
            {"api": 1, "destination": destination}
        )


class OpeningHoursManager(models.Manager):
    def get_by_natural_key(self, location_slug, weekday):
        return self.get(location__slug=location_slug, weekday=weekday)


class OpeningHours(models.Model):
    Weekday = Weekday

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField(
        null=True, blank=True, help_text="Leave both times empty if closed all day."
    )
    closes = models.TimeField(null=True, blank=True)

    objects = OpeningHoursManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["location", "weekday"]
        verbose_name_plural = "opening hours"
        constraints = [
            models.UniqueConstraint(
                fields=["location", "weekday"], name="unique_location_weekday"
            ),
            models.CheckConstraint(
                condition=models.Q(opens__isnull=True, closes__isnull=True)
                | models.Q(opens__lt=models.F("closes")),
                name="opens_before_closes",
                violation_error_message="Opening time must be before closing time, "
                "or leave both empty for a closed day.",
            ),
        ]

    def __str__(self):
        if self.is_closed:
            return f"{self.get_weekday_display()}: closed"
        return f"{self.get_weekday_display()}: {self.opens:%H:%M}–{self.closes:%H:%M}"

    def get_absolute_url(self):
        return self.location.get_absolute_url()

    @property
    def day_name(self):
        """The day as patients read it, in the page's language."""
        return DAY_NAMES[self.weekday]

    def natural_key(self):
        return (*self.location.natural_key(), self.weekday)

    natural_key.dependencies = ["locations.location"]

    @property
    def is_closed(self):
        return self.opens is None or self.closes is None
