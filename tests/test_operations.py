"""Running in production: settings checks, gunicorn with JSON logs and
request ids, the health check, and a database outage as a visitor meets it.

These start the real thing in subprocesses: `manage.py` with production
settings, and gunicorn serving a SQLite copy of the site, or pointed at a
PostgreSQL port where nothing listens."""

import json
import re
from urllib.parse import urlencode

import pytest

from .conftest import parse
from .production import (
    add_staff_account,
    free_port,
    gunicorn,
    manage,
    production_env,
    seeded_sqlite,
)

CONDITION_URL = "/conditions/back-muscle-spasms/"


DEPLOYED = {
    "DJANGO_TRUSTED_PROXIES": "1",
    "DJANGO_SITE_URL": "https://clinic.example.com",
    "APPOINTMENT_NOTIFY_EMAIL": "frontdesk@clinic.example.com",
}


def test_check_deploy_is_silent_with_production_settings():
    result = manage(
        production_env(**DEPLOYED),
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout


def test_check_deploy_warns_about_a_missing_security_contact():
    env = production_env()
    del env["SECURITY_CONTACT"]
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING", check=False)
    assert result.returncode != 0
    assert "backfit.W001" in result.stderr


@pytest.mark.parametrize(
    ("missing", "warning"),
    [
        ("DJANGO_TRUSTED_PROXIES", "backfit.W002"),
        ("DJANGO_SITE_URL", "backfit.W003"),
        ("APPOINTMENT_NOTIFY_EMAIL", "backfit.W004"),
    ],
)
def test_check_deploy_warns_about_a_missing_proxy_setting_and_site_url(
    missing, warning
):
    env = production_env(**DEPLOYED)
    del env[missing]
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING", check=False)
    assert result.returncode != 0
    assert warning in result.stderr


def test_check_deploy_fails_when_debug_is_on_in_production():
    env = production_env(DJANGO_DEBUG="true")
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING", check=False)
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG on


def test_start_up_refuses_without_a_secret_key():
    result = manage(production_env(DJANGO_SECRET_KEY=""), "check", check=False)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The seeded site under gunicorn with the production settings."""
    directory = tmp_path_factory.mktemp("production")
    env = production_env(
        DATABASE_URL=seeded_sqlite(directory),
        DJANGO_SUPERUSER_PASSWORD="a long test password 1",
    )
    add_staff_account(env)
    with gunicorn(env, directory / "logs") as server:
        yield server


@pytest.fixture(scope="module")
def site_without_database(tmp_path_factory):
    """Gunicorn with the production settings, its PostgreSQL server gone: the
    port it points at has nothing listening."""
    directory = tmp_path_factory.mktemp("no-database")
    url = f"postgres://postgres@127.0.0.1:{free_port()}/backfit"
    with gunicorn(production_env(DATABASE_URL=url), directory / "logs") as server:
        yield server


def test_production_pages_carry_the_security_headers(site):
    status, headers, body = site.get(CONDITION_URL)
    assert status == 200
    assert "Back + Muscle Spasms" in body
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "upgrade-insecure-requests" in csp
    assert "unsafe" not in csp


def cookies(headers):
    """name -> set of lower-cased attributes, from Set-Cookie headers."""
    jar = {}
    for header in headers.get_all("Set-Cookie") or []:
        name_value, *attributes = [part.strip() for part in header.split(";")]
        name, value = name_value.split("=", 1)
        jar[name] = (value, {attribute.lower() for attribute in attributes})
    return jar


def test_cookies_are_secure_httponly_and_samesite(site):
    status, headers, body = site.get("/admin/login/")
    assert status == 200
    token, flags = cookies(headers)["__Host-csrftoken"]
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= flags
    assert not any(flag.startswith("domain") for flag in flags)
    form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1]
    origin = f"https://127.0.0.1:{site.port}"
    status, headers, _ = site.get(
        "/admin/login/?next=/admin/",
        method="POST",
        body=urlencode(
            {
                "csrfmiddlewaretoken": form_token,
                "username": "staff",
                "password": "a long test password 1",
            }
        ),
        headers={
            "Cookie": f"__Host-csrftoken={token}",
            "Origin": origin,
            "Referer": origin + "/admin/login/",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert status == 302, "staff could not sign in"
    _, flags = cookies(headers)["__Host-sessionid"]
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= flags


def test_plain_http_is_redirected_to_https(site):
    status, headers, _ = site.get(CONDITION_URL, headers={"X-Forwarded-Proto": "http"})
    assert status == 301
    assert headers["Location"].startswith("https://")
    assert headers["Location"].endswith(CONDITION_URL)
    # load balancers probe over plain HTTP
    assert site.get("/healthz", headers={"X-Forwarded-Proto": "http"})[0] == 200


def test_access_log_is_one_json_line_per_request_with_its_id(site):
    phone = "4805550100"
    status, headers, _ = site.get(
        f"/conditions/?name=Jane+Doe&phone={phone}",
        headers={"X-Request-ID": "lb-0f3e9a7c-1234", "User-Agent": "Secret/1.0"},
    )
    assert status == 200
    assert headers["X-Request-ID"] == "lb-0f3e9a7c-1234"
    status, headers, _ = site.get("/", headers={"X-Request-ID": "<script>"})
    generated = headers["X-Request-ID"]
    assert generated != "<script>" and len(generated) == 32
    lines = site.access_log(wait_for=generated)
    by_id = {line["request_id"]: line for line in lines}
    line = by_id["lb-0f3e9a7c-1234"]
    assert line["path"] == "/conditions/"
    assert line["method"] == "GET"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert generated in by_id
    everything = json.dumps(lines) + site.error_log()
    for personal in ("Jane", phone, "Secret/1.0", "127.0.0.1 -"):
        assert personal not in everything


def test_healthz_answers_200_when_the_database_does(site):
    status, headers, body = site.get("/healthz")
    assert (status, body) == (200, "ok\n")
    assert headers["Cache-Control"] == "no-store"
    # a load balancer probing by IP address with no allowed Host still gets it
    assert site.get("/healthz", headers={"Host": "10.0.0.7"})[0] == 200


def test_healthz_answers_503_without_details_when_the_database_is_down(
    site_without_database,
):
    status, headers, body = site_without_database.get("/healthz")
    assert (status, body) == (503, "unavailable\n")
    assert headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/", CONDITION_URL, "/no-such-page/"])
def test_database_down_shows_a_branded_503_with_the_phone(site_without_database, path):
    status, headers, body = site_without_database.get(path)
    assert status == 503
    assert headers["Retry-After"] == "60"
    assert "no-store" in headers["Cache-Control"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    page = parse_text(body)
    assert page.h1 and "short break" in "".join(page.h1)
    assert 'href="tel:+18772225348"' in body
    assert "(877) 222-5348" in page.plain_text
    for leak in ("Traceback", "OperationalError", "psycopg", "127.0.0.1"):
        assert leak not in body


def test_database_outage_is_logged_as_json_without_a_traceback_page(
    site_without_database,
):
    site_without_database.get("/treatments/", headers={"X-Request-ID": "outage-1234"})
    assert any(
        line["request_id"] == "outage-1234" and line["status"] == 503
        for line in site_without_database.access_log(wait_for="outage-1234")
    )
    errors = [
        json.loads(line)
        for line in site_without_database.error_log().splitlines()
        if line.startswith("{")
    ]
    outage = [line for line in errors if line.get("request_id") == "outage-1234"]
    assert outage and outage[0]["level"] == "ERROR"
    assert "Database unavailable" in outage[0]["message"]
    assert "Traceback" not in site_without_database.error_log()


def parse_text(body):
    class Response:
        content = body.encode()

    return parse(Response)


def test_the_secret_key_file_and_the_database_are_private(tmp_path):
    """`.env` holds the secret key and the SQLite file patients' requests:
    neither may be readable by other users of the machine."""
    import shutil
    import stat
    import subprocess

    from .production import ROOT

    for name in ("Makefile", ".env.example"):
        shutil.copy(ROOT / name, tmp_path / name)
    subprocess.run(["make", "-s", ".env"], cwd=tmp_path, check=True)  # noqa: S607
    assert stat.S_IMODE((tmp_path / ".env").stat().st_mode) == 0o600

    database = tmp_path / "site.sqlite3"
    manage(production_env(DATABASE_URL=f"sqlite:///{database}"), "migrate", "-v", "0")
    for path in tmp_path.glob("site.sqlite3*"):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
