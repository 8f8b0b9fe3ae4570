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


@checks.register(checks.Tags.security, deploy=True)
def proxies_are_said(app_configs, **kwargs):
    if settings.TRUSTED_PROXIES is None:
        return [
            checks.Warning(
                "DJANGO_TRUSTED_PROXIES is not set, so every request is taken "
                "to come straight from the visitor. Behind a load balancer the "
                "sign-in lockout and the appointment rate limit would then "
                "count the balancer's address: one person could lock a staff "
                "name, or use up the limit, for everyone.",
                hint="Set DJANGO_TRUSTED_PROXIES to the number of proxies in "
                "front of gunicorn that append to X-Forwarded-For (1 for one "
                "nginx or load balancer), or to 0 when visitors connect "
                "directly.",
                id="backfit.W002",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    if not settings.SITE_URL:
        return [
            checks.Warning(
                "DJANGO_SITE_URL is not set, so canonical links, the sitemap, "
                "security.txt and the link in the staff email name whatever "
                "allowed Host (and port) a request came with.",
                hint="Set DJANGO_SITE_URL to the public address, e.g. "
                "https://www.example.com.",
                id="backfit.W003",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def appointment_email_is_set(app_configs, **kwargs):
    if not settings.APPOINTMENT_NOTIFY_EMAIL:
        return [
            checks.Warning(
                "APPOINTMENT_NOTIFY_EMAIL is empty, so no one is emailed when a "
                "patient asks for a call back, and remind_waiting_requests has "
                "no one to remind: a request can wait unseen.",
                hint="Set APPOINTMENT_NOTIFY_EMAIL to the front desk's address "
                "(several, comma-separated), and EMAIL_URL to a mail server.",
                id="backfit.W004",
            )
        ]
    return []
