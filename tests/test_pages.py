"""The public site as a patient sees it."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from base.models import ClinicSettings, Status
from conditions.models import Condition, RootCause
from conditions.views import SHORT_LIST
from locations.models import Location
from treatments.models import Treatment

from .clinics import WEEKDAYS_8_TO_6, save_clinic
from .conftest import parse

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).parent / "data" / "back-muscle-spasms.txt"
CONDITION_URL = "/conditions/back-muscle-spasms/"
LIST_HEADINGS = {"Root Causes", "Risk Factors", "Treatments"}


def source_facts():
    """Every line of the clinic's document, with its comma lists split into
    the items a patient sees as links."""
    lines = [
        " ".join(line.replace("•", "").split())
        for line in SOURCE.read_text(encoding="utf-8").splitlines()
    ]
    lines = [line for line in lines if line]
    facts = []
    for previous, line in zip([None, *lines], lines, strict=False):
        if previous in LIST_HEADINGS:
            facts.extend(item.strip() for item in line.split(","))
        else:
            facts.append(line)
    return facts


def crawl(client, start="/", within="/"):
    """Every public page reachable from `start` by following links, staying
    on addresses that begin with `within` ("/es/": the Spanish side only)."""
    seen, queue, pages = set(), [start], {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        pages[url] = response
        for link in parse(response).links:
            link = link.split("#")[0]
            skip = ("/static/", "/media/", reverse("admin:index"))
            if link.startswith(within) and not link.startswith(skip):
                queue.append(link)
    return pages


# The document's second line describes the old site's photo collage; our page
# draws the condition's body areas instead and describes what it lights
# (test_the_illustration_says_what_it_lights).
PICTURE_LINE = (
    "Collage of muscle spasms in lower back, pectoral/chest, stomach, and "
    "upper back/neck"
)


def test_every_fact_of_the_source_document_is_on_the_condition_page(client):
    page = parse(client.get(CONDITION_URL))
    text = page.plain_text
    facts = [fact for fact in source_facts() if fact != PICTURE_LINE]
    missing = [fact for fact in facts if fact not in text]
    assert missing == []
    assert len(facts) > 40  # the document was really read


def test_condition_page_sections_follow_the_document_order(client):
    response = client.get(CONDITION_URL)
    # Read the page without its "On this page" list of headings.
    html = re.sub(
        r'<nav class="on-this-page".*?</nav>', "", response.content.decode(), flags=re.S
    )
    response.content = html.encode()
    text = parse(response).main_text
    # The definition comes first, right under the title (the first screen
    # answers "what is it"); "At a glance" and when to get help now follow it
    # (on a phone within two screens, issue 16), then the appointment block
    # (the phone's call bar keeps the line in reach all along).
    order = [
        "Back + Muscle Spasms",
        "Definition",
        "Involuntary contractions",
        "Root Causes",
        "Risk Factors",
        "Treatments",
        "Emergency: Call 911",
        "Urgent: See a doctor today",
        "Appointment Inquiries",
        "What are back and muscle spasms?",
        "With muscle spasms, you may also see or feel:",
        "Skin Redness",
        "You may also have trouble sitting",
        "How does BackFit treat muscle and back spasms?",
        "Physical Therapy: Our physical therapy team",
        "Chiropractic Care: Our chiropractors",
        "Massage Therapy: Our massage therapists",
        "Pain Management: Our pain doctors",
        "By evaluating each individual",
        "More About BackFit",
    ]
    positions = [text.index(phrase) for phrase in order]
    assert positions == sorted(positions)


def test_the_illustration_says_what_it_lights(client):
    html = client.get(CONDITION_URL).content.decode()
    title = re.search(r'<title id="body-figure-title">([^<]+)</title>', html)
    assert title.group(1) == (
        "Outline of a body, front and back, with the neck, shoulders, upper back, "
        "chest, ribs, stomach, lower back, arms and legs highlighted"
    )
    assert 'role="img" aria-labelledby="body-figure-title"' in html


def test_every_public_page_works_and_offers_the_appointment_line(client):
    pages = crawl(client)
    assert len(pages) > 40
    for url, response in pages.items():
        assert response.status_code == 200, url
        page = parse(response)
        assert page.h1_count == 1, url
        assert 'href="tel:+18772225348"' in response.content.decode(), url
        assert "(877) 222-5348" in page.plain_text, url
        assert page.lang == ("es-US" if url.startswith("/es/") else "en-US"), url
        assert page.title.strip() and page.meta.get("description"), url


def test_treatment_links_resolve_and_link_back(client):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    page = parse(client.get(CONDITION_URL))
    for treatment in condition.treatments.all():
        assert treatment.get_absolute_url() in page.links
        treatment_page = client.get(treatment.get_absolute_url())
        assert treatment_page.status_code == 200
        assert CONDITION_URL in parse(treatment_page).links
    assert condition.treatments.count() == 9


def test_locations_link_to_treatments_and_back(client):
    save_clinic("Tempe", "85281", treatments=["chiropractic", "massage-therapy"])
    for location in Location.objects.published():
        page = parse(client.get(location.get_absolute_url()))
        for treatment in location.treatments.all():
            assert treatment.get_absolute_url() in page.links
            back = parse(client.get(treatment.get_absolute_url()))
            assert location.get_absolute_url() in back.links
    # A clinic without treatments entered links to none, and none to it.
    assert (
        "/treatments/chiropractic/"
        not in parse(client.get("/locations/desert-ridge/")).links
    )
    chiropractic = parse(client.get("/treatments/chiropractic/")).links
    assert "/locations/tempe/" in chiropractic
    assert "/locations/desert-ridge/" not in chiropractic


def test_location_page_shows_hours_and_directions(client):
    save_clinic(
        "Desert Ridge",
        "85050",
        slug="desert-ridge",
        street_address="123 Example Road",
        hours={**WEEKDAYS_8_TO_6, 6: "closed"},
    )
    page = parse(client.get("/locations/desert-ridge/"))
    assert "Address 123 Example RoadPhoenix, AZ 85050" in page.main_text
    assert "Monday 8:00 AM – 6:00 PM" in page.plain_text
    assert "Sunday Closed" in page.plain_text
    assert any(
        link.startswith("https://www.google.com/maps/dir/") for link in page.links
    )


def test_root_cause_that_is_a_condition_links_to_that_condition(client):
    page = parse(client.get("/conditions/neck-pain/"))
    assert CONDITION_URL in page.links
    assert RootCause.objects.get(slug="muscle-spasms").link_url() == CONDITION_URL


def test_tag_pages_list_their_conditions(client):
    page = parse(client.get("/root-causes/pins-and-needles/"))
    assert CONDITION_URL in page.links
    assert "/conditions/sciatica/" in page.links


def test_a_draft_condition_is_hidden_everywhere(client):
    Condition.objects.filter(slug="back-muscle-spasms").update(status=Status.DRAFT)
    assert client.get(CONDITION_URL).status_code == 404
    for url in [
        "/",
        "/conditions/",
        "/treatments/chiropractic/",
        "/root-causes/anemia/",
    ]:
        assert CONDITION_URL not in parse(client.get(url)).links, url


def test_a_draft_treatment_is_hidden_everywhere(client):
    Treatment.objects.filter(slug="chiropractic").update(status=Status.DRAFT)
    assert client.get("/treatments/chiropractic/").status_code == 404
    for url in ["/", "/treatments/", CONDITION_URL, "/locations/desert-ridge/"]:
        assert "/treatments/chiropractic/" not in parse(client.get(url)).links, url


def test_a_draft_location_is_hidden_everywhere(client):
    Location.objects.filter(slug="desert-ridge").update(status=Status.DRAFT)
    assert client.get("/locations/desert-ridge/").status_code == 404
    for url in ["/", "/locations/", CONDITION_URL, "/treatments/chiropractic/"]:
        assert "/locations/desert-ridge/" not in parse(client.get(url)).links, url


def test_unknown_address_is_a_branded_404_with_the_phone(client):
    response = client.get("/conditions/no-such-condition/")
    assert response.status_code == 404
    page = parse(response)
    assert "Sorry, we can’t find that page" in page.plain_text
    assert 'href="tel:+18772225348"' in response.content.decode()
    assert page.h1_count == 1


def test_server_error_page_is_branded_and_shows_the_phone(rf):
    from pages.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b'href="tel:+18772225348"' in response.content
    assert b"something went wrong" in response.content


def test_phone_is_rendered_everywhere_from_the_clinic_settings(client):
    settings = ClinicSettings.load()
    settings.phone = "+1 480 555 0100"
    settings.save()
    for url in ["/", CONDITION_URL, "/treatments/", "/locations/desert-ridge/"]:
        html = client.get(url).content.decode()
        assert 'href="tel:+14805550100"' in html, url
        assert "(480) 555-0100" in html, url
        assert "222-5348" not in html, url


def test_conditions_a_to_z_links_only_letters_in_use(client):
    # Seven conditions are one short list; a long one is grouped by letter.
    assert "#letter-B" not in parse(client.get("/conditions/")).links
    for n in range(SHORT_LIST):
        Condition.objects.create(
            name=f"Test condition {n}", slug=f"test-{n}", status=Status.PUBLISHED
        )
    Condition.objects.filter(slug="knee-pain").update(status=Status.DRAFT)
    page = parse(client.get("/conditions/"))
    assert "#letter-B" in page.links
    assert "#letter-S" in page.links
    assert "#letter-Q" not in page.links
    assert "#letter-K" not in page.links  # its one condition is a draft
    assert "#letter-T" in page.links
    assert "Knee Pain" not in page.plain_text
