"""Search on the Spanish pages (issue 17, item 5): the synonyms staff add in
Spanish, "¿Quiso decir …?" from the Spanish words only, and the admin's
search counts per language. Until the content has its Spanish fields, the
Spanish text here is typed by the test, as staff would."""

import re
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from base.seeding import seed
from pages.models import SearchCount, Synonym

from .conftest import parse
from .test_spanish import CONDITION_URL

pytestmark = pytest.mark.django_db

SPANISH_SPASMS = "/es" + CONDITION_URL


@pytest.fixture
def spanish_text(db):
    """The Back + Muscle Spasms page with a paragraph in Spanish."""
    from conditions.models import Condition

    condition = Condition.objects.get(slug="back-muscle-spasms")
    section = condition.sections.first()
    section.body = (
        "Los espasmos del músculo de la espalda son dolorosos. "
        "Una contractura es un músculo que no se relaja."
    )
    # The Spanish page shows the Spanish field (issue 17, content in Spanish).
    section.body_es = section.body
    section.save()
    return condition


def results(client, path, query):
    """(links of the results, the page's main text)."""
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    found = re.findall(r'<ol class="results"[^>]*>(.*?)</ol>', html, re.S)
    links = re.findall(r'href="([^"]+)"', found[0]) if found else []
    return links, parse(response).main_text


def add_synonym(editor_client, capture, **fields):
    with capture(execute=True):
        return editor_client.post("/admin/pages/synonym/add/", fields)


def test_a_spanish_synonym_staff_add_is_used_on_the_spanish_pages_only(
    client, editor_client, spanish_text, django_capture_on_commit_callbacks
):
    # "tirón" is on no page, in either language.
    assert results(client, "/es/search/", "tirón")[0] == []
    response = add_synonym(
        editor_client,
        django_capture_on_commit_callbacks,
        words="tirón",
        means="contractura",
        language="es",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    links, text = results(Client(), "/es/search/", "tirón")
    assert links[0] == SPANISH_SPASMS
    assert all(link.startswith("/es/") for link in links)
    assert "contractura" in text
    # The English search does not use it.
    assert results(Client(), "/search/", "tirón")[0] == []


def test_an_english_synonym_is_not_used_on_the_spanish_pages(client, spanish_text):
    Synonym.objects.create(language="en", words="tirón", means="contractura")
    assert results(client, "/search/", "tirón")[0][0] == CONDITION_URL
    # A Spanish search reads only the Spanish synonyms.
    assert results(client, "/es/search/", "tirón")[0] == []


def test_the_admin_checks_a_synonym_in_its_own_language(
    editor_client, spanish_text, django_capture_on_commit_callbacks
):
    # "dolorosa" finds "dolorosos" by its Spanish stem only.
    refused = add_synonym(
        editor_client,
        django_capture_on_commit_callbacks,
        words="ardor",
        means="dolorosa",
        language="en",
    )
    assert refused.status_code == 200
    assert "finds no page on the site yet" in refused.content.decode()
    saved = add_synonym(
        editor_client,
        django_capture_on_commit_callbacks,
        words="ardor",
        means="dolorosa",
        language="es",
    )
    assert saved.status_code == 302
    assert Synonym.objects.get(language="es", words="ardor").means == "dolorosa"


def folded(text):
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    ).lower()


def test_the_spanish_counterparts_of_the_shipped_synonyms_ship_in_spanish():
    spanish = {s.words: s.means for s in Synonym.objects.filter(language="es")}
    assert spanish == {
        "calambre": "espasmo",
        "nervio pinchado": "compresión de un nervio",
    }
    # Each points at words the shipped Spanish content uses.
    shipped = folded(
        (Path(settings.BASE_DIR) / "fixtures/translations/es.json").read_text()
    )
    for means in spanish.values():
        assert folded(means) in shipped, means


def test_the_seed_never_overwrites_a_spanish_synonym_staff_changed():
    row = Synonym.objects.get(language="es", words="calambre")
    row.means = "espasmo muscular"
    row.save()
    Synonym.objects.get(language="es", words="nervio pinchado").delete()
    seed()
    assert Synonym.objects.get(language="es", words="calambre").means == (
        "espasmo muscular"
    )
    assert not Synonym.objects.filter(language="es", words="nervio pinchado")
    # The English rows with the same words are their own.
    assert Synonym.objects.filter(language="en").count() == 3


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("espamos", "espasmos"), ("mucsulo", "músculo"), ("contractra", "contractura")],
)
def test_a_spanish_misspelling_gets_the_spanish_word(
    client, spanish_text, typed, suggested
):
    response = client.get("/es/search/", {"q": typed})
    page = parse(response)
    assert f"¿Quiso decir {suggested}?" in page.main_text
    assert f"/es/search/?q={suggested}" in {
        link.replace("%C3%BA", "ú") for link in page.links
    }
    assert SPANISH_SPASMS in results(client, "/es/search/", suggested)[0]


def test_the_spanish_pages_never_suggest_an_english_word(client, spanish_text):
    # "spasms" is on the Spanish page too (its English text, not yet
    # translated), but it is an English word.
    text = parse(client.get("/es/search/", {"q": "spams"})).main_text
    assert "spasms" not in text
    assert "Did you mean" not in text
    # The English pages still suggest it.
    text = parse(client.get("/search/", {"q": "spams"})).main_text
    assert "Did you mean spasms?" in text


def test_the_admin_home_shows_each_searchs_language_and_adds_its_synonym(
    editor_client,
):
    client = Client()
    for _ in range(2):
        client.get("/es/search/", {"q": "tirón"})
    client.get("/search/", {"q": "tiron"})
    assert SearchCount.objects.get(words="tirón").language == "es"
    page = parse(editor_client.get("/admin/"))
    assert "tirón (Spanish, 2 searches)" in page.main_text
    assert "tiron (1 search)" in page.main_text
    add = "/admin/pages/synonym/add/?words=tir%C3%B3n&language=es"
    assert add in page.links
    assert "/es/search/?q=tir%C3%B3n" in page.links
    form = editor_client.get(add).content.decode()
    assert re.search(r'<option value="es" selected>', form)
    assert 'value="tirón"' in form


def test_counts_are_kept_per_language(client):
    client.get("/es/search/", {"q": "espalda"})
    client.get("/search/", {"q": "espalda"})
    rows = SearchCount.objects.filter(words="espalda")
    assert sorted(rows.values_list("language", "count")) == [("en", 1), ("es", 1)]


def test_a_spanish_promotion_puts_the_spanish_page_first_on_the_spanish_pages(
    client, editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/pages/promotion/add/",
            {"words": "ciática", "url": "/conditions/sciatica/", "language": "es"},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    links, text = results(client, "/es/search/", "ciática")
    assert links[0] == "/es/conditions/sciatica/"
    assert "Sugerido por la clínica" in text
    # Not on the English pages.
    assert "/conditions/sciatica/" not in results(client, "/search/", "ciática")[0]
