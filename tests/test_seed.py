"""The seed step that `make serve` runs on every start never fights the staff."""

import json

import pytest
from django.core.management import call_command

from base.models import SeedRecord
from base.seeding import fixture_paths, seed
from conditions.models import Condition, ConditionSection, RootCause
from locations.models import OpeningHours
from treatments.models import Treatment

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [Condition, ConditionSection, RootCause, Treatment, OpeningHours]


def snapshot():
    return {model.__name__: model.objects.count() for model in CONTENT_MODELS}


def test_fixtures_hold_the_documents_content():
    condition = Condition.objects.get(slug="back-muscle-spasms")
    assert condition.root_causes.count() == 8
    assert condition.risk_factors.count() == 7
    assert condition.treatments.count() == 9
    assert [s.name for s in condition.symptoms.all()] == [
        "Skin Redness",
        "Swelling",
        "Weakness",
    ]
    assert condition.sections.count() == 2
    assert "80%" in condition.statistic
    assert condition.statistic_source == "ACA"


def test_a_second_run_creates_nothing():
    before = snapshot()
    counts = seed()
    assert counts["created"] == 0
    assert counts["linked"] == 0
    assert snapshot() == before


def test_the_command_reports_what_it_did():
    from io import StringIO

    out = StringIO()
    call_command("seed", stdout=out)
    assert "0 created" in out.getvalue()


def test_a_staff_edit_survives_a_rerun():
    condition = Condition.objects.get(slug="back-muscle-spasms")
    condition.definition = "Edited by the clinical team."
    condition.save()
    Treatment.objects.filter(slug="chiropractic").update(summary="Staff wording.")
    seed()
    condition.refresh_from_db()
    assert condition.definition == "Edited by the clinical team."
    assert Treatment.objects.get(slug="chiropractic").summary == "Staff wording."


def test_a_staff_deletion_stays_deleted():
    RootCause.objects.get(slug="anemia").delete()
    Treatment.objects.get(slug="weight-loss").delete()
    ConditionSection.objects.filter(slug="what-are-back-and-muscle-spasms").delete()
    seed()
    assert not RootCause.objects.filter(slug="anemia").exists()
    assert not Treatment.objects.filter(slug="weight-loss").exists()
    assert not ConditionSection.objects.filter(
        slug="what-are-back-and-muscle-spasms"
    ).exists()


def test_a_deleted_condition_does_not_come_back_with_its_children():
    Condition.objects.get(slug="sciatica").delete()
    counts = seed()
    assert not Condition.objects.filter(slug="sciatica").exists()
    assert counts["created"] == 0


def test_a_removed_link_stays_removed():
    condition = Condition.objects.get(slug="back-muscle-spasms")
    condition.root_causes.remove(RootCause.objects.get(slug="obesity"))
    seed()
    assert not condition.root_causes.filter(slug="obesity").exists()


def test_a_record_new_in_a_later_release_appears(tmp_path):
    later = tmp_path / "60-later.json"
    later.write_text(
        json.dumps(
            [
                {
                    "model": "conditions.rootcause",
                    "fields": {
                        "name": "Poor Posture",
                        "slug": "poor-posture",
                        "status": "published",
                    },
                },
                {
                    "model": "conditions.condition",
                    "fields": {
                        "name": "Back + Muscle Spasms",
                        "slug": "back-muscle-spasms",
                        "definition": "Fixture wording that must not win.",
                        "root_causes": [["poor-posture"]],
                    },
                },
            ]
        )
    )
    counts = seed([*fixture_paths(), later])
    assert counts["created"] == 1
    assert RootCause.objects.filter(slug="poor-posture").exists()
    condition = Condition.objects.get(slug="back-muscle-spasms")
    assert condition.root_causes.filter(slug="poor-posture").exists()
    assert condition.definition.startswith("Involuntary contractions")


def test_a_record_staff_made_first_is_adopted_not_overwritten(tmp_path):
    Treatment.objects.create(
        name="Dry Needling", slug="dry-needling", summary="Staff made this."
    )
    later = tmp_path / "60-later.json"
    later.write_text(
        json.dumps(
            [
                {
                    "model": "treatments.treatment",
                    "fields": {
                        "name": "Dry Needling",
                        "slug": "dry-needling",
                        "summary": "Fixture text.",
                    },
                }
            ]
        )
    )
    counts = seed([later])
    assert counts["adopted"] == 1
    assert Treatment.objects.get(slug="dry-needling").summary == "Staff made this."
    assert SeedRecord.objects.filter(key='["dry-needling"]').exists()
