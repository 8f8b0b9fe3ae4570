"""The clinic's own settings: its name, the one appointment phone number and
the texts staff keep about the clinic (the privacy page, "More about"), stored
once and shown everywhere. A model of the base app (label "backfit"),
imported by base/models.py."""

from django.db import models
from django.urls import reverse
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from . import memory

PRIVACY_TEXT = """\
This website uses no tracking or advertising cookies and no analytics, and it \
loads no scripts, fonts or images from other companies: every part of every \
page comes from our own server.

Cookies: the appointment request form sets a security cookie that stops other \
websites from sending the form in your name. After you send a request, a \
session cookie lets the thank-you page show your number back to you; it ends \
when you close your browser. Nothing else is stored in your browser.

Our server keeps short technical logs so we can keep the site working: the \
time, the page asked for (without your search words, ZIP code or location) \
and how long it took. They do not hold your IP address, your browser or the \
page you came from.

Searches and "nearest clinic" look-ups are worked out on our own server. \
Look-ups are not stored; of a search, only its words are counted, with \
nothing about who searched (see "What you search for" below). "Use my \
location" asks your permission in your browser first and sends only a \
rounded position (to about 100 meters).

"Get directions" links open a maps website, whose own privacy policy applies \
once you follow the link."""

PRIVACY_CLINIC_TEXT = """\
How the clinic looks after your information once you are a patient (our \
notice of privacy practices), and who to contact about it, will be published \
here. Until then, call us with any question about your information."""


class ClinicSettings(models.Model):
    """The clinic's name and appointment line, stored once and shown everywhere."""

    name = models.CharField(
        "clinic name",
        max_length=120,
        default="BackFit Health + Spine",
        help_text="Shown in the header, the footer and every page's title.",
    )
    phone = PhoneNumberField(
        "appointment phone number",
        help_text="The appointment line shown on every page, e.g. (877) 222-5348. "
        "Type it the way you would dial it; it is checked to be a real number.",
    )
    contact_heading = models.CharField(
        max_length=80,
        default="Appointment Inquiries",
        help_text="Heading of the contact block shown on every page.",
    )
    contact_lead = models.CharField(
        max_length=80,
        default="Call us at:",
        help_text="Words shown just before the phone number.",
    )
    tagline = models.CharField(
        max_length=200,
        blank=True,
        help_text="One sentence about the clinic, shown on the home page.",
    )
    more_about_heading = models.CharField(max_length=80, default="More About BackFit")
    more_about_text = models.TextField(
        blank=True,
        help_text="Closing paragraph on condition pages, above the links to "
        "locations, treatments and the new patient offer.",
    )

    new_patient_heading = models.CharField(
        max_length=120,
        default="Our new patient offer",
        help_text="Title of the New patients page.",
    )
    new_patient_text = models.TextField(
        default="Details of our new patient offer are coming soon. Call us and our "
        "team will tell you what it includes.",
        help_text="The offer, in full: what it includes and its terms. Leave a blank "
        "line between paragraphs.",
    )
    new_patient_is_placeholder = models.BooleanField(
        "new patient text is a placeholder",
        default=True,
        help_text="While ticked, the page says the offer's details are still to be "
        "confirmed. Untick once the text above describes the real offer.",
    )

    spanish_on_phone = models.BooleanField(
        "Spanish spoken on the appointment line",
        default=False,
        help_text="Tick only when someone who speaks Spanish answers the appointment "
        "line during opening hours: every page then says “Se habla español” "
        "beside the number.",
    )

    privacy_heading = models.CharField(
        max_length=120,
        default="Privacy",
        help_text="Title of the Privacy page (/privacy/).",
    )
    privacy_text = models.TextField(
        default=PRIVACY_TEXT,
        help_text="What this website does with visitors' information (cookies, "
        "other companies, logs). Shipped describing the site as built; change it "
        "only if the website changes. Leave a blank line between paragraphs. "
        "What happens to appointment requests (who sees them, how long they "
        "are kept) is added below it from the site's settings.",
    )
    privacy_clinic_text = models.TextField(
        "the clinic's privacy notice",
        default=PRIVACY_CLINIC_TEXT,
        help_text="The clinic's own words: how it uses and protects patients' "
        "information and who to contact. Shown at the end of the Privacy page.",
    )
    privacy_clinic_is_placeholder = models.BooleanField(
        "clinic's privacy notice is a placeholder",
        default=True,
        help_text="While ticked, the Privacy page says the clinic's notice is "
        "still being written. Untick once the text above is the real notice.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "clinic settings"
        verbose_name_plural = "clinic settings"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1  # one row, always
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("home")

    @classmethod
    def for_request(cls, request):
        """The settings as pages show them, read once per content version
        however many templates and views ask (base/memory.py)."""
        return cls.load_for_pages()

    @classmethod
    def load_for_pages(cls):
        """The settings as pages show them, read once per content version
        (base.memory.kept)."""
        return memory.kept(cls, cls.load)

    @classmethod
    def as_shipped(cls):
        """The settings as shipped, unsaved: for before the seed step has run,
        and for pages that must not (or cannot) read the database."""
        return cls(pk=1, phone="+18772225348")

    @classmethod
    def load(cls):
        return cls.objects.filter(pk=1).first() or cls.as_shipped()

    @property
    def phone_href(self):
        return f"tel:{self.phone.as_e164}"

    @property
    def phone_display(self):
        return self.phone.as_national
