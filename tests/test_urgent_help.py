"""When to get help now (issue 16): public safety guidance on every condition
page, checked against the section "When to get help now" of FACTS.md.

What ships must be what FACTS.md says and nothing more: every word of every
sign shown is found in the FACTS.md paragraph its source names (a few plain
words aside), so an invented medical sentence fails here."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from base.models import Status
from base.seeding import seed
from conditions.models import BodyArea, Condition, UrgentHelp

from .conftest import parse

pytestmark = pytest.mark.django_db

FACTS = (Path(__file__).parent / "data" / "FACTS.md").read_text(encoding="utf-8")
SECTION = FACTS.split("## When to get help now", 1)[1].split("\n## ", 1)[0]
#: The section's paragraphs ("- Back pain, ... (sources): ..."), one line each.
BULLETS = [
    "- " + " ".join(bullet.split()) for bullet in ("\n" + SECTION).split("\n- ")[1:]
]
EVERY_PAGE = next(b for b in BULLETS if b.startswith("- Every page"))
GUIDANCE_BULLETS = [b for b in BULLETS if b is not EVERY_PAGE]

#: Words that carry no medical claim, and the plain words the site uses for
#: FACTS.md's ("urgently (same day)" is "today").
PLAIN = frozenset(
    re.findall(
        r"\w+",
        """a an and any are as at be but by can come comes do does each for from
        get go has have how if in into is it its more much no not of on one or
        our so that the their them there these they this those to up us was we
        what when where which who with you your""",
    )
)
SAID_OTHERWISE = {"today": "same day"}


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def stem(word):
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def unbacked(text, backing):
    """The words of `text` that `backing` (FACTS.md text) does not have."""
    known = {stem(word) for word in words(backing)}
    missing = []
    for word in words(text):
        if word in PLAIN or stem(word) in known:
            continue
        if word in SAID_OTHERWISE and SAID_OTHERWISE[word] in backing:
            continue
        missing.append(word)
    return missing


def bullet_for(source):
    """The FACTS.md paragraph whose sources (in its first brackets) name
    every word of `source`."""
    found = [
        bullet
        for bullet in GUIDANCE_BULLETS
        if not unbacked(source, bullet.split(")", 1)[0])
    ]
    assert len(found) == 1, f"source {source!r} names {len(found)} FACTS paragraphs"
    return found[0]


class Callouts(HTMLParser):
    """The text of each urgent-help callout on a page, by kind."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.callouts, self.depth, self.kind = {}, 0, None

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.kind:
            self.depth += tag == "section"
        elif tag == "section" and "urgent-callout" in classes:
            self.kind = "emergency" if "urgent-emergency" in classes else "urgent"
            self.depth = 1
            self.callouts[self.kind] = []

    def handle_endtag(self, tag):
        if self.kind:
            self.callouts[self.kind].append(" ")
        if self.kind and tag == "section":
            self.depth -= 1
            if not self.depth:
                self.kind = None

    def handle_data(self, data):
        if self.kind:
            self.callouts[self.kind].append(data)


def callouts(html):
    parser = Callouts()
    parser.feed(html)
    return {kind: " ".join("".join(t).split()) for kind, t in parser.callouts.items()}


def published_conditions():
    conditions = list(Condition.objects.published())
    assert len(conditions) >= 7
    return conditions


# What ships -----------------------------------------------------------------


def test_every_sign_shipped_is_backed_by_its_facts_paragraph():
    guidance = list(UrgentHelp.objects.all())
    assert len(guidance) == len(GUIDANCE_BULLETS)
    for record in guidance:
        assert record.source.strip(), record
        backing = bullet_for(record.source)
        for line in [
            record.name,
            record.emergency_lead,
            record.urgent_lead,
            *record.emergency_signs,
            *record.urgent_signs,
        ]:
            assert unbacked(line, backing) == [], (record.slug, line)


def test_every_facts_paragraph_ships_and_chest_opens_chest_and_ribs():
    shipped = {bullet_for(record.source) for record in UrgentHelp.objects.published()}
    assert shipped == set(GUIDANCE_BULLETS)
    chest = UrgentHelp.objects.get(slug="heart-attack-warning-signs")
    assert "American Heart Association" in chest.source
    assert {area.slug for area in chest.body_areas.all()} == {"chest", "ribs"}


def test_every_published_condition_page_shows_both_callouts_each_with_its_source(
    client,
):
    for condition in published_conditions():
        response = client.get(condition.get_absolute_url())
        html = response.content.decode()
        found = callouts(html)
        assert set(found) == {"emergency", "urgent"}, condition.slug
        assert found["emergency"].startswith(
            "Emergency: Call 911 or go to the emergency room"
        )
        assert found["urgent"].startswith("Urgent: See a doctor today")
        # The words say which, not only the color; and a source under each
        # block that lists signs.
        for kind, text in found.items():
            has_signs = "<li>" in part(html, f"urgent-{kind}")
            assert ("Source:" in text or "Sources:" in text) == has_signs, (
                condition.slug,
                kind,
            )
        assert "Our appointment line is not for emergencies." in found["emergency"]
        # After the definition and "At a glance", listed in "On this page".
        text = parse(response).main_text
        assert text.index("At a glance") < text.index("Emergency: Call 911")
        if condition.definition:
            assert text.index(condition.definition) < text.index("At a glance")
        toc = part(html, 'class="on-this-page"')
        assert 'href="#urgent-help">When to get help now</a>' in toc
        assert 'id="urgent-help"' in html


