"""A database from before the layers (issue 13) migrates and keeps its content.

tests/data/database-before-layers.sqlite3.gz is a database made by the code of
that time (main at e0bfc3a: `migrate` then `seed`). The models it holds moved
between packages since; their tables, migrations and permissions must not."""

import gzip
import shutil
import sqlite3
from pathlib import Path

from .production import manage, production_env

OLD_DATABASE = Path(__file__).parent / "data" / "database-before-layers.sqlite3.gz"


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
    # The seed ledger came along: seeding again brings this release's new
    # content but adopts nothing it had made before (it knows them all), and
    # a second run finds nothing left to do.
    first = manage(env, "seed").stdout
    assert " 0 adopted" in first and " 0 skipped" in first
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
