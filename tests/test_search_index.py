"""On a large site, search's index is rebuilt after a content change by a
thread while searches use the previous one (pages/searchindex.py): no
patient waits for the build, a stale answer is never kept, and the change
is found within a few seconds."""

import time

import pytest
from django.test import Client

from base.seeding import seed
from conditions.models import Condition

URL = "/search/?q=spasm"
NEW_NAME = "Back + Muscle Spasms (renamed)"
SHOWN = "(renamed)"  # the query's own word is marked: <mark>Spasms</mark>


@pytest.fixture
def large_site(transactional_db, settings):
    """The seeded site, committed (the building thread has its own database
    connection), counted as large: every index is built in the background
    once there is one."""
    settings.SEARCH_BACKGROUND_PAGES = 0
    seed()


def wait_for(client, text, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        response = client.get(URL)
        if text in response.content.decode():
            return response
        time.sleep(0.05)
    raise AssertionError(f"{text!r} not found within {seconds} s")


def test_after_a_change_search_answers_at_once_and_finds_the_change_soon(
    large_site,
):
    client = Client()
    wait_for(client, "/conditions/back-muscle-spasms/")
    condition = Condition.objects.get(slug="back-muscle-spasms")
    condition.name = NEW_NAME
    condition.save()

    # Answered from the previous index while the new one builds: shown to
    # this visitor, kept by no cache.
    stale = client.get(URL)
    assert stale.status_code == 200
    assert SHOWN not in stale.content.decode()
    assert "private" in stale["Cache-Control"]
    assert "s-maxage" not in stale["Cache-Control"]

    fresh = wait_for(client, SHOWN)
    assert "private" not in fresh["Cache-Control"]
    # And what is kept from now on is the new answer.
    again = client.get(URL)
    assert SHOWN in again.content.decode()
