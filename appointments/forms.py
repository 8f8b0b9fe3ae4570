from django import forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from locations.models import Location

from .models import MESSAGE_MAX_LENGTH, AppointmentRequest


class AppointmentRequestForm(forms.ModelForm):
    # A field people never see (hidden by CSS, skipped by keyboard and
    # screen readers) that form-filling robots do fill in.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
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
            "phone": _("We will call you back on this number, e.g. (480) 555-0100."),
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.published()
        self.fields["location"].empty_label = _("No preference")
        # Asked on a Spanish page, the call is in Spanish unless changed.
        if not self.is_bound:
            self.initial.setdefault("language", get_language() or "en")
        self.fields["language"].required = False
        self.fields["name"].widget.attrs["maxlength"] = 100
        self.fields["message"].help_text = gettext(
            "Up to %(count)s characters. No need for medical details: we will "
            "talk on the phone."
        ) % {"count": MESSAGE_MAX_LENGTH}

    def clean_language(self):
        # Not asked (an old form, a robot): English, as before the question.
        return self.cleaned_data.get("language") or AppointmentRequest.Language.ENGLISH

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please tell us your name."))
        return name

    @property
    def is_robot(self):
        return bool(self.cleaned_data.get("website"))
