"""A database from before the layers (issue 13) migrates and keeps its content.

tests/data/database-before-layers.sqlite3.gz is a database made by the code of
that time (main at e0bfc3a: `migrate` then `seed`). The models it holds moved
between packages since; their tables, migrations and permissions must not."""

import gzip
import shutil
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
    # The seed ledger came along: seeding again creates nothing it had made.
    assert "Seed content: 0 created" in manage(env, "seed").stdout
