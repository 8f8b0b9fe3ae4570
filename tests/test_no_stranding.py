"""No page strands a patient (issue 16): a condition not written up yet says
so and stays out of search engines, every list staff fill in shows on the
page in their order, and no page offers a way forward that does not work."""

import re

import pytest

from conditions.models import Condition, ConditionSection, ConditionTreatment, Symptom

from .conftest import parse

pytestmark = pytest.mark.django_db

SCIATICA = "/conditions/sciatica/"


def test_a_condition_without_a_definition_is_honest_and_kept_out_of_search_engines(
    client,
):
    response = client.get(SCIATICA)
    page = parse(response)
    assert page.meta.get("robots") == "noindex"
    assert "We have not written this page up yet." in page.main_text
    # Still what is known: its lists, when to get help now, the phone.
    for heading in ["Root Causes", "Risk Factors", "Treatments", "Emergency:"]:
        assert heading in page.main_text
    assert 'href="tel:+18772225348"' in response.content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/conditions/sciatica/" not in sitemap
    assert "/conditions/neck-pain/" in sitemap

    # Written up by staff: indexed on the next page load.
    sciatica = Condition.objects.get(slug="sciatica")
    sciatica.definition = "Pain along the sciatic nerve."
    sciatica.save()
    page = parse(client.get(SCIATICA))
    assert "robots" not in page.meta
    assert "/conditions/sciatica/" in client.get("/sitemap.xml").content.decode()


def test_no_card_is_a_sentence_built_from_field_names(client):
    for url in ["/", "/conditions/", "/where-it-hurts/legs/"]:
        text = parse(client.get(url)).main_text
        assert "Where you may feel it:" not in text, url


def tag_names(html, list_id):
    """The link texts of the pills under the heading with this id."""
    start = html.index(f'id="{list_id}"')
    block = html[start : html.index("</ul>", start)]
    return [" ".join(name.split()) for name in re.findall(r">([^<>]+)</a>", block)]


def test_symptoms_staff_pick_show_on_the_page_without_a_symptoms_section(client):
    neck = Condition.objects.get(slug="neck-pain")
    assert not neck.sections.filter(list_kind="symptoms").exists()
    neck.symptoms.add(*Symptom.objects.filter(slug__in=["stiffness", "swelling"]))
    html = client.get(neck.get_absolute_url()).content.decode()
    assert tag_names(html, "symptoms") == ["Stiffness", "Swelling"]
    # Where a section lists them, they are not said twice.
    spasms = client.get("/conditions/back-muscle-spasms/").content.decode()
    assert ConditionSection.objects.filter(
        condition__slug="back-muscle-spasms", list_kind="symptoms"
    ).exists()
    assert 'id="symptoms"' not in spasms
    assert "Skin Redness" in spasms


def test_treatment_pills_follow_the_order_staff_gave(client):
    links = list(
        ConditionTreatment.objects.filter(condition__slug="neck-pain").order_by(
            "position"
        )
    )
    assert len(links) >= 3
    # Staff drag the last treatment to the top.
    for position, link in enumerate([links[-1], *links[:-1]]):
        link.position = position
        link.save()
    html = client.get("/conditions/neck-pain/").content.decode()
    names = tag_names(html, "treatments")
    assert names == [link.display_label for link in [links[-1], *links[:-1]]] or (
        names == [link.treatment.name for link in [links[-1], *links[:-1]]]
    )
    assert names != sorted(names)
