"""Appointment requests: patients who would rather not call leave a name and
a number, and staff call them back.

Only what a call-back needs is kept: no address, no date of birth, no IP
address (the rate limit counts in the cache, not here), and old requests are
deleted by `manage.py purge_appointment_requests`.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

MESSAGE_MAX_LENGTH = 500


class AppointmentRequest(models.Model):
    class TimeOfDay(models.TextChoices):
        ANY = "any", _("Any time")
        MORNING = "morning", _("Morning")
        AFTERNOON = "afternoon", _("Afternoon")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        SPANISH = "es", _("Spanish")

    class Status(models.TextChoices):
        NEW = "new", "New: not called yet"
        CONTACTED = "contacted", "Contacted"
        BOOKED = "booked", "Booked"
        CLOSED = "closed", "Closed"

    name = models.CharField("your name", max_length=100)
    phone = PhoneNumberField("phone number")
    location = models.ForeignKey(
        "locations.Location",
        verbose_name="preferred clinic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointment_requests",
    )
    time_of_day = models.CharField(
        "best time to call",
        max_length=10,
        choices=TimeOfDay.choices,
        default=TimeOfDay.ANY,
    )
    language = models.CharField(
        "preferred language",
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text="The language the patient asked us to call back in.",
    )
    message = models.TextField(
        "anything we should know",
        max_length=MESSAGE_MAX_LENGTH,
        blank=True,
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.NEW,
        help_text="Change this as you work through the request.",
    )
    created = models.DateTimeField("received", auto_now_add=True, db_index=True)
    updated = models.DateTimeField(auto_now=True)
    notified = models.DateTimeField(
        "staff emailed",
        null=True,
        blank=True,
        editable=False,
        help_text="When the notification email went out. Empty if sending failed: "
        "the request is still here.",
    )

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        # No name: this label is copied into the admin's change log, which
        # the purge could otherwise not reach.
        if self.created:
            return f"Request {self.pk} of {self.created:%b %d, %Y}"
        return "New request"

    def get_admin_url(self):
        return reverse("admin:appointments_appointmentrequest_change", args=[self.pk])
