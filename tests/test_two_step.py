"""Two-step sign-in for staff (issue 19, finding 4): optional for every staff
account, required for superusers when DJANGO_STAFF_2FA is on, set up by
staff themselves from the admin."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .editing import EDITOR_PASSWORD, make_editor

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
SETUP = reverse("admin:two_step")
INDEX = reverse("admin:index")


def code(device):
    """The code the phone shows now."""
    return f"{totp(device.bin_key):06d}"


def device_for(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def sign_in(client, username, password, otp_token=""):
    return client.post(
        LOGIN,
        {
            "username": username,
            "password": password,
            "otp_token": otp_token,
            "next": INDEX,
        },
    )


def test_staff_set_it_up_themselves_from_the_admin(client):
    editor = make_editor()
    client.force_login(editor)
    page = client.get(INDEX).content.decode()
    assert f'href="{SETUP}"' in page  # in the user links, on every admin page
    setup = client.get(SETUP)
    assert setup.status_code == 200
    html = setup.content.decode()
    assert "<svg" in html and 'aria-label="QR code for your authenticator app"' in html
    pending = TOTPDevice.objects.get(user=editor, confirmed=False)
    key = re.search(r'<code class="two-step-key">([A-Z2-7 ]+)</code>', html).group(1)
    assert key.replace(" ", "") in pending.config_url
    assert "no-store" in setup["Cache-Control"] or "private" in setup["Cache-Control"]

    wrong = client.post(SETUP, {"action": "confirm", "otp_token": "000000"})
    assert wrong.status_code == 200
    assert "That code did not match" in wrong.content.decode()
    # django-otp waits a second after a wrong code before it checks another;
    # as if that second had passed:
    pending.throttle_reset()

    done = client.post(SETUP, {"action": "confirm", "otp_token": code(pending)})
    assert done.status_code == 302
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert client.get(INDEX).status_code == 200  # this session is verified


def test_with_it_on_the_password_alone_is_refused(client):
    editor = make_editor()
    device = device_for(editor)
    response = sign_in(client, "editor", EDITOR_PASSWORD)
    assert response.status_code == 200
    assert "6-digit code" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert sign_in(client, "editor", EDITOR_PASSWORD, "123456").status_code == 200
    assert "_auth_user_id" not in client.session

    device.refresh_from_db()
    device.throttle_reset()  # as if the second after a wrong code had passed
    response = sign_in(client, "editor", EDITOR_PASSWORD, code(device))
    assert response.status_code == 302
    assert client.get(INDEX).status_code == 200


def test_a_session_without_the_code_is_sent_back_to_sign_in(client):
    editor = make_editor()
    device_for(editor)
    client.force_login(editor)  # the password alone
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_without_it_staff_sign_in_with_the_password(client):
    make_editor()
    assert sign_in(client, "editor", EDITOR_PASSWORD).status_code == 302
    assert client.get(INDEX).status_code == 200


def test_staff_may_turn_it_off_again(client):
    editor = make_editor()
    device = device_for(editor)
    sign_in(client, "editor", EDITOR_PASSWORD, code(device))
    response = client.post(SETUP, {"action": "off"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_superusers_must_set_it_up_when_required(client, settings, admin_user):
    settings.STAFF_2FA = True
    response = sign_in(client, "admin", "a long test password 1")
    assert response.status_code == 302
    for url in (INDEX, reverse("admin:auth_user_changelist")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == SETUP
    assert "needs two-step sign-in" in client.get(SETUP).content.decode()
    pending = TOTPDevice.objects.get(user=admin_user, confirmed=False)
    client.post(SETUP, {"action": "confirm", "otp_token": code(pending)})
    assert client.get(INDEX).status_code == 200
    # And it cannot be turned off.
    client.post(SETUP, {"action": "off"})
    assert TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()


def test_when_not_required_a_superuser_may_go_without(client, settings, admin_user):
    settings.STAFF_2FA = False
    sign_in(client, "admin", "a long test password 1")
    assert client.get(INDEX).status_code == 200


def test_staff_who_are_not_superusers_are_not_forced(client, settings):
    settings.STAFF_2FA = True
    make_editor()
    sign_in(client, "editor", EDITOR_PASSWORD)
    assert client.get(INDEX).status_code == 200
