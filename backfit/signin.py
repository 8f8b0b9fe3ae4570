"""Staff sign-in helpers: what django-axes counts, and the notice of a
lockout."""

import hashlib
import ipaddress
import logging

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import mail_admins, send_mail
from django.db.models import Sum
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext

from .proxy import client_ip

log = logging.getLogger(__name__)

# django-axes' AccessAttempt.username column.
AXES_USERNAME_LENGTH = 255


def axes_username(request, credentials=None):
    """The user name django-axes records for a failed sign-in, cut to fit its
    column and without NUL bytes: the admin's login form does not limit its
    length, and PostgreSQL refuses over-long or NUL-holding text (a 500 on
    every such attempt otherwise)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    if username is None:
        return None
    return str(username).replace("\x00", "")[:AXES_USERNAME_LENGTH]


def axes_client_ip(request):
    """The address django-axes counts failures by: the client's address
    (backfit.proxy), with an IPv6 address cut to its /64 network. One
    household, phone or server holds a whole /64 and can pick a new address
    in it for every guess; counted singly, each guess would look like a new
    client."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return address


def failure_limit(request, credentials):
    """django-axes' limit, two in one. Axes counts the failures of one user
    name from one address (AXES_LOCKOUT_PARAMETERS) and pauses that pair at
    SIGNIN_FAILURE_LIMIT. Once the user name has SIGNIN_ACCOUNT_FAILURE_LIMIT
    failures from all addresses together, the limit is 0: every address is
    paused for that account, the owner's included, until the cool-off ends.
    (Counting the user name alone in AXES_LOCKOUT_PARAMETERS would do the
    second with one limit for both, and would let the owner's next good
    sign-in wipe every address's count.)"""
    username = get_client_username(request, credentials)
    account_failures = (
        AccessAttempt.objects.filter(
            username=username, attempt_time__gte=get_cool_off_threshold(request)
        ).aggregate(total=Sum("failures_since_start"))["total"]
        or 0
    )
    if account_failures >= settings.SIGNIN_ACCOUNT_FAILURE_LIMIT:
        return 0
    return settings.SIGNIN_FAILURE_LIMIT


@receiver(user_locked_out)
def notify_lockout(sender, request=None, username=None, **kwargs):
    """Tell the account's owner (when it has an email address) and the
    admins (ADMINS) that signing in to an existing account was paused. Once per
    user name and cool-off period: axes signals again on every attempt made
    while locked out. No address or browser goes in the mail."""
    if not username:
        return
    user = (
        get_user_model()
        .objects.filter(**{get_user_model().USERNAME_FIELD: username})
        .first()
    )
    if user is None:
        # No account to protect; a mail per guessed name would let anyone
        # flood the admins' inbox.
        return
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    key = "signin-lockout-notice:" + hashlib.sha256(username.encode()).hexdigest()
    if not cache.add(key, 1, timeout=minutes * 60):
        return
    subject = gettext("Staff sign-in locked: %(username)s") % {"username": username}
    body = gettext(
        "Signing in to the website's staff area as “%(username)s” was paused "
        "for %(minutes)s minutes at %(when)s (UTC) after too many wrong "
        "passwords.\n\n"
        "If this was you, wait and try again. If it was not, someone may be "
        "guessing the password: change it once you can sign in again, and "
        "turn on two-step sign-in (your name, top right of the admin, then "
        "“Two-step sign-in”)."
    ) % {
        "username": username,
        "minutes": minutes,
        "when": timezone.now().strftime("%Y-%m-%d %H:%M"),
    }
    try:
        if user.email:
            send_mail(subject, body, None, [user.email])
        mail_admins(subject, body)
    except Exception:  # noqa: BLE001 -- a mail server down never breaks sign-in
        log.exception("The sign-in lockout notice could not be sent.")
