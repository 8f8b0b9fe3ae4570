from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from phonenumber_field.modelfields import PhoneNumberField

from backfit.models import Content


class Location(Content):
    street_address = models.CharField(max_length=200, blank=True)
    locality = models.CharField("city", max_length=100)
    region = models.CharField("state", max_length=2, default="AZ")
    postal_code = models.CharField("ZIP code", max_length=10)
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

    class Meta(Content.Meta):
        pass

    def get_absolute_url(self):
        return reverse("locations:detail", args=[self.slug])

    @property
    def address_lines(self):
        lines = [self.street_address] if self.street_address else []
        lines.append(f"{self.locality}, {self.region} {self.postal_code}")
        return lines

    @property
    def directions_url(self):
        return "https://www.google.com/maps/dir/?" + urlencode(
            {"api": 1, "destination": f"{self.latitude},{self.longitude}"}
        )


class OpeningHoursManager(models.Manager):
    def get_by_natural_key(self, location_slug, weekday):
        return self.get(location__slug=location_slug, weekday=weekday)


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0
        TUESDAY = 1
        WEDNESDAY = 2
        THURSDAY = 3
        FRIDAY = 4
        SATURDAY = 5
        SUNDAY = 6

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField(
        null=True, blank=True, help_text="Leave both times empty if closed all day."
    )
    closes = models.TimeField(null=True, blank=True)

    objects = OpeningHoursManager()

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
