from django import forms
from django.utils.translation import gettext_lazy as _

from locations.models import Location

from .models import MESSAGE_MAX_LENGTH, AppointmentRequest


class AppointmentRequestForm(forms.ModelForm):
    # A field people never see (hidden by CSS, skipped by keyboard and
    # screen readers) that form-filling robots do fill in.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = AppointmentRequest
        fields = ["name", "phone", "location", "time_of_day", "message"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "time_of_day": forms.RadioSelect,
            "message": forms.Textarea(
                attrs={"rows": 4, "maxlength": MESSAGE_MAX_LENGTH}
            ),
        }
        # The patient's words (the model's are the staff's).
        labels = {
            "name": _("Your name"),
            "phone": _("Phone number"),
            "location": _("Preferred clinic"),
            "time_of_day": _("Best time to call"),
            "message": _("Anything we should know"),
        }
        help_texts = {
            "phone": "We will call you back on this number, e.g. (480) 555-0100.",
            "message": f"Up to {MESSAGE_MAX_LENGTH} characters. No need for medical "
            "details: we will talk on the phone.",
        }
        error_messages = {
            "name": {"required": "Please tell us your name."},
            "phone": {
                "required": "Please give a phone number so we can call you back.",
                "invalid": "Please enter a phone number we can call, "
                "e.g. (480) 555-0100.",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.published()
        self.fields["location"].empty_label = "No preference"
        self.fields["name"].widget.attrs["maxlength"] = 100

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Please tell us your name.")
        return name

    @property
    def is_robot(self):
        return bool(self.cleaned_data.get("website"))
