"""Two-step sign-in for staff: a password, then a 6-digit code from an
authenticator app (TOTP, django-otp).

- Optional for every staff account: once a person turns it on (their name,
  top right of the admin, "Two-step sign-in"), their account asks for the
  code at every sign-in, and a session signed in without it is sent back to
  the sign-in page.
- Required for superusers when DJANGO_STAFF_2FA is on: until they have set it
  up, every admin page sends them to the set-up page.
- Codes are checked by django-otp, which slows down repeated wrong codes
  (each wrong code doubles the wait before the next is checked).
"""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

#: Admin pages a superuser who must set up two-step sign-in may still open.
OPEN_BEFORE_SET_UP = {"two_step", "logout", "jsi18n"}


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def required_for(user):
    """Whether this account may not go without two-step sign-in."""
    return bool(settings.STAFF_2FA and user.is_superuser)


def must_set_up(request):
    user = request.user
    return (
        user.is_active
        and user.is_staff
        and required_for(user)
        and confirmed_device(user) is None
    )


def signed_in_fully(request):
    """False for a session that signed in with the password alone while the
    account has two-step sign-in turned on."""
    return confirmed_device(request.user) is None or request.user.is_verified()


def token_field():
    return forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=10,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "size": 8,
            }
        ),
    )


class TwoStepAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form with a code field, asked for only when the
    account has two-step sign-in on."""

    otp_token = token_field()

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "otp": _(
            "Please enter the correct username, password and the 6-digit code "
            "from your authenticator app. If you have lost your phone, ask the "
            "site's administrator to turn two-step sign-in off for you."
        ),
    }

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        device = confirmed_device(user) if user is not None else None
        if device is not None:
            token = "".join(cleaned.get("otp_token", "").split())
            if not token or not device.verify_token(token):
                raise forms.ValidationError(self.error_messages["otp"], code="otp")
            # django-otp marks the session as verified when it signs in.
            user.otp_device = device
        return cleaned


class CodeForm(forms.Form):
    otp_token = token_field()


def qr_path(text, border=4):
    """The QR code of `text` as the size and path data of one SVG <path>:
    plain numbers the template writes escaped like any other text (nothing
    is marked safe)."""
    rows = list(segno.make(text, error="m").matrix_iter(border=border))
    steps = [
        f"M{x} {y}h1v1h-1z"
        for y, row in enumerate(rows)
        for x, dark in enumerate(row)
        if dark
    ]
    return len(rows), "".join(steps)


def grouped_key(device):
    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def two_step_view(admin_site, request):
    """Turn two-step sign-in on (scan the QR code or type the key, then
    confirm with a code), replace the phone, or turn it off (unless the
    account must keep it)."""
    user = request.user
    confirmed = confirmed_device(user)
    required = required_for(user)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "off" and confirmed is not None and not required:
        TOTPDevice.objects.filter(user=user).delete()
        messages.success(request, gettext("Two-step sign-in is off."))
        return redirect("admin:two_step")
    setting_up = confirmed is None or "new" in request.GET or action == "confirm"
    pending = None
    form = CodeForm(request.POST if action == "confirm" else None)
    if setting_up:
        pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if pending is None:
            pending = TOTPDevice.objects.create(
                user=user, name=gettext("Authenticator app"), confirmed=False
            )
        if action == "confirm" and form.is_valid():
            token = "".join(form.cleaned_data["otp_token"].split())
            if token and pending.verify_token(token):
                pending.confirmed = True
                pending.save()
                TOTPDevice.objects.filter(user=user).exclude(pk=pending.pk).delete()
                otp_login(request, pending)
                messages.success(
                    request,
                    gettext(
                        "Two-step sign-in is on: from now on, signing in asks "
                        "for a code from your authenticator app."
                    ),
                )
                return redirect("admin:index")
            form.add_error(
                "otp_token",
                gettext(
                    "That code did not match. Check that the app shows the "
                    "BackFit website entry, wait a few seconds and type the "
                    "code it shows now."
                ),
            )
    context = {
        **admin_site.each_context(request),
        "title": gettext("Two-step sign-in"),
        "confirmed": confirmed,
        "required": required,
        "pending": pending,
        "form": form,
    }
    if pending is not None:
        context["qr_size"], context["qr_path"] = qr_path(pending.config_url)
        context["key"] = grouped_key(pending)
    return TemplateResponse(request, "admin/two_step.html", context)


def setup_url():
    return reverse("admin:two_step")
