"""Appointment requests: patients who would rather not call leave a name and
a number, and staff call them back.

Only what a call-back needs is kept: no address, no date of birth, no IP
address (the rate limit counts in the cache, not here), and old requests are
deleted by `manage.py purge_appointment_requests`.
"""

from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

MESSAGE_MAX_LENGTH = 500


class AppointmentRequest(models.Model):
    class TimeOfDay(models.TextChoices):
        ANY = "any", _("Any time")
        MORNING = "morning", _("Morning")
        AFTERNOON = "afternoon", _("Afternoon")

    class Status(models.TextChoices):
        NEW = "new", _("New: not called yet")
        CONTACTED = "contacted", _("Contacted")
        BOOKED = "booked", _("Booked")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("your name"), max_length=100)
    phone = PhoneNumberField(_("phone number"))
    location = models.ForeignKey(
        "locations.Location",
        verbose_name=_("preferred clinic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointment_requests",
    )
    time_of_day = models.CharField(
        _("best time to call"),
        max_length=10,
        choices=TimeOfDay.choices,
        default=TimeOfDay.ANY,
    )
    message = models.TextField(
        _("anything we should know"),
        max_length=MESSAGE_MAX_LENGTH,
        blank=True,
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.NEW,
        help_text=_("Change this as you work through the request."),
    )
    created = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated = models.DateTimeField(auto_now=True)
    notified = models.DateTimeField(
        _("staff emailed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When the notification email went out. Empty if sending failed: "
            "the request is still here."
        ),
    )
    # The form's one-time token hashed with the name and number
    # (AppointmentRequestForm.submission_key): a second post of the same form
    # (a double click, a retry) meets this unique column and is recognised
    # as the request already saved, on any app host, atomically.
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        # No name: this label is copied into the admin's change log, which
        # the purge could otherwise not reach.
        if self.created:
            return _("Request %(pk)s of %(date)s") % {
                "pk": self.pk,
                "date": date_format(self.created, "M d, Y"),
            }
        return str(_("New request"))

    def get_admin_url(self):
        return reverse("admin:appointments_appointmentrequest_change", args=[self.pk])
