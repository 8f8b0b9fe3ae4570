"""The Spanish of the shipped content (fixtures/translations/es.json) keeps
step with the English fixtures: every text a patient reads has its Spanish,
with the same paragraphs, list items and numbers, so no fact is lost or added
in translation (docs/content.md, "Spanish glossary")."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures").glob("*.json"))
SPANISH = ROOT / "fixtures" / "translations" / "es.json"

#: Fields that are codes, not words, and place names, which stay as they are.
NOT_TEXT = {"slug", "status", "phone", "list_kind", "position"}
# Search synonyms, whose rows are per language (Synonym.language): a
# Spanish synonym is its own row, not a translation.
UNTRANSLATED_MODELS = {"pages.synonym"}
# The clinic's name, and a clinic's name and place names (its area, "north
# Phoenix", is words and has its Spanish).
UNTRANSLATED_FIELDS = {
    ("backfit.clinicsettings", "name"),
    ("locations.location", "name"),
    ("locations.location", "locality"),
    ("locations.location", "region"),
}


def natural_key(model, fields):
    if model == "backfit.clinicsettings":
        return []
    if model == "conditions.conditiontreatment":
        return [fields["condition"][0], fields["treatment"][0]]
    for page in ("condition", "treatment"):
        if model.endswith("section") and page in fields:
            return [fields[page][0], fields["slug"]]
    return [fields["slug"]]


def english_texts(fixture_files=FIXTURES):
    """{(model, key): {field: English}} for every text a patient reads."""
    found = {}
    for path in fixture_files:
        for record in json.loads(path.read_text()):
            model, fields = record["model"], record["fields"]
            if model in UNTRANSLATED_MODELS:
                continue
            texts = {
                name: value
                for name, value in fields.items()
                if isinstance(value, str)
                and value
                and name not in NOT_TEXT
                and (model, name) not in UNTRANSLATED_FIELDS
            }
            if texts:
                found[(model, tuple(natural_key(model, fields)))] = texts
    return found


def spanish_texts(path=SPANISH):
    return {
        (entry["model"], tuple(entry["key"])): entry["fields"]
        for entry in json.loads(path.read_text())
    }


def problems(english, spanish):
    """What a reader of the Spanish site would miss or be misled by."""
    found = [f"{key}: no Spanish" for key in english if key not in spanish]
    found += [
        f"{key}: no such record in the fixtures"
        for key in spanish
        if key not in english
    ]
    for key, fields in english.items():
        for name, text in fields.items():
            es = spanish.get(key, {}).get(name)
            if key in spanish and not (es or "").strip():
                found.append(f"{key} {name}: empty or missing")
                continue
            if es is None:
                continue
            if text.count("\n\n") != es.count("\n\n"):
                found.append(f"{key} {name}: paragraphs differ")
            if text.count("\n") != es.count("\n"):
                found.append(f"{key} {name}: list items differ")
            for number in re.findall(r"\d+", text):
                if number not in es:
                    found.append(f"{key} {name}: the number {number} is missing")
            if len(text) > 30 and es == text:
                found.append(f"{key} {name}: not translated")
    return found


def test_every_text_a_patient_reads_has_its_spanish():
    assert problems(english_texts(), spanish_texts()) == []


def test_the_seed_page_reads_in_spanish():
    spanish = spanish_texts()
    page = spanish[("conditions.condition", ("back-muscle-spasms",))]
    assert page["name"] == "Espasmos musculares y de espalda"
    assert "80%" in page["statistic"]


# The checks' own tests: each fault, planted in a copy.


def fixture(tmp_path, records, name="40-x.json"):
    path = tmp_path / name
    path.write_text(json.dumps(records, ensure_ascii=False))
    return path


ENGLISH = [
    {
        "model": "conditions.condition",
        "fields": {
            "slug": "neck-pain",
            "status": "published",
            "name": "Neck Pain",
            "definition": "Your neck has 7 bones.\n\nIt carries your head all day.",
        },
    }
]
GOOD = {
    "name": "Dolor de cuello",
    "definition": "Su cuello tiene 7 huesos.\n\nCarga su cabeza todo el día.",
}


@pytest.mark.parametrize(
    ("fields", "fault"),
    [
        (None, "no Spanish"),
        ({**GOOD, "name": ""}, "name: empty or missing"),
        ({"definition": GOOD["definition"]}, "name: empty or missing"),
        (
            {**GOOD, "definition": "Su cuello tiene 7 huesos. Carga su cabeza."},
            "paragraphs",
        ),
        (
            {**GOOD, "definition": "Su cuello tiene huesos.\n\nCarga su cabeza."},
            "number 7",
        ),
        ({**GOOD, "definition": ENGLISH[0]["fields"]["definition"]}, "not translated"),
    ],
)
def test_each_fault_is_caught(tmp_path, fields, fault):
    english = english_texts([fixture(tmp_path, ENGLISH)])
    entries = (
        []
        if fields is None
        else [{"model": "conditions.condition", "key": ["neck-pain"], "fields": fields}]
    )
    spanish = spanish_texts(fixture(tmp_path, entries, "es.json"))
    assert problems(english, {}) != []
    found = problems(english, spanish)
    assert any(fault in line for line in found), found
    good = spanish_texts(
        fixture(
            tmp_path,
            [{"model": "conditions.condition", "key": ["neck-pain"], "fields": GOOD}],
            "es.json",
        )
    )
    assert problems(english, good) == []
