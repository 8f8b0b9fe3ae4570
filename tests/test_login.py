"""The admin's door: where it is, what happens after wrong passwords, and how
long a staff session lasts."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from .editing import EDITOR_PASSWORD, make_editor

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


def test_the_admin_path_comes_from_django_admin_url():
    code = (
        "import django; django.setup();"
        "from django.urls import reverse, resolve, Resolver404;"
        "print(reverse('admin:index'));"
        "resolve('/staff-door-41/login/');"
        "\ntry:\n    resolve('/admin/')\nexcept Resolver404:\n    print('no /admin/')"
    )
    env = {
        **os.environ,
        "DJANGO_ADMIN_URL": "/staff-door-41/",
        "DJANGO_SETTINGS_MODULE": "backfit.settings",
        "DJANGO_SECRET_KEY": "test-only-key-for-a-subprocess-0123456789",
    }
    out = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    ).stdout.split()
    assert out == ["/staff-door-41/", "no", "/admin/"]


def attempt(client, password):
    return client.post(
        LOGIN, {"username": "editor", "password": password, "next": "/admin/"}
    )


def test_repeated_wrong_passwords_lock_the_login_for_a_while(client):
    make_editor()
    for _ in range(settings.SIGNIN_FAILURE_LIMIT - 1):
        response = attempt(client, "wrong password")
        assert response.status_code == 200  # the login form again, with an error
        assert "Please enter the correct username and password" in (
            response.content.decode()
        )
    response = attempt(client, "wrong password")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in locked for now" in page
    assert "wait 15 minutes" in page
    # While locked, even the right password does not get in.
    response = attempt(client, EDITOR_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session

    # After the cool-off time the right password works again.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(1)
    )
    response = attempt(client, EDITOR_PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_lockout_of_one_user_does_not_lock_out_another(client):
    make_editor()
    other = make_editor("reception")
    for _ in range(settings.SIGNIN_FAILURE_LIMIT):
        attempt(client, "wrong password")
    response = client.post(
        LOGIN, {"username": other.username, "password": EDITOR_PASSWORD}
    )
    assert response.status_code == 302


def test_staff_sessions_expire(client):
    make_editor()
    response = attempt(client, EDITOR_PASSWORD)
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]  # ends with the browser
    session = Session.objects.get(session_key=cookie.value)
    lifetime = session.expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < lifetime <= timedelta(hours=8)

    assert client.get(reverse("admin:index")).status_code == 200
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_behind_the_load_balancer_one_client_cannot_lock_out_another(client, settings):
    """Every request arrives from the load balancer's address; with the proxy
    setting the lockout counts per real client (X-Forwarded-For), so someone
    guessing passwords cannot lock a staff name for everyone."""
    settings.TRUSTED_PROXIES = 1
    make_editor()
    balancer = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = {**balancer, "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    for _ in range(settings.SIGNIN_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "editor", "password": "wrong"}, **attacker)
    assert (
        client.post(
            LOGIN, {"username": "editor", "password": "wrong"}, **attacker
        ).status_code
        == 429
    )
    # The real editor, through the same balancer, signs in.
    staff = {**balancer, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    response = client.post(
        LOGIN,
        {"username": "editor", "password": EDITOR_PASSWORD, "next": "/admin/"},
        **staff,
    )
    assert response.status_code == 302
    # A forged entry to the left of the balancer's own is never believed.
    [attempt_record] = AccessAttempt.objects.all()
    assert attempt_record.ip_address == "198.51.100.66"


def test_without_the_proxy_setting_a_forged_header_changes_nothing(client, settings):
    settings.TRUSTED_PROXIES = 0
    make_editor()
    for n in range(settings.SIGNIN_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="198.51.100.66",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert AccessAttempt.objects.get().ip_address == "198.51.100.66"
