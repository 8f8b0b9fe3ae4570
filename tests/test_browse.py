"""Browsing: where does it hurt, the A-Z list, cause and risk pages, and the
new patient page."""

import re

import pytest

from base.models import ClinicSettings, Status
from conditions.models import BodyArea, Condition
from conditions.views import SHORT_LIST

from .clinics import save_clinic
from .conftest import parse
from .test_pages import crawl

pytestmark = pytest.mark.django_db

MAP_AREAS = [
    "neck",
    "shoulders",
    "upper-back",
    "chest",
    "ribs",
    "stomach",
    "lower-back",
    "arms",
    "legs",
]


def test_home_links_to_where_does_it_hurt_under_that_name(client):
    html = client.get("/").content.decode()
    assert '<a href="/where-it-hurts/">Where does it hurt?</a>' in html


def test_body_map_has_a_named_link_for_every_area(client):
    response = client.get("/where-it-hurts/")
    assert response.status_code == 200
    html = response.content.decode()
    maps = re.findall(r'<svg class="body-map".*?</svg>', html, re.S)
    assert [re.search(r'aria-label="([^"]+)"', svg).group(1) for svg in maps] == [
        "Body map, front view",
        "Body map, back view",
    ]
    svg = "".join(maps)
    for slug in MAP_AREAS:
        area = BodyArea.objects.get(slug=slug)
        assert f'<a href="/where-it-hurts/{slug}/" aria-label="{area.name}">' in svg
    # Every link in the map has an accessible name, and a visible label.
    assert svg.count("<a ") == svg.count("aria-label=") - len(maps)
    assert svg.count("<a ") == svg.count('<text class="map-label"')
    # The back has its own areas; the front its own.
    assert "/where-it-hurts/lower-back/" not in maps[0]
    assert "/where-it-hurts/chest/" not in maps[1]


def test_body_areas_are_also_a_plain_list_of_links(client):
    page = parse(client.get("/where-it-hurts/"))
    html_list = page.main_text[page.main_text.index("Body areas") :]
    for area in BodyArea.objects.published():
        assert area.get_absolute_url() in page.links
        assert area.name in html_list
    assert (
        "Lower Back Arthritis + Osteoarthritis, Back + Muscle Spasms, Sciatica"
        in page.main_text
    )


def test_body_map_needs_no_script_or_image(client):
    html = client.get("/where-it-hurts/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "<script" not in main and "<img" not in main


def test_a_draft_area_is_not_on_the_map_or_the_list(client):
    BodyArea.objects.filter(slug="chest").update(status=Status.DRAFT)
    html = client.get("/where-it-hurts/").content.decode()
    assert "/where-it-hurts/chest/" not in html
    assert client.get("/where-it-hurts/chest/").status_code == 404


def test_a_body_area_page_lists_its_conditions(client):
    page = parse(client.get("/where-it-hurts/lower-back/"))
    assert "/conditions/back-muscle-spasms/" in page.links
    assert "/conditions/sciatica/" in page.links


def test_a_to_z_shows_only_letters_with_conditions(client):
    for n in range(SHORT_LIST):  # a list long enough for a letter bar
        Condition.objects.create(
            name=f"Test condition {n}", slug=f"test-{n}", status=Status.PUBLISHED
        )
    html = client.get("/conditions/").content.decode()
    bar = html[html.index('<nav class="letters"') :]
    bar = bar[: bar.index("</nav>")]
    assert '<a href="#letter-B">B</a>' in bar
    initials = sorted({c.name[0].upper() for c in Condition.objects.published()})
    assert len(initials) < 26
    assert re.findall(r">([A-Z])<", bar) == initials
    used = set(re.findall(r'href="#letter-([A-Z])"', html))
    headings = set(re.findall(r'<h2 id="letter-([A-Z])"', html))
    assert used == headings


def test_root_cause_and_risk_factor_pages_list_their_conditions(client):
    page = parse(client.get("/root-causes/bone-spurs/"))
    assert page.h1 == ["Bone Spurs"]
    assert "/conditions/sciatica/" in page.links
    page = parse(client.get("/risk-factors/obesity/"))
    assert page.h1 == ["Obesity"]
    assert "/conditions/sciatica/" in page.links


def test_new_patient_page_is_a_marked_placeholder(client):
    page = parse(client.get("/new-patients/"))
    assert page.h1 == ["Our new patient offer"]
    assert "Coming soon: the details of this offer are still being confirmed" in (
        page.main_text
    )


def test_a_placeholder_offer_is_not_promoted_anywhere(client):
    # Not on the home page, the condition pages' closing block, the footer,
    # any other page or the sitemap: only its own address still answers.
    for url in crawl(client):
        assert "/new-patients/" not in parse(client.get(url)).links, url
    assert b"/new-patients/" not in client.get("/sitemap.xml").content
    assert client.get("/new-patients/").status_code == 200


def test_the_written_offer_is_linked_from_home_and_condition_pages(client):
    settings = ClinicSettings.load()
    settings.new_patient_is_placeholder = False
    settings.save()
    assert "/new-patients/" in parse(client.get("/")).links
    html = client.get("/conditions/back-muscle-spasms/").content.decode()
    block = html[html.index('class="more-about"') :]
    assert '<a href="/new-patients/">Our new patient offer</a>' in block
    assert b"/new-patients/" in client.get("/sitemap.xml").content


def test_staff_write_the_offer_and_the_placeholder_notice_goes(client):
    settings = ClinicSettings.load()
    settings.new_patient_text = "First visit includes an exam and consultation."
    settings.new_patient_is_placeholder = False
    settings.save()
    text = parse(client.get("/new-patients/")).main_text
    assert "First visit includes an exam and consultation." in text
    assert "Coming soon" not in text


def test_condition_page_says_where_its_treatments_are_offered(client):
    # As shipped no clinic lists its treatments: the page names none.
    page = parse(client.get("/conditions/back-muscle-spasms/"))
    assert "Where these treatments are offered" not in page.main_text
    assert "/locations/desert-ridge/" not in page.links
    save_clinic("Desert Ridge", slug="desert-ridge", treatments=["chiropractic"])
    page = parse(client.get("/conditions/back-muscle-spasms/"))
    assert "Where these treatments are offered" in page.main_text
    assert "/locations/desert-ridge/" in page.links


def test_treatment_page_offers_the_nearest_clinic_search(client):
    html = client.get("/treatments/spinal-decompression/").content.decode()
    assert "/locations/" not in html.split("<main")[1].split("</main>")[0]
    save_clinic("Tempe", "85281", treatments=["spinal-decompression"])
    save_clinic("Mesa", "85201", treatments=["chiropractic"])
    html = client.get("/treatments/spinal-decompression/").content.decode()
    assert '<input type="hidden" name="treatment" value="spinal-decompression">' in (
        html
    )
    assert "/locations/tempe/" in html
    assert "/locations/mesa/" not in html
