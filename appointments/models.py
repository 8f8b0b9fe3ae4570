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
        NEW = "new", _("New: not called yet")
        CONTACTED = "contacted", _("Contacted")
        BOOKED = "booked", _("Booked")
        CLOSED = "closed", _("Closed")

    # Field names in staff words (the admin's columns and form); the public
    # form asks in the patient's words (appointments/forms.py).
    name = models.CharField(_("patient's name"), max_length=100)
    phone = PhoneNumberField(_("phone number"))
    location = models.ForeignKey(
        "locations.Location",
        verbose_name=_("clinic chosen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointment_requests",
    )
    location_name = models.CharField(
        _("clinic chosen (as named then)"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_(
            "The clinic's name when the patient chose it, kept if the clinic "
            "is later deleted."
        ),
    )
    time_of_day = models.CharField(
        _("best time to call"),
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
        _("patient's message"),
        max_length=MESSAGE_MAX_LENGTH,
        blank=True,
    )
    status = models.CharField(
        _("status"),
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
    reminded = models.DateTimeField(
        _("in a reminder"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When a reminder email (remind_waiting_requests) first listed this "
            "request as still waiting."
        ),
    )
    # The form's one-time token hashed with the name and number
    # (AppointmentRequestForm.submission_key): a second post of the same form
    # (a double click, a retry) meets this unique column and is recognized
    # as the request already saved, on any app host, atomically.
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created"]
        verbose_name = _("call-back request")
        verbose_name_plural = _("call-back requests")

    def __str__(self):
        # No name: this label is copied into the admin's change log, which
        # the purge could otherwise not reach.
        if self.created:
            return f"Request {self.pk} of {self.created:%b %d, %Y}"
        return "New request"

    def save(self, *args, **kwargs):
        # What the patient chose stays readable if the clinic is deleted
        # (the link itself is then emptied: on_delete=SET_NULL).
        if self.location_id and not self.location_name:
            self.location_name = self.location.name
        super().save(*args, **kwargs)

    @property
    def clinic_chosen(self):
        if self.location is not None:
            return self.location.name
        if self.location_name:
            return _("%(name)s (deleted since)") % {"name": self.location_name}
        return _("No preference")

    def get_admin_url(self):
        return reverse("admin:appointments_appointmentrequest_change", args=[self.pk])
