from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from base import seo
from base.models import ClinicSettings
from base.views import seo_context

from .forms import AppointmentRequestForm
from .models import AppointmentRequest
from .notify import notify_staff

SESSION_KEY = "appointment_phone"


def crumbs():
    return [(_("Request an appointment"), None)]


def save_once(request, form):
    """Save the request unless this very form was saved before (a double
    click, a retry by the browser or a proxy): the unique submission key
    decides, in the database, so two posts racing on two app hosts still
    make one row. Returns the request, new or already saved."""
    key = form.submission_key
    try:
        with transaction.atomic():
            appointment = form.save(commit=False)
            appointment.submission_key = key
            appointment.save()
            # DJANGO_SITE_URL when set, never a Host header a client chose.
            admin_url = seo.absolute(request, appointment.get_admin_url())
            # The email goes only once the request is safely stored.
            spanish = appointment.language == AppointmentRequest.Language.SPANISH
            transaction.on_commit(
                partial(notify_staff, appointment.pk, admin_url, spanish)
            )
    except IntegrityError:
        if key is None:
            raise
        return AppointmentRequest.objects.get(submission_key=key)
    return appointment


@never_cache  # the page carries a CSRF token
@ratelimit(key="ip", rate=settings.APPOINTMENT_RATE_LIMIT, method="POST", block=False)
def request_appointment(request):
    clinic = ClinicSettings.for_request(request)
    if request.method == "POST":
        if request.limited:
            return render(
                request,
                "appointments/too_many.html",
                # Only the phone: not the form that just refused.
                {"crumbs": crumbs(), "no_call_back": True},
                status=429,
            )
        form = AppointmentRequestForm(request.POST, clinic_phone=clinic.phone_display)
        if form.is_valid():
            if form.is_robot:
                # Look like success so the robot moves on; save nothing.
                return redirect("appointments:done")
            appointment = save_once(request, form)
            request.session[SESSION_KEY] = appointment.phone.as_national
            return redirect("appointments:done")
    else:
        form = AppointmentRequestForm(clinic_phone=clinic.phone_display)
    return render(
        request,
        "appointments/appointmentrequest_form.html",
        {
            "form": form,
            "crumbs": crumbs(),
            "retention_days": settings.APPOINTMENT_RETENTION_DAYS,
            **seo_context(
                request,
                _("Request an appointment"),
                _(
                    "Leave your name and number and %(clinic)s will call you "
                    "back to book an appointment."
                )
                % {"clinic": clinic.name},
                crumbs(),
            ),
        },
    )


@never_cache
def request_received(request):
    return render(
        request,
        "appointments/request_received.html",
        {
            "phone": request.session.pop(SESSION_KEY, None),
            "crumbs": crumbs(),
            "retention_days": settings.APPOINTMENT_RETENTION_DAYS,
        },
    )
