"""Every list staff fill in on a condition's form (body areas, root causes,
risk factors, symptoms) shows in the order staff gave it, everywhere the page
shows it: the lists under "At a glance", a section that shows the symptoms,
the page's structured data and the text search reads. What ships is the
order the clinic's own page lists them in (fixtures/40-conditions.json)."""

import html
import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from conditions import search
from conditions.models import Condition

from .editing import admin_form_data, change_url, inline_field

# (the inline's prefix on the form, the list's id on the page, its JSON-LD key)
LISTS = [
    ("body_area_links", "body-areas", "associatedAnatomy"),
    ("root_cause_links", "root-causes", "cause"),
    ("risk_factor_links", "risk-factors", "riskFactor"),
    ("symptom_links", "symptoms", "signOrSymptom"),
]
FIXTURE_LISTS = {
    "body_area_links": "body_areas",
    "root_cause_links": "root_causes",
    "risk_factor_links": "risk_factors",
    "symptom_links": "symptoms",
}


def list_on_page(page, list_id):
    """The names in the list under the heading with `list_id` (or, for the
    symptoms, in the section that shows them), in order."""
    start = page.find(f'id="{list_id}"')
    if start < 0:
        start = page.index(f'<ul class="{list_id}"')
    block = page[page.index("<ul", start) : page.index("</ul>", start)]
    return [html.unescape(name) for name in re.findall(r"<a [^>]*>([^<]+)</a>", block)]


def structured_data(page):
    for raw in re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S
    ):
        data = json.loads(raw)
        for node in data.get("@graph", [data]):
            if node.get("@type") == "MedicalCondition":
                return node
    raise AssertionError("no MedicalCondition on the page")


def names(condition, prefix):
    return [link.tag.name for link in getattr(condition, prefix).all()]


@pytest.mark.django_db
def test_the_shipped_lists_are_in_the_order_of_the_clinics_page(client):
    fixture = json.loads(
        (Path(settings.BASE_DIR) / "fixtures" / "40-conditions.json").read_text()
    )
    checked = 0
    for record in fixture:
        if record["model"] != "conditions.condition":
            continue
        condition = Condition.objects.get(slug=record["fields"]["slug"])
        for prefix, field in FIXTURE_LISTS.items():
            shipped = [key[0] for key in record["fields"].get(field, [])]
            links = getattr(condition, prefix).all()
            assert [link.tag.slug for link in links] == shipped, (condition, field)
            assert [link.position for link in links] == list(range(len(shipped)))
            checked += len(shipped)
    assert checked > 50
    # and so the page reads: Arthritis lists its symptoms as the clinic's
    # page does, stiffness first, not A to Z
    condition = Condition.objects.get(slug="arthritis-osteoarthritis")
    page = client.get(condition.get_absolute_url()).content.decode()
    assert list_on_page(page, "symptoms") == [
        "Stiffness",
        "Swelling",
        "Redness",
        "Decreased Range of Motion",
    ]


@pytest.mark.django_db
def test_staff_reorder_each_list_and_the_page_shows_their_order_everywhere(
    admin_client, client
):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    url = change_url(condition)
    form = admin_client.get(url)
    data = admin_form_data(form)
    wanted = {}
    for prefix, _list_id, _key in LISTS:
        links = list(getattr(condition, prefix).all())
        assert len(links) >= 3, prefix
        # last first, then the rest as they were
        moved = [links[-1], *links[:-1]]
        for position, link in enumerate(moved):
            data[inline_field(data, prefix, link, "position")] = position
        wanted[prefix] = [link.tag.name for link in moved]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    page = client.get(condition.get_absolute_url()).content.decode()
    about = structured_data(page)
    text = next(
        doc for doc in search.documents() if doc.url == condition.get_absolute_url()
    )
    text = " ".join(text.texts)
    for prefix, list_id, key in LISTS:
        assert list_on_page(page, list_id) == wanted[prefix], list_id
        assert [node["name"] for node in about[key]] == wanted[prefix], key
        first, second = wanted[prefix][:2]
        assert text.index(first) < text.index(second), prefix
    # The staff form shows the rows in the order saved, too.
    form = admin_client.get(url)
    formsets = {
        fs.formset.prefix: fs.formset for fs in form.context["inline_admin_formsets"]
    }
    for prefix, _list_id, _key in LISTS:
        rows = [f.instance.tag.name for f in formsets[prefix].forms if f.instance.pk]
        assert rows == wanted[prefix], prefix


@pytest.mark.django_db
def test_the_form_reads_in_page_order(admin_client):
    """Top of the page, the lists as "At a glance" shows them, the
    highlights, then the question sections and the treatments."""
    condition = Condition.objects.get(slug="back-muscle-spasms")
    form = admin_client.get(change_url(condition)).content.decode()
    marks = [
        'name="name"',
        'id="body_area_links-group"',
        'id="root_cause_links-group"',
        'id="risk_factor_links-group"',
        'id="symptom_links-group"',
        'name="statistic"',
        'id="sections-group"',
        'id="condition_treatments-group"',
        'name="meta_description"',
    ]
    found = [form.index(mark) for mark in marks]
    assert found == sorted(found)
    # each entry is found by typing its name (autocomplete)
    assert form.count("admin-autocomplete") >= 4
