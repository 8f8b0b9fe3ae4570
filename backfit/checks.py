"""Deploy checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def security_contact_is_set(app_configs, **kwargs):
    if settings.SECURITY_CONTACT == settings.SECURITY_CONTACT_PLACEHOLDER:
        return [
            checks.Warning(
                "SECURITY_CONTACT is the placeholder address, so "
                "/.well-known/security.txt tells nobody where to report a "
                "vulnerability.",
                hint="Set SECURITY_CONTACT to mailto:someone@your-domain or an "
                "https:// page with a contact form.",
                id="backfit.W001",
            )
        ]
    return []
