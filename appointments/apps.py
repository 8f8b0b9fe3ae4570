from django.utils.translation import gettext_lazy as _

from base import registry


class AppointmentsConfig(registry.SiteAppConfig):
    """Patients' call-back requests: not content (a request changes no
    page), so a SiteAppConfig, which only declares its links."""

    name = "appointments"
    verbose_name = _("Appointment requests")
    links = {"call_back": "appointments:request"}
    navigation = [(50, "footer", _("Ask us to call you back"), "call_back")]
