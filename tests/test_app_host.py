"""An app host is reached only through nginx (issue 19, finding 9): gunicorn
listens on loopback unless told its private address, and nothing the
project ships tells anyone to listen on every interface."""

import re
import runpy
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SHIPPED = [
    ROOT / "README.md",
    ROOT / "Makefile",
    ROOT / ".env.example",
    ROOT / "gunicorn.conf.py",
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted((ROOT / "deploy").glob("*")),
]
# 0.0.0.0 anywhere; a gunicorn bind to [::], to ":8000" or to a bare port.
EVERY_INTERFACE = re.compile(
    r"0\.0\.0\.0|(?:--bind|GUNICORN_BIND)[ =](?:\[::\]|:|\d+(?:\s|$))"
)


def gunicorn_settings(monkeypatch, **env):
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_listens_on_loopback_by_default(monkeypatch):
    assert gunicorn_settings(monkeypatch)["bind"] == ["127.0.0.1:8000"]


def test_an_app_host_names_its_private_address(monkeypatch):
    conf = gunicorn_settings(monkeypatch, GUNICORN_BIND="10.0.0.11:8000")
    assert conf["bind"] == ["10.0.0.11:8000"]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_nothing_shipped_says_listen_on_every_interface(path):
    for number, line in enumerate(path.read_text().splitlines(), 1):
        assert not EVERY_INTERFACE.search(line), f"{path.name}:{number}: {line}"


def test_gunicorn_limits_what_a_client_may_send(monkeypatch):
    conf = gunicorn_settings(monkeypatch)
    assert conf["limit_request_line"] <= 4094
    assert conf["limit_request_fields"] <= 100
    assert conf["timeout"] <= 30
