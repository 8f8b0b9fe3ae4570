from django.utils.translation import gettext_lazy as _

from base import registry


class AppointmentsConfig(registry.SiteAppConfig):
    """Patients' call-back requests: not content (a request changes no
    page), so a SiteAppConfig: its links, and its box first on the admin's
    home page (patients waiting for a call back)."""

    name = "appointments"
    verbose_name = _("Call-back requests")
    links = {"call_back": "appointments:request"}
    navigation = [(50, "footer", _("Ask us to call you back"), "call_back")]
    admin_home_blocks = [
        (10, "appointments/admin_home.html", "appointments.admin.home")
    ]
