"""Staff-written content in both languages (issue 17, item 3): each text a
patient reads has a Spanish field beside the English, edited in the same
admin form, kept in the history, seeded from fixtures/translations/es.json
through the seed ledger, shown on /es/ (the English, marked lang="en", only
where the Spanish is missing) and found by Spanish search."""

import json
import re
from pathlib import Path

import pytest
from django.apps import apps

from base.seeding import seed
from conditions.models import Condition, ConditionSection

from .conftest import parse
from .editing import admin_form_data, change_url, inline_field
from .test_pages import crawl
from .test_restore import restore

pytestmark = pytest.mark.django_db

URL = "/conditions/back-muscle-spasms/"
SPANISH = Path(__file__).parent.parent / "fixtures" / "translations" / "es.json"


def shipped_spanish():
    return json.loads(SPANISH.read_text())


def words(text):
    """Text as a page shows it: one space between words, no tags."""
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def spasms_entries():
    """Every es.json entry the Back + Muscle Spasms page shows: the page,
    its sections and the words it gives its treatments."""
    return [
        entry
        for entry in shipped_spanish()
        if entry["model"]
        in (
            "conditions.condition",
            "conditions.conditionsection",
            "conditions.conditiontreatment",
        )
        and entry["key"][0] == "back-muscle-spasms"
    ]


def test_a_fresh_seed_gives_the_spasms_page_every_fact_in_spanish(client):
    entries = spasms_entries()
    assert len(entries) > 3
    response = client.get("/es" + URL)
    page = parse(response)
    html = response.content.decode()
    text = page.plain_text
    for entry in entries:
        for field, spanish in entry["fields"].items():
            if field == "hero_alt":
                continue  # the page shows the drawing, not the photo
            if field == "meta_description":
                assert f'<meta name="description" content="{spanish}">' in html
                continue
            for line in spanish.splitlines():
                if line.strip():
                    assert words(line) in text, (entry["key"], field, line)
    # All of it in Spanish: nothing marked English, no "not translated" line.
    main = html.split('id="main"', 1)[1].split("</main>", 1)[0]
    assert 'lang="en"' not in main
    assert "aún no está traducida" not in html
    assert "<title>Espasmos musculares y de espalda |" in html
    ld = json.loads(re.search(r"ld\+json\">(.*?)</script>", html).group(1))
    assert {n.get("inLanguage") for n in ld["@graph"]} - {None} == {"es-US"}
    # The English page did not change.
    english = client.get(URL).content.decode()
    assert "<h1>Back + Muscle Spasms</h1>" in english
    assert "Involuntary contractions" in english
    assert "Espasmos" not in english.split("<body>", 1)[1]


def test_a_field_without_spanish_shows_its_english_marked_and_says_so(client):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    Condition.objects.filter(pk=condition.pk).update(definition_es="", name_es=None)
    ConditionSection.objects.filter(condition=condition).update(body_es="")
    html = client.get("/es" + URL).content.decode()
    # Only what has no Spanish is English, marked so; the rest is Spanish.
    assert '<h1><span lang="en">Back + Muscle Spasms</span></h1>' in html
    assert '<p class="lead"><span lang="en">Involuntary contractions' in html
    assert '<p lang="en">A muscle spasm or muscle cramp' in html
    assert "¿Qué son los espasmos musculares y de espalda?</h2>" in html
    assert html.count("Esta página aún no está traducida") == 1
    # The tab's title has no lang of its own: the English, never blank.
    assert "<title>Back + Muscle Spasms |" in html
    ld = json.loads(re.search(r"ld\+json\">(.*?)</script>", html).group(1))
    page = next(n for n in ld["@graph"] if n["@type"] == "MedicalWebPage")
    assert "en-US" in page["inLanguage"]
    # The English page never says it.
    english = client.get(URL).content.decode()
    assert "Esta página" not in english
    assert 'lang="en"' not in english.split("<body>", 1)[1]


