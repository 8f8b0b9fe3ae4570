"""A database from before the layers (issue 13) migrates and keeps its content.

tests/data/database-before-layers.sqlite3.gz is a database made by the code of
that time (main at e0bfc3a: `migrate` then `seed`). The models it holds moved
between packages since; their tables, migrations and permissions must not."""

import gzip
import json
import shutil
import sqlite3
from pathlib import Path

from .production import manage, production_env

OLD_DATABASE = Path(__file__).parent / "data" / "database-before-layers.sqlite3.gz"
FIXTURE = Path(__file__).parent.parent / "fixtures" / "40-conditions.json"


def test_a_database_from_before_the_layers_migrates_and_keeps_its_content(
    tmp_path,
):
    database = tmp_path / "old.sqlite3"
    with gzip.open(OLD_DATABASE) as packed, database.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    env = production_env(DATABASE_URL=f"sqlite:///{database}")

    manage(env, "migrate", "--noinput")
    plan = manage(env, "showmigrations", "--plan").stdout
    assert "[X]  backfit.0004_content_editor_group_and_site" in plan
    assert "[ ]" not in plan

    # The content, the clinic's settings, the seed ledger and the editors'
    # rights are all still there, under the models' new homes.
    script = "; ".join(
        [
            "from django.contrib.auth.models import Group",
            "from base.models import ClinicSettings, SeedRecord",
            "from conditions.models import Condition",
            "print(Condition.objects.published().get(slug='back-muscle-spasms'))",
            "print(ClinicSettings.load().phone_display)",
            "print(Group.objects.get(name='Content editor').permissions"
            ".filter(codename='change_clinicsettings').exists())",
        ]
    )
    shell = manage(env, "shell", "--no-imports", "-c", script)
    assert shell.stdout.splitlines() == [
        "Back + Muscle Spasms",
        "(877) 222-5348",
        "True",
    ]
    # The English is in its new English column, the history's too, and
    # there is no Spanish yet (issue 17): a restore keeps the English.
    script = (
        "from conditions.models import Condition; "
        "from base.models import ClinicSettings; "
        "c = Condition.objects.get(slug='back-muscle-spasms'); "
        "print(c.name_en, c.name_es, c.history.earliest().name_en); "
        "print(ClinicSettings.load().contact_heading_es)"
    )
    shell = manage(env, "shell", "--no-imports", "-c", script)
    assert shell.stdout.splitlines() == [
        "Back + Muscle Spasms None Back + Muscle Spasms",
        "None",
    ]
    # The seed ledger came along: seeding again brings this release's new
    # content but adopts nothing it had made before (it knows them all), and
    # a second run finds nothing left to do.
    first = manage(env, "seed").stdout
    assert " 0 adopted" in first and " 0 skipped" in first
    # ... and the shipped Spanish, into the fields still empty.
    assert " 0 translated" not in first
    script = (
        "from conditions.models import Condition; "
        "print(Condition.objects.get(slug='back-muscle-spasms').name_es)"
    )
    spanish = manage(env, "shell", "--no-imports", "-c", script).stdout.strip()
    assert spanish == "Espasmos musculares y de espalda"
    assert "0 created, 0 adopted, 0 linked" in manage(env, "seed").stdout
    # The filler the old release shipped is gone (treatments migration 0004).
    script = (
        "from treatments.models import Treatment; "
        "print(repr(Treatment.objects.get(slug='pens').summary))"
    )
    assert manage(env, "shell", "--no-imports", "-c", script).stdout.strip() == "''"


def unpack_old_database(tmp_path):
    database = tmp_path / "old.sqlite3"
    with gzip.open(OLD_DATABASE) as packed, database.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    return database


def clinics_after_migrating(database):
    env = production_env(DATABASE_URL=f"sqlite:///{database}")
    manage(env, "migrate", "--noinput")
    script = "; ".join(
        [
            "from locations.models import Location",
            "[print(l.slug, l.status, l.postal_code or '-', l.opening_hours.count(),"
            " l.treatments.count(), l.area or '-') for l in Location.objects.all()]",
        ]
    )
    return manage(env, "shell", "--no-imports", "-c", script).stdout.splitlines()