def test_no_sentence_on_a_page_callout_is_unbacked(client):
    """What the page shows (the template's own words included), against the
    whole FACTS.md section; the source line names the source."""
    for condition in published_conditions():
        html = client.get(condition.get_absolute_url()).content.decode()
        for kind, text in callouts(html).items():
            shown = re.split(r"Sources?:", text)[0]
            assert unbacked(shown, SECTION) == [], (condition.slug, kind)


def part(html, marker):
    start = html.index(marker)
    return html[start : html.index("</section>", start)]


def test_a_published_condition_without_guidance_has_no_callout_and_staff_see_it(
    client, admin_client
):
    knee = Condition.objects.get(slug="knee-pain")
    UrgentHelp.objects.get(slug="knee-pain").conditions.remove(knee)
    assert callouts(client.get(knee.get_absolute_url()).content.decode()) == {}
    home = admin_client.get(reverse("admin:index")).content.decode()
    listed = part(home, 'id="attention-no-urgent-help"').split("</div>")[0]
    assert "Conditions without urgent-help guidance" in listed
    assert "Knee Pain" in listed
    assert "Neck Pain" not in listed
    # A draft needs no guidance yet; a published one with it leaves the list.
    UrgentHelp.objects.get(slug="knee-pain").conditions.add(knee)
    home = admin_client.get(reverse("admin:index")).content.decode()
    assert "Knee Pain" not in home.split('id="attention-no-urgent-help"')[1][:2000]


def test_guidance_needs_its_source_and_a_sign():
    record = UrgentHelp(name="Test", slug="test", urgent_lead="If:", urgent="A sign")
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "source" in error.value.message_dict
    record = UrgentHelp(name="Test", slug="test", source="NHS")
    with pytest.raises(ValidationError):
        record.full_clean()


def test_staff_edit_guidance_in_the_admin_with_history_and_reseed_keeps_it(
    admin_client,
):
    record = UrgentHelp.objects.get(slug="knee-pain")
    url = reverse("admin:conditions_urgenthelp_change", args=[record.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"conditions", "body_areas"}
    }
    data.update(
        conditions=[c.pk for c in record.conditions.all()],
        body_areas=[],
        source="",
        last_reviewed="",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200  # refused: no source
    assert "This field is required" in response.content.decode()
    data["source"] = "NHS, “Knee pain” (checked)"
    assert admin_client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert record.source == "NHS, “Knee pain” (checked)"
    assert record.history.count() >= 2
    seed()
    record.refresh_from_db()
    assert record.source == "NHS, “Knee pain” (checked)"


# Where it shows ----------------------------------------------------------------


@pytest.mark.parametrize("slug", ["chest", "ribs"])
def test_chest_and_ribs_open_with_heart_attack_signs_before_any_condition(client, slug):
    html = client.get(f"/where-it-hurts/{slug}/").content.decode()
    text = parse(client.get(f"/where-it-hurts/{slug}/")).main_text
    signs = text.index("heart attack warning signs")
    assert signs < text.index("Back + Muscle Spasms")
    assert "American Heart Association" in callouts(html)["emergency"]
    # Other areas do not.
    assert "heart attack" not in client.get("/where-it-hurts/knees/").content.decode()


def test_urgent_help_page_gathers_all_published_guidance(client):
    UrgentHelp.objects.filter(slug="arthritis").update(status=Status.DRAFT)
    response = client.get("/urgent-help/")
    text = parse(response).main_text
    assert response.status_code == 200
    for record in UrgentHelp.objects.published():
        assert record.name in text
        assert record.source in text
    assert "One joint suddenly hot" not in text
    assert "/conditions/sciatica/" in parse(response).links
    assert "In a medical emergency, call 911." in text


def test_every_page_says_the_appointment_line_is_not_for_emergencies(client):
    line = (
        "The appointment line is not for emergencies: in a medical emergency, call 911."
    )
    for url in ["/", "/conditions/", "/treatments/chiropractic/", "/search/?q=x"]:
        response = client.get(url)
        footer = response.content.decode().split('<footer class="site-footer">')[1]
        assert line in " ".join(footer.split()), url
    for url, card in [("/", "care-way-call"), ("/conditions/neck-pain/", "contact-")]:
        html = client.get(url).content.decode()
        card = html.split(card, 1)[1].split("</aside>")[0].split("</li>")[0]
        assert "This line is not for emergencies: in an emergency, call 911." in card
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert line in " ".join(missing.content.decode().split())


def test_a_body_area_reached_with_guidance_brings_it_to_its_conditions(client):
    """Guidance given to a body area shows on every condition felt there."""
    knees = BodyArea.objects.get(slug="knees")
    record = UrgentHelp.objects.get(slug="heart-attack-warning-signs")
    arthritis = Condition.objects.get(slug="arthritis-osteoarthritis")
    before = client.get(arthritis.get_absolute_url()).content.decode()
    assert "heart attack" not in before
    record.body_areas.add(knees)
    after = client.get(arthritis.get_absolute_url()).content.decode()
    assert "heart attack warning signs" in callouts(after)["emergency"]
