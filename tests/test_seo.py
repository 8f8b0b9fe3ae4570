"""What search engines and assistants read: structured data that matches the
records, canonical links, Open Graph, descriptions, sitemap.xml and
robots.txt; drafts in none of them."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from html import unescape

import pytest

from base.models import Status
from conditions.models import Condition
from locations.models import Location
from treatments.models import Treatment

from .clinics import WEEKDAYS_8_TO_6, save_clinic
from .conftest import parse
from .test_pages import crawl

pytestmark = pytest.mark.django_db

SITE = "https://www.backfit.example"
CONDITION_URL = "/conditions/back-muscle-spasms/"
LD_JSON = re.compile(
    r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.DOTALL
)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def graph(client, url):
    html = client.get(url).content.decode()
    blocks = LD_JSON.findall(html)
    assert len(blocks) == 1, url
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


def names(nodes):
    return [node["name"] for node in nodes]


def head(client, url):
    html = client.get(url).content.decode()
    tags = re.findall(r"<(?:meta|link) [^>]*>", html.split("</head>")[0])
    found = {}
    for tag in tags:
        attrs = dict(re.findall(r'(\w[\w:-]*)="([^"]*)"', tag))
        key = attrs.get("property") or attrs.get("name") or attrs.get("rel")
        found[key] = unescape(attrs.get("content") or attrs.get("href", ""))
    return found


def test_condition_page_describes_the_condition_from_its_records(client):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    condition.last_reviewed = date(2026, 3, 1)
    condition.save()
    nodes = graph(client, CONDITION_URL)

    page = nodes["MedicalWebPage"]
    medical = nodes["MedicalCondition"]
    assert page["url"] == SITE + CONDITION_URL
    assert page["lastReviewed"] == "2026-03-01"
    assert page["about"] == {"@id": medical["@id"]}
    assert medical["name"] == "Back + Muscle Spasms"
    assert medical["description"] == condition.definition
    # in the order staff gave them (the page's order)
    assert names(medical["cause"]) == [
        link.tag.name for link in condition.root_cause_links.all()
    ]
    assert names(medical["riskFactor"]) == [
        link.tag.name for link in condition.risk_factor_links.all()
    ]
    assert names(medical["signOrSymptom"]) == ["Skin Redness", "Swelling", "Weakness"]
    assert set(names(medical["associatedAnatomy"])) == {
        a.name for a in condition.body_areas.all()
    }
    assert {t["url"] for t in medical["possibleTreatment"]} == {
        SITE + t.get_absolute_url() for t in condition.treatments.all()
    }
    assert {c["@type"] for c in medical["cause"]} == {"MedicalCause"}


def test_last_reviewed_only_when_a_clinician_reviewed_it(client):
    Condition.objects.filter(slug="back-muscle-spasms").update(last_reviewed=None)
    assert "lastReviewed" not in graph(client, CONDITION_URL)["MedicalWebPage"]


def test_a_draft_treatment_is_not_offered_in_structured_data(client):
    Treatment.objects.filter(slug="chiropractic").update(status=Status.DRAFT)
    treatments = graph(client, CONDITION_URL)["MedicalCondition"]["possibleTreatment"]
    assert "Chiropractic" not in names(treatments)
    assert len(treatments) == 8
    save_clinic(
        "Desert Ridge",
        slug="desert-ridge",
        treatments=["chiropractic", "massage-therapy"],
    )
    Treatment.objects.filter(slug="chiropractic").update(status=Status.DRAFT)
    services = graph(client, "/locations/desert-ridge/")["MedicalClinic"]
    assert names(services["availableService"]) == ["Massage Therapy"]


def test_treatment_page_is_a_medical_therapy(client):
    treatment = Treatment.objects.get(slug="chiropractic")
    nodes = graph(client, treatment.get_absolute_url())
    therapy = nodes["MedicalTherapy"]
    assert therapy["name"] == "Chiropractic"
    assert therapy["description"] == treatment.summary
    assert nodes["MedicalWebPage"]["about"] == {"@id": therapy["@id"]}


def test_a_clinic_gives_address_phone_hours_and_services_as_entered(client):
    location = save_clinic(
        "Desert Ridge",
        "85050",
        slug="desert-ridge",
        street_address="123 Example Road",
        phone="+1 480 555 0100",
        hours={**WEEKDAYS_8_TO_6, 5: ("09:00", "13:00"), 6: "closed"},
        treatments=["chiropractic", "physical-therapy"],
    )
    clinic = graph(client, location.get_absolute_url())["MedicalClinic"]
    assert clinic["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "123 Example Road",
        "addressLocality": "Phoenix",
        "addressRegion": "AZ",
        "postalCode": "85050",
        "addressCountry": "US",
    }
    # The ZIP code's center is not where the clinic is: no position claimed.
    assert "geo" not in clinic
    assert clinic["telephone"] == "+14805550100"
    hours = {
        spec["dayOfWeek"].rsplit("/", 1)[1]: (spec["opens"], spec["closes"])
        for spec in clinic["openingHoursSpecification"]
    }
    assert hours["Monday"] == ("08:00", "18:00")
    assert hours["Saturday"] == ("09:00", "13:00")
    assert "Sunday" not in hours  # closed
    assert set(names(clinic["availableService"])) == {
        "Chiropractic",
        "Physical Therapy",
    }


def test_a_position_set_by_hand_is_claimed(client):
    location = save_clinic(
        "Desert Ridge",
        "85050",
        slug="desert-ridge",
        position_is_custom="on",
        latitude="33.675000",
        longitude="-111.970000",
    )
    assert (float(location.latitude), float(location.longitude)) == (33.675, -111.97)
    clinic = graph(client, location.get_absolute_url())["MedicalClinic"]
    assert clinic["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 33.675,
        "longitude": -111.97,
    }


def test_the_shipped_clinic_claims_only_what_is_known(client):
    clinic = graph(client, "/locations/desert-ridge/")["MedicalClinic"]
    assert clinic["name"] == "BackFit Health + Spine Desert Ridge"
    assert clinic["telephone"] == "+18772225348"  # the real appointment line
    assert clinic["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Phoenix",
        "addressRegion": "AZ",
        "addressCountry": "US",
    }
    for unknown in ["geo", "openingHoursSpecification", "availableService"]:
        assert unknown not in clinic


def test_every_page_has_breadcrumbs_canonical_open_graph_and_description(client):
    for url in crawl(client):
        nodes = graph(client, url)
        crumbs = nodes["BreadcrumbList"]["itemListElement"]
        home = SITE + ("/es/" if url.startswith("/es/") else "/")
        assert crumbs[0]["item"] == home, url
        assert crumbs[-1]["item"] == SITE + url, url
        assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
        tags = head(client, url)
        assert tags["canonical"] == SITE + url, url
        assert tags["og:url"] == SITE + url, url
        assert tags["og:title"] and tags["og:site_name"] == "BackFit Health + Spine"
        assert 20 <= len(tags["description"]) <= 160, url
        assert tags["og:description"] == tags["description"], url
    assert head(client, CONDITION_URL)["description"].startswith(
        "Back and muscle spasms: involuntary"
    )


def test_not_found_page_is_not_indexed(client):
    tags = head(client, "/conditions/nope/")
    assert "canonical" not in tags
    assert tags["robots"] == "noindex"


def test_content_cannot_break_out_of_the_structured_data(client):
    condition = Condition.objects.get(slug="back-muscle-spasms")
    condition.definition = 'Spasms </script><script>alert("x")</script> & more'
    condition.save()
    html = client.get(CONDITION_URL).content.decode()
    assert "<script>alert" not in html
    medical = graph(client, CONDITION_URL)["MedicalCondition"]
    assert medical["description"] == condition.definition


def sitemap_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    return {
        url.find("s:loc", ns).text: getattr(url.find("s:lastmod", ns), "text", None)
        for url in root.findall("s:url", ns)
    }


def test_sitemap_lists_exactly_the_published_pages_with_last_change(client):
    urls = sitemap_urls(client)
    # Every page a visitor can reach, but those asking search engines to
    # skip them (treatments not written up yet).
    indexable = {
        SITE + url
        for url, response in crawl(client).items()
        if "noindex" not in parse(response).meta.get("robots", "")
    }
    assert set(urls) == indexable
    # Every page made from records says when they last changed; only the
    # fixed pages (a form, the privacy notice) have no date of their own.
    undated = {url for url, lastmod in urls.items() if lastmod is None}
    assert undated == {
        SITE + prefix + page
        for prefix in ("", "/es")
        for page in ("/privacy/", "/appointments/request/")
    }
    condition = Condition.objects.get(slug="back-muscle-spasms")
    assert urls[SITE + CONDITION_URL] == condition.updated.date().isoformat()


def test_drafts_are_not_in_the_sitemap(client):
    Condition.objects.filter(slug="back-muscle-spasms").update(status=Status.DRAFT)
    Location.objects.filter(slug="desert-ridge").update(status=Status.DRAFT)
    urls = sitemap_urls(client)
    assert SITE + CONDITION_URL not in urls
    assert SITE + "/locations/desert-ridge/" not in urls
    assert SITE + "/conditions/neck-pain/" in urls


def test_robots_txt_points_to_the_sitemap_and_never_names_the_admin(client, settings):
    """A moved admin's address stays with staff: robots.txt is public."""
    settings.ADMIN_URL = "staff-door-41/"
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "staff-door-41" not in response.content.decode()


