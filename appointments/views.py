from functools import partial

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from base import seo
from base.models import ClinicSettings
from base.views import seo_context

from .forms import AppointmentRequestForm
from .notify import notify_staff

CRUMBS = [("Request an appointment", None)]
SESSION_KEY = "appointment_phone"


@never_cache  # the page carries a CSRF token
@ratelimit(key="ip", rate=settings.APPOINTMENT_RATE_LIMIT, method="POST", block=False)
def request_appointment(request):
    if request.method == "POST":
        if request.limited:
            return render(
                request,
                "appointments/too_many.html",
                # Only the phone: not the form that just refused.
                {"crumbs": CRUMBS, "no_call_back": True},
                status=429,
            )
        form = AppointmentRequestForm(request.POST)
        if form.is_valid():
            if form.is_robot:
                # Look like success so the robot moves on; save nothing.
                return redirect("appointments:done")
            with transaction.atomic():
                appointment = form.save()
                # DJANGO_SITE_URL when set, never a Host header a client chose.
                admin_url = seo.absolute(request, appointment.get_admin_url())
                # The email goes only once the request is safely stored.
                transaction.on_commit(partial(notify_staff, appointment.pk, admin_url))
            request.session[SESSION_KEY] = appointment.phone.as_national
            return redirect("appointments:done")
    else:
        form = AppointmentRequestForm()
    return render(
        request,
        "appointments/appointmentrequest_form.html",
        {
            "form": form,
            "crumbs": CRUMBS,
            "retention_days": settings.APPOINTMENT_RETENTION_DAYS,
            **seo_context(
                request,
                "Request an appointment",
                f"Leave your name and number and "
                f"{ClinicSettings.for_request(request).name} will call you back "
                "to book an appointment.",
                CRUMBS,
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
            "crumbs": CRUMBS,
            "retention_days": settings.APPOINTMENT_RETENTION_DAYS,
        },
    )
