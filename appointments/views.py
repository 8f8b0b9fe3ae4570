from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from django_ratelimit.decorators import ratelimit

from base import formpage, seo
from base.models import ClinicSettings
from base.views import SeoMixin

from .forms import AppointmentRequestForm, new_submission_token
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


@method_decorator(never_cache, name="dispatch")  # the page carries a CSRF token
@method_decorator(
    ratelimit(
        key="ip", rate=settings.APPOINTMENT_RATE_LIMIT, method="POST", block=False
    ),
    name="dispatch",
)
class AppointmentRequestView(SeoMixin, FormView):
    """The call-back form: a patient leaves a name and number, staff call
    back. A few posts per address at most; a robot (the hidden field) is
    shown success and nothing is saved."""

    form_class = AppointmentRequestForm
    template_name = "appointments/appointmentrequest_form.html"
    http_method_names = ["get", "head", "post", "options"]

    def get_page_title(self):
        return _("Request an appointment")

    def get_page_description(self, clinic):
        return _(
            "Leave your name and number and %(clinic)s will call you back to "
            "book an appointment."
        ) % {"clinic": clinic.name}

    def get_crumbs(self):
        return crumbs()

    def get_form_kwargs(self):
        clinic = ClinicSettings.for_request(self.request)
        return {**super().get_form_kwargs(), "clinic_phone": clinic.phone_display}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            crumbs=crumbs(),
            retention_days=settings.APPOINTMENT_RETENTION_DAYS,
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        # Rendered once per content version; each visitor's own CSRF and
        # submission tokens filled in (base/formpage.py): the page every
        # visitor's first step reaches stays cheap under load.
        html = formpage.rendered_once(
            request,
            self.render_with_slots,
            {
                formpage.slot("csrf"): lambda: get_token(request),
                formpage.slot("submission"): new_submission_token,
            },
        )
        if html is None:
            return super().get(request, *args, **kwargs)
        return HttpResponse(html)

    def render_with_slots(self):
        form = self.get_form()
        form.initial["submission"] = formpage.slot("submission")
        context = self.get_context_data(form=form, csrf_token=formpage.slot("csrf"))
        return render_to_string(self.get_template_names(), context, self.request)

    def post(self, request, *args, **kwargs):
        if request.limited:
            return render(
                request,
                "appointments/too_many.html",
                # Only the phone: not the form that just refused.
                {"crumbs": crumbs(), "no_call_back": True},
                status=429,
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        # A robot is shown success, so it moves on; nothing is saved.
        if not form.is_robot:
            appointment = save_once(self.request, form)
            self.request.session[SESSION_KEY] = appointment.phone.as_national
        return redirect("appointments:done")


@method_decorator(never_cache, name="dispatch")
class RequestReceivedView(TemplateView):
    """The thank-you page: the patient's number, shown once."""

    template_name = "appointments/request_received.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            phone=self.request.session.pop(SESSION_KEY, None),
            crumbs=crumbs(),
            retention_days=settings.APPOINTMENT_RETENTION_DAYS,
            **kwargs,
        )
