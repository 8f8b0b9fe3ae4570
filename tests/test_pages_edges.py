"""Site-wide pages at their edges. Each test here was written against a
fault planted by hand that the rest of the suite let through
(docs/testing.md)."""

from urllib.robotparser import RobotFileParser

import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt_lets_search_engines_crawl_every_public_page(client):
    """Read as a search engine reads it: every public page may be fetched
    (patients find the clinic through search)."""
    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())
    for path in (
        "/",
        "/conditions/back-muscle-spasms/",
        "/treatments/chiropractic/",
        "/locations/",
        "/search/?q=spasm",
    ):
        for agent in ("Googlebot", "Bingbot"):
            assert robots.can_fetch(agent, path), (agent, path)
