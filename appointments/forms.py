import hashlib
import secrets
import unicodedata

import phonenumbers
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from locations.models import Location

from .models import MESSAGE_MAX_LENGTH, AppointmentRequest

# Numbers staff can dial at a normal cost. Premium rate, shared cost,
# "personal" (+1 500: the caller pays), pagers and numbers of unknown kind
# are refused; so is every number outside the US, +1 876 (Jamaica) and
# +1 809 (Dominican Republic) included, which look local but are not.
CALLABLE_TYPES = {
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    phonenumbers.PhoneNumberType.TOLL_FREE,
    phonenumbers.PhoneNumberType.VOIP,
}
# Bidirectional controls: they reorder the text around them, so a name
# could read one way in the admin and be another.
BIDI_CONTROLS = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def has_bidi_controls(text):
    return any(unicodedata.bidirectional(char) in BIDI_CONTROLS for char in text)


def has_letters(text):
    return any(unicodedata.category(char)[0] == "L" for char in text)


def new_submission_token():
    return secrets.token_urlsafe(18)


class AppointmentRequestForm(forms.ModelForm):
    # A field people never see (hidden by CSS, skipped by keyboard and
    # screen readers) that form-filling robots do fill in.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # One per form shown (never a cached page): a second post of the same
    # form (a double click, a browser's or a proxy's retry) is the same
    # request, not a new one. See AppointmentRequest.submission_key.
    submission = forms.CharField(
        required=False, max_length=64, widget=forms.HiddenInput
    )

    class Meta:
        model = AppointmentRequest
        fields = ["name", "phone", "location", "time_of_day", "language", "message"]
        # The patient's words (the model's are the staff's).
        labels = {
            "name": _("Your name"),
            "phone": _("Phone number"),
            "location": _("Preferred clinic"),
            "time_of_day": _("Best time to call"),
            "language": _("Language for the call"),
            "message": _("Anything we should know"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "time_of_day": forms.RadioSelect,
            "language": forms.RadioSelect,
            "message": forms.Textarea(
                attrs={"rows": 4, "maxlength": MESSAGE_MAX_LENGTH}
            ),
        }
        help_texts = {
            "phone": _("A US number we will call you back on, e.g. (480) 555-0100."),
            "message": format_lazy(
                _(
                    "Up to {count} characters. No need for medical details: we "
                    "will talk on the phone."
                ),
                count=MESSAGE_MAX_LENGTH,
            ),
        }
        error_messages = {
            "name": {"required": _("Please tell us your name.")},
            "phone": {
                "required": _("Please give a phone number so we can call you back."),
                "invalid": _(
                    "Please enter a phone number we can call, e.g. (480) 555-0100."
                ),
            },
        }

    def __init__(self, *args, clinic_phone="", **kwargs):
        super().__init__(*args, **kwargs)
        self.clinic_phone = clinic_phone
        self.fields["location"].queryset = Location.objects.published()
        self.fields["location"].empty_label = _("No preference")
        # Asked on a Spanish page, the call is in Spanish unless changed.
        if not self.is_bound:
            self.initial.setdefault("language", get_language() or "en")
            self.initial["submission"] = new_submission_token()
        self.fields["language"].required = False
        self.fields["name"].widget.attrs["maxlength"] = 100

    def clean_language(self):
        # Not asked (an old form, a robot): English, as before the question.
        return self.cleaned_data.get("language") or AppointmentRequest.Language.ENGLISH

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        # Made only of invisible characters (zero-width spaces, joiners,
        # soft hyphens) or holding a control that reverses the text.
        if not has_letters(name) or has_bidi_controls(name):
            raise forms.ValidationError(
                _("Please tell us your name, in letters."), code="invisible"
            )
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        number = phonenumbers.parse(phone.as_e164)
        if (
            phonenumbers.region_code_for_number(number) != "US"
            or phonenumbers.number_type(number) not in CALLABLE_TYPES
        ):
            raise forms.ValidationError(
                _(
                    "We can only call back a US phone number at a normal cost "
                    "(not a premium-rate or international number). Please give "
                    "another number, or call us on %(phone)s."
                )
                % {"phone": self.clinic_phone},
                code="not_callable",
            )
        return phone

    def clean_message(self):
        message = self.cleaned_data["message"]
        if has_bidi_controls(message):
            raise forms.ValidationError(
                _(
                    "Please remove the hidden characters that change the "
                    "direction of the text."
                ),
                code="bidi",
            )
        return message

    @property
    def is_robot(self):
        return bool(self.cleaned_data.get("website"))

    @property
    def submission_key(self):
        """Who sent this form, once: the form's token with the name and number
        (so that even a token seen twice, say from a page kept by a proxy,
        never merges two patients' requests), or None without a token."""
        token = self.cleaned_data.get("submission")
        if not token:
            return None
        data = "\n".join(
            [token, self.cleaned_data["name"], self.cleaned_data["phone"].as_e164]
        )
        return hashlib.sha256(data.encode()).hexdigest()