def test_admin_pages_are_kept_out_of_search_engines(client):
    response = client.get("/admin/login/")
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_odd_paths_get_the_branded_404_not_an_error(client):
    """Found by the hostile-input tests: "//[" once broke the canonical link."""
    from django.test import RequestFactory
    from django.views.defaults import page_not_found

    request = RequestFactory().get("/")
    request.path = request.path_info = "//["
    response = page_not_found(request, None)
    assert response.status_code == 404
    assert "Sorry, we can’t find that page" in response.content.decode()


def test_a_condition_not_written_up_claims_nothing_about_itself(client):
    """Sciatica has no text yet (FACTS.md has none): its description is the
    clinic's own, never a sentence made from its name."""
    sciatica = Condition.objects.get(slug="sciatica")
    assert not sciatica.definition and not sciatica.meta_description
    tags = head(client, sciatica.get_absolute_url())
    tagline = "Back pain and spine clinics across the greater Phoenix, Arizona area."
    assert tags["description"] == tags["og:description"] == tagline
    assert tags["robots"].startswith("noindex")
    nodes = graph(client, sciatica.get_absolute_url())
    assert "description" not in nodes["MedicalCondition"]
    assert nodes["MedicalWebPage"]["description"] == tagline
    # Once staff write its definition, that is its description.
    sciatica.definition = "Words staff wrote for this page."
    sciatica.save()
    assert head(client, sciatica.get_absolute_url())["description"] == (
        "Words staff wrote for this page."
    )
