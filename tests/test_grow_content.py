"""`grow_content` (make bench's grown site) only ever touches a throwaway
copy: it refuses a real database, and on a copy it adds what it says."""

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from articles.management.commands.grow_content import throwaway_reason
from articles.models import Article
from conditions.models import Condition

pytestmark = pytest.mark.django_db


def counts():
    return Article.objects.count(), Condition.objects.count()


def test_refuses_without_the_throwaway_flag():
    before = counts()
    with pytest.raises(CommandError, match="throwaway"):
        call_command("grow_content", articles=5, conditions=2)
    assert counts() == before


@pytest.mark.parametrize(
    "engine, name",
    [
        # The database `make serve` uses, and production's on PostgreSQL.
        ("django.db.backends.sqlite3", str(settings.BASE_DIR / "db.sqlite3")),
        ("django.db.backends.postgresql", "backfit"),
    ],
)
def test_refuses_a_real_database_even_with_the_flag(monkeypatch, engine, name):
    before = counts()
    monkeypatch.setitem(connection.settings_dict, "ENGINE", engine)
    monkeypatch.setitem(connection.settings_dict, "NAME", name)
    with pytest.raises(CommandError, match="left untouched"):
        call_command("grow_content", articles=5, conditions=2, throwaway=True)
    monkeypatch.undo()
    assert counts() == before


def test_a_temporary_copy_is_allowed(tmp_path, settings):
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "x.sqlite3"}
    assert throwaway_reason(sqlite)
    # A checkout in the temporary folder: its own database is still real.
    settings.BASE_DIR = tmp_path
    assert not throwaway_reason(sqlite)
    assert throwaway_reason({"ENGINE": "x.postgresql", "NAME": "backfit_throwaway"})
    assert not throwaway_reason({"ENGINE": "x.postgresql", "NAME": "backfit_prod"})


def test_grows_a_copy_with_articles_each_about_two_conditions_and_a_treatment():
    articles, conditions = counts()
    call_command("grow_content", articles=30, conditions=10, throwaway=True)
    assert counts() == (articles + 30, conditions + 10)
    grown = Article.objects.published().filter(slug__startswith="generated-")
    assert grown.count() == 30
    for article in grown.prefetch_related("conditions", "treatments"):
        assert len(article.conditions.all()) == 2
        assert len(article.treatments.all()) == 1
    new = Condition.objects.published().filter(slug__startswith="generated-")
    assert new.count() == 10
    assert all(condition.body_areas.exists() for condition in new)
