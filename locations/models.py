import datetime
from dataclasses import dataclass
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from base.models import Content, content_history

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


def clock(value):
    """8 am, 6 pm, 8:30 am: how a receptionist would say it."""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.minute:
        return f"{hour}:{value.minute:02d} {suffix}"
    return f"{hour} {suffix}"


@dataclass(frozen=True)
class OpeningStatus:
    is_open: bool
    text: str
    at: datetime.datetime  # the clinic-local time the status was worked out for


class Location(Content):
    street_address = models.CharField(
        max_length=200, blank=True, help_text="Street and number, e.g. 123 E Main St."
    )
    locality = models.CharField("city", max_length=100, help_text="e.g. Phoenix.")
    region = models.CharField(
        "state", max_length=2, default="AZ", help_text="Two letters, e.g. AZ."
    )
    postal_code = models.CharField(
        "ZIP code", max_length=10, help_text="Five digits, e.g. 85050."
    )
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        help_text="Map position, e.g. 33.686300. Used to find the nearest clinic.",
    )
    longitude = models.DecimalField(
        max_digits=9, decimal_places=6, help_text="Map position, e.g. -111.996300."
    )
    phone = PhoneNumberField(
        blank=True,
        help_text="The clinic's own number. Leave empty to show the central "
        "appointment line.",
    )
    treatments = models.ManyToManyField(
        "treatments.Treatment", blank=True, related_name="locations"
    )
    is_demo = models.BooleanField(
        "demo data",
        default=False,
        help_text="Sample data shipped with the site. The page says so until this "
        "is unticked; untick it only once the details are real.",
    )

    url_name = "locations:detail"

    # Set on the list page when a patient searches near a place.
    distance_miles = None

    history = content_history(m2m_fields=["treatments"])

    class Meta(Content.Meta):
        pass

    @property
    def address_lines(self):
        lines = [self.street_address] if self.street_address else []
        lines.append(f"{self.locality}, {self.region} {self.postal_code}")
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
        if not days:
            return None
        today, now = local.weekday(), local.time()
        hours = days.get(today)
        if hours and hours.opens <= now < hours.closes:
            return OpeningStatus(
                True, f"Open now, closes at {clock(hours.closes)}", local
            )
        for ahead in range(8):
            hours = days.get((today + ahead) % 7)
            if hours is None or (ahead == 0 and now >= hours.opens):
                continue
            # Weekday names rather than "tomorrow": a page read just after
            # midnight, or from a cache, stays right.
            if ahead == 0:
                day = "today"
            elif ahead == 7:
                day = f"next {WEEKDAYS[today]}"
            else:
                day = WEEKDAYS[(today + ahead) % 7]
            return OpeningStatus(
                False, f"Closed, opens {day} at {clock(hours.opens)}", local
            )
        return None  # unreachable: some day has hours

    @property
    def directions_url(self):
        return "https://www.google.com/maps/dir/?" + urlencode(
            {"api": 1, "destination": f"{self.latitude},{self.longitude}"}
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

    def natural_key(self):
        return (*self.location.natural_key(), self.weekday)

    natural_key.dependencies = ["locations.location"]

    @property
    def is_closed(self):
        return self.opens is None or self.closes is None
