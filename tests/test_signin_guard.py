"""Guessing a staff password from many addresses (issue 19, finding 4): the
account itself has a limit, IPv6 addresses count per /64 network, the owner
and the admins hear of a lockout, and staff may add a second step (a code
from an authenticator app), required for superusers when DJANGO_STAFF_2FA
is on."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.urls import reverse

from .editing import EDITOR_PASSWORD, make_editor

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
IPV4 = [f"198.51.100.{n}" for n in range(1, 13)]
IPV6_ONE_64 = [f"2001:db8:4:7:{n:x}::{n:x}" for n in range(1, 13)]


@pytest.fixture(autouse=True)
def mail_backend(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ADMINS = [("Site admin", "it@example.com")]
    from django.core.cache import cache

    cache.clear()


def sign_in(client, password, address):
    return client.post(
        LOGIN,
        {"username": "editor", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


@pytest.mark.parametrize("addresses", [IPV4, IPV6_ONE_64], ids=["ipv4", "ipv6-64"])
def test_twelve_wrong_passwords_from_twelve_addresses_lock_the_account(
    client, addresses
):
    make_editor()
    for address in addresses:
        sign_in(client, "wrong password", address)
    # The right password, from yet another address, is refused plainly.
    response = sign_in(client, EDITOR_PASSWORD, "203.0.113.200")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in locked for now" in page
    assert "too many wrong passwords" in page
    assert "_auth_user_id" not in client.session


def test_one_ipv6_network_counts_as_one_address(client):
    """Five wrong passwords from five addresses in one /64 (one household's or
    one server's network) lock that network out, as one IPv4 address would;
    the owner, elsewhere, still signs in."""
    make_editor()
    for address in IPV6_ONE_64[: settings.SIGNIN_FAILURE_LIMIT]:
        sign_in(client, "wrong password", address)
    assert sign_in(client, EDITOR_PASSWORD, IPV6_ONE_64[-1]).status_code == 429
    assert {a.ip_address for a in AccessAttempt.objects.all()} == {"2001:db8:4:7::"}
    assert sign_in(client, EDITOR_PASSWORD, "2001:db8:9::1").status_code == 302


def test_a_few_wrong_passwords_elsewhere_do_not_lock_the_owner_out(client):
    """Below the account's limit, the owner signs in from their own address."""
    make_editor()
    for address in IPV4[: settings.SIGNIN_ACCOUNT_FAILURE_LIMIT - 2]:
        sign_in(client, "wrong password", address)
    assert sign_in(client, EDITOR_PASSWORD, "203.0.113.5").status_code == 302


def test_the_owner_and_the_admins_hear_of_a_lockout_once(client):
    make_editor()
    for address in IPV4:
        sign_in(client, "wrong password", address)
    sign_in(client, EDITOR_PASSWORD, "203.0.113.200")
    notices = [m for m in mail.outbox if "locked" in m.subject]
    assert len(notices) == 2, [m.subject for m in mail.outbox]
    to = sorted(address for m in notices for address in m.to)
    assert to == ["editor@example.com", "it@example.com"]
    body = notices[0].body
    assert "editor" in body and "wrong passwords" in body
    assert "198.51.100" not in body  # no address in the mail


def test_guessing_names_that_are_no_account_sends_no_mail(client):
    """No account to protect, and a mail per guessed name would let anyone
    flood the admins' inbox; the name is still locked like any other."""
    for address in IPV4:
        client.post(
            LOGIN,
            {"username": "nosuchperson", "password": "guess"},
            REMOTE_ADDR=address,
        )
    assert mail.outbox == []