def test_staff_write_spanish_beside_the_english_and_it_shows_at_once(
    editor_client, client
):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    before = client.get("/es" + URL)  # now in the page cache
    assert "Contracciones involuntarias" in before.content.decode()
    form = editor_client.get(change_url(condition))
    fields = list(form.context["adminform"].form.fields)
    # The Spanish right after its English, for the page and its sections.
    assert fields[fields.index("definition") + 1] == "definition_es"
    assert "definition_en" not in fields
    html = form.content.decode()
    assert "Definition in Spanish" in html
    assert 'name="sections-0-heading_es"' in html
    assert "Review and publish" in html

    data = admin_form_data(form)
    data["definition_es"] = "Una definición nueva escrita por la clínica."
    section = condition.sections.order_by("position", "id").first()
    data[inline_field(data, "sections", section, "heading_es")] = "Un título nuevo"
    response = editor_client.post(change_url(condition), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    spanish = client.get("/es" + URL).content.decode()
    assert "Una definición nueva escrita por la clínica." in spanish
    assert "Un título nuevo</h2>" in spanish
    english = client.get(URL).content.decode()
    assert "Una definición nueva" not in english
    assert "Involuntary contractions" in english


def test_restoring_a_version_brings_its_spanish_back(editor_client, client):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    shipped = condition.history.get(history_type="+")
    assert shipped.definition_es.startswith("Contracciones involuntarias")
    data = admin_form_data(editor_client.get(change_url(condition)))
    data["definition_es"] = "Un texto que la clínica quiere deshacer."
    assert editor_client.post(change_url(condition), data).status_code == 302
    assert "Un texto que la clínica" in client.get("/es" + URL).content.decode()

    restore(editor_client, condition, shipped)

    condition.refresh_from_db()
    assert condition.definition_es.startswith("Contracciones involuntarias")
    assert condition.definition_en.startswith("Involuntary contractions")
    spanish = client.get("/es" + URL).content.decode()
    assert "Un texto que la clínica" not in spanish
    assert "Contracciones involuntarias" in spanish


def test_reseeding_never_overwrites_the_spanish_staff_wrote(client):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    condition.definition_es = "Lo que escribió la clínica."
    condition.statistic_es = ""  # emptied on purpose: stays empty
    condition.save()

    counts = seed()

    assert counts["translated"] == 0
    condition.refresh_from_db()
    assert condition.definition_es == "Lo que escribió la clínica."
    assert condition.statistic_es == ""
    assert "Lo que escribió la clínica." in client.get("/es" + URL).content.decode()


def test_an_upgraded_site_gets_the_shipped_spanish_only_where_empty():
    """A site seeded before the Spanish existed: the seed fills the empty
    Spanish fields once, and leaves a Spanish field staff already wrote."""
    from base.models import SeedRecord

    SeedRecord.objects.filter(model__startswith="translation.").delete()
    Condition.objects.filter(slug="back-muscle-spasms").update(
        name_es="Espasmos (de la clínica)", definition_es=None
    )

    counts = seed()

    assert counts["translated"] > 0
    condition = Condition.objects.get(slug="back-muscle-spasms")
    assert condition.name_es == "Espasmos (de la clínica)"
    assert condition.definition_es.startswith("Contracciones involuntarias")
    assert seed()["translated"] == 0


@pytest.mark.parametrize("query", ["espasmo", "espasmos"])
def test_spanish_search_finds_the_spasms_page_by_its_spanish(client, query):
    page = parse(client.get("/es/search/", {"q": query}))
    assert "/es" + URL in page.links
    assert "Espasmos musculares y de espalda" in page.main_text


# The labels search puts before a page's lists ("Root Causes: …"), in the
# words a snippet shows of them.
ENGLISH_LIST_LABELS = [
    "Root Causes:",
    "Risk Factors:",
    "Symptoms:",
    "Where you may feel it:",
    "Conditions:",
    "Treatments:",
    "Symptoms Treated:",
    "Performed By:",
    "Conditions it helps:",
    "Complementary Treatments:",
]


@pytest.mark.parametrize("query", ["espasmo", "cuello", "dolor"])
def test_spanish_search_snippets_name_the_lists_in_spanish(client, query):
    """A snippet quoting a page's lists names them as the Spanish page
    does ("Causas: …"), never with the English label."""
    text = parse(client.get("/es/search/", {"q": query})).main_text
    assert [label for label in ENGLISH_LIST_LABELS if label in text] == []


def test_every_shipped_spanish_text_fits_its_field():
    """PostgreSQL refuses a text longer than its column: the seed would fail
    there (SQLite would keep it silently)."""
    for entry in shipped_spanish():
        model = apps.get_model(entry["model"])
        for field, text in entry["fields"].items():
            limit = model._meta.get_field(f"{field}_es").max_length
            assert limit is None or len(text) <= limit, (entry["key"], field)


def test_with_no_spanish_at_all_every_english_text_on_es_is_marked(client):
    """A site whose staff text has no Spanish: every public page type on
    /es/ still reads (the English), and no English text of the shipped
    content is left unmarked (WCAG 3.1.2): the crawl reads each page's text
    outside the parts marked lang="en"."""
    from base.translated import TRANSLATED

    from .test_spanish import spanish_text
    from .test_translations_content import english_texts

    for model, fields in TRANSLATED.items():
        model._default_manager.update(**{f"{name}_es": None for name in fields})
    english = {
        " ".join(line.split())
        for texts in english_texts().values()
        for text in texts.values()
        for line in text.splitlines()
        if len(line) > 10
    }
    found = {}
    pages = crawl(client, start="/es/", within="/es/")
    for url, response in pages.items():
        assert response.status_code == 200, url
        html = response.content.decode()
        # The tab's title cannot carry a lang: it is the one place left.
        text = spanish_text(re.sub(r"<title>.*?</title>", "", html, flags=re.S))
        hits = sorted(line for line in english if line in text)
        if hits:
            found[url] = hits[:3]
        if re.search(r'<(span|p|li|a) lang="en">', html):
            assert html.count("Esta página aún no está traducida") == 1, url
    assert len(pages) > 50
    assert found == {}


def test_with_the_shipped_spanish_no_spanish_page_falls_back_to_english(client):
    """Every shipped text has its Spanish: on a freshly seeded site no page
    of the Spanish side says it is not translated or marks English."""
    pages = crawl(client, start="/es/", within="/es/")
    assert len(pages) > 50
    untranslated = [
        url
        for url, response in pages.items()
        if "Esta página aún no está traducida" in response.content.decode()
        or ' lang="en">' in response.content.decode().split("</header>", 1)[-1]
    ]
    assert untranslated == []


# --- Spanish to review on the admin home ------------------------------------


def review_lists(client):
    """The admin home's "Spanish to review": {list id: text}."""
    html = client.get("/admin/").content.decode()
    found = {}
    for list_id in ("spanish-out-of-date", "spanish-not-reviewed"):
        match = re.search(rf'id="{list_id}">(.*?)</div>', html, re.S)
        found[list_id] = words(match.group(1)) if match else ""
    return found


def test_shipped_spanish_is_listed_as_not_reviewed_until_staff_review_it(
    editor_client,
):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    lists = review_lists(editor_client)
    assert "Back + Muscle Spasms" in lists["spanish-not-reviewed"]
    assert lists["spanish-out-of-date"] == ""
    form = editor_client.get(change_url(condition))
    assert "Not yet reviewed by the clinic." in form.content.decode()

    data = admin_form_data(form)
    data["spanish_reviewed"] = "on"
    assert editor_client.post(change_url(condition), data).status_code == 302

    assert (
        "Back + Muscle Spasms"
        not in review_lists(editor_client)["spanish-not-reviewed"]
    )
    form = editor_client.get(change_url(condition)).content.decode()
    assert "Reviewed by editor on" in form


def test_an_english_edit_flags_the_spanish_out_of_date_until_reviewed(
    editor_client,
):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    # The English of a section changes (its Spanish stays as it was).
    data = admin_form_data(editor_client.get(change_url(condition)))
    section = condition.sections.order_by("position", "id").first()
    data[inline_field(data, "sections", section, "body")] = "New English text."
    assert editor_client.post(change_url(condition), data).status_code == 302

    lists = review_lists(editor_client)
    assert "Back + Muscle Spasms" in lists["spanish-out-of-date"]
    assert "Back + Muscle Spasms" not in lists["spanish-not-reviewed"]
    form = editor_client.get(change_url(condition))
    assert "Out of date: the English changed" in form.content.decode()

    # Staff update the Spanish and say they reviewed it.
    data = admin_form_data(form)
    data[inline_field(data, "sections", section, "body_es")] = "Texto nuevo."
    data["spanish_reviewed"] = "on"
    assert editor_client.post(change_url(condition), data).status_code == 302
    lists = review_lists(editor_client)
    assert "Back + Muscle Spasms" not in lists["spanish-out-of-date"]
    assert "Back + Muscle Spasms" not in lists["spanish-not-reviewed"]


def test_a_spanish_only_edit_does_not_flag_the_page_out_of_date(editor_client):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    data = admin_form_data(editor_client.get(change_url(condition)))
    data["definition_es"] = "Una definición corregida."
    assert editor_client.post(change_url(condition), data).status_code == 302
    lists = review_lists(editor_client)
    assert "Back + Muscle Spasms" not in lists["spanish-out-of-date"]
    assert "Back + Muscle Spasms" in lists["spanish-not-reviewed"]


def test_the_spanish_a_to_z_is_in_spanish_order(client):
    def names(url):
        html = client.get(url).content.decode().split('id="main"', 1)[1]
        found = r'<a href="(?:/es)?/conditions/[a-z0-9-]+/"[^>]*>(.*?)</a>'
        return [words(name) for name in re.findall(found, html)]

    # One page without Spanish: listed by its English, in its place.
    Condition.objects.filter(slug="sciatica").update(name_es=None)
    spanish = names("/es/conditions/")
    assert spanish[:3] == [
        "Artritis y osteoartritis",
        "Dolor de cuello",
        "Dolor de rodilla",
    ]
    assert spanish == sorted(spanish, key=str.lower)
    assert "Sciatica" in spanish
    english = names("/conditions/")
    assert english == sorted(english, key=str.lower)
    assert english[0] == "Arthritis + Osteoarthritis"