def test_the_invented_clinic_details_of_an_old_database_are_retired(tmp_path):
    # Seeded by an earlier release and never touched by staff: Desert Ridge
    # loses its invented ZIP, hours and treatments; the sample clinics are
    # unpublished (not deleted).
    assert clinics_after_migrating(unpack_old_database(tmp_path)) == [
        "desert-ridge published - 0 0 north Phoenix",
        "sample-glendale draft 85301 7 5 -",
        "sample-mesa draft 85201 7 5 -",
        "sample-tempe draft 85281 7 4 -",
    ]


def test_clinics_staff_have_saved_are_left_exactly_as_they_are(tmp_path):
    database = unpack_old_database(tmp_path)
    with sqlite3.connect(database) as connection:
        # A staff save of Desert Ridge and of Tempe: a second history entry.
        columns = [
            row[1]
            for row in connection.execute(
                "PRAGMA table_info(locations_historicallocation)"
            )
            if row[1] != "history_id"
        ]
        names = ", ".join(columns)
        connection.execute(
            f"INSERT INTO locations_historicallocation ({names}) "  # noqa: S608
            f"SELECT {names} FROM locations_historicallocation "
            "WHERE slug IN ('desert-ridge', 'sample-tempe')"
        )
    assert clinics_after_migrating(database) == [
        "desert-ridge published 85050 7 9 -",
        "sample-glendale draft 85301 7 5 -",
        "sample-mesa draft 85201 7 5 -",
        "sample-tempe published 85281 7 4 -",
    ]


LINK_TABLES = {
    "root_causes": ("rootcause", "conditions_rootcause"),
    "risk_factors": ("riskfactor", "conditions_riskfactor"),
    "symptoms": ("symptom", "conditions_symptom"),
    "body_areas": ("bodyarea", "conditions_bodyarea"),
}


def condition_lists(database, with_position):
    """{(condition, list): [tag slugs]} straight from the tables, by link id
    before the lists had an order, by position after."""
    lists = {}
    with sqlite3.connect(database) as db:
        for name, (column, table) in LINK_TABLES.items():
            order = "l.position, l.id" if with_position else "l.id"
            # Table and column names from LINK_TABLES above, not input.
            query = (
                f"SELECT c.slug, t.slug FROM conditions_condition_{name} l "  # noqa: S608
                f"JOIN conditions_condition c ON c.id = l.condition_id "
                f"JOIN {table} t ON t.id = l.{column}_id ORDER BY c.slug, {order}"
            )
            rows = db.execute(query)
            for condition, tag in rows:
                lists.setdefault((condition, name), []).append(tag)
    return lists


def test_an_old_database_keeps_every_link_in_the_shipped_order(tmp_path):
    """The lists of an old database (a plain many-to-many link each) come
    through the upgrade complete, in the order the clinic's page lists
    them, and a version from before the upgrade still restores them."""
    database = unpack_old_database(tmp_path)
    before = condition_lists(database, with_position=False)
    assert sum(map(len, before.values())) > 50
    env = production_env(DATABASE_URL=f"sqlite:///{database}")
    manage(env, "migrate", "--noinput")
    after = condition_lists(database, with_position=True)

    assert {key: sorted(tags) for key, tags in after.items()} == {
        key: sorted(tags) for key, tags in before.items()
    }
    # each list numbered from the top, no two entries in one place
    with sqlite3.connect(database) as db:
        for name in LINK_TABLES:
            rows = db.execute(
                f"SELECT condition_id, position FROM conditions_condition_{name} "  # noqa: S608
                "ORDER BY condition_id, position"
            )
            positions = {}
            for condition_id, position in rows:
                positions.setdefault(condition_id, []).append(position)
            for numbers in positions.values():
                assert numbers == list(range(len(numbers))), name
    fixture = json.loads(FIXTURE.read_text())
    for record in fixture:
        if record["model"] != "conditions.condition":
            continue
        for name in LINK_TABLES:
            shipped = [key[0] for key in record["fields"].get(name, [])]
            now = after.get((record["fields"]["slug"], name), [])
            assert now[: len(shipped)] == [s for s in shipped if s in now], name
    # Each link has the history of a part of the page from the page's first
    # version, so restoring that version does not drop the lists.
    script = "; ".join(
        [
            "from conditions.models import Condition",
            "c = Condition.objects.get(slug='back-muscle-spasms')",
            "first = c.history.earliest('history_date')",
            "print(c.root_causes.count(), c.root_cause_links.model.history.filter("
            "condition=c, history_date__lte=first.history_date).count())",
        ]
    )
    linked, in_first_version = manage(
        env, "shell", "--no-imports", "-c", script
    ).stdout.split()
    assert linked == in_first_version != "0"
