"""What the clinic publishes, checked against what is known about it.

tests/data/FACTS.md is a copy of the facts gathered from the clinic's own
site. Its lists are exact: every item of every list must be on its page,
and a link where the page links the list. Its prose is paraphrased on the
site, so these tests check what a patient would notice instead: no filler, no
invented claims, enough words on a page search engines are asked to index,
one record per symptom whoever lists it, US spelling."""

import ast
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from articles.models import Article
from base.models import Status
from conditions.models import Condition, Symptom
from team.models import Clinician, Profession
from treatments.models import Treatment

from .conftest import parse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
FACTS = (Path(__file__).parent / "data" / "FACTS.md").read_text(encoding="utf-8")

# The clinic's list spells one item wrongly; the site spells it right.
ALIASES = {"myofacial pain": "myofascial pain"}


# FACTS.md ---------------------------------------------------------------


def entry(start):
    """The paragraph of FACTS.md that starts with `start` (a bullet and its
    indented lines), on one line."""
    lines = FACTS.splitlines()
    for index, line in enumerate(lines):
        if line.startswith(start):
            found = [line]
            for more in lines[index + 1 :]:
                if not more.startswith("  "):
                    break
                found.append(more)
            return " ".join(" ".join(found).split())
    raise AssertionError(f"FACTS.md has no paragraph starting {start!r}")


def facts_list(start, label):
    """The items of the list `label` ("Risk Factors") in the paragraph that
    starts with `start`, as the clinic wrote them."""
    text = entry(start)
    match = re.search(re.escape(label) + r"[^:.]*:\s*(.+?)\.(?:\s|$)", text)
    assert match, f"no {label!r} list in {start!r}"
    raw = match.group(1)
    inner = re.match(r"the other \w+ menu treatments \((.+)\)$", raw)
    if inner:  # "the other ten menu treatments (Chiropractic, ...)"
        raw = inner.group(1)
    raw = re.sub(r"\s*\(the rest[^)]*\)$", "", raw)
    items = [item.strip() for item in raw.split(",")]
    assert all(items), (start, label, items)
    return items


def menu():
    text = " ".join(FACTS.split())
    listed = re.search(r"The clinic's treatment menu: (.+?)\. Condition", text)
    named = re.search(r"Condition pages also name (.+?)\.(?:\s|$)", text)
    return [
        item.strip()
        for item in f"{listed.group(1)}, {named.group(1)}".split(",")
        if item.strip()
    ]


# Pages ------------------------------------------------------------------


class Links(HTMLParser):
    """The links of a piece of a page: [(href, text)]."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._href, self._text = [], None, []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.found.append((self._href, " ".join("".join(self._text).split())))
            self._href = None


def links(html):
    parser = Links()
    parser.feed(html)
    return parser.found


def norm(text):
    text = " ".join(text.replace("“", '"').replace("”", '"').split()).casefold()
    return ALIASES.get(text, text)


def part(html, marker, end):
    """The piece of `html` from `marker` to the next `end`."""
    assert marker in html, f"{marker!r} not on the page"
    start = html.index(marker)
    return html[start : html.index(end, start)]


def tag_list(html, list_id):
    """A list drawn by includes/tag_list.html (or a condition's treatments)."""
    return part(html, f'aria-labelledby="{list_id}"', "</section>")


def section_symptoms(html):
    return part(html, '<ul class="symptoms">', "</ul>")


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


PT, CHIRO = "/treatments/physical-therapy/", "/treatments/chiropractic/"
TPI = "/treatments/trigger-point-injections/"
SCIATICA, NECK, WHIPLASH = (
    "/conditions/sciatica/",
    "/conditions/neck-pain/",
    "/conditions/whiplash/",
)
ARTHRITIS, KNEE = "/conditions/arthritis-osteoarthritis/", "/conditions/knee-pain/"
HEADACHES = "/conditions/headaches-migraines/"
# (paragraph of FACTS.md, list label, page, where on the page the list is)
LINKED_LISTS = [
    ("- Physical Therapy.", "Symptoms Treated", PT, "symptoms-treated"),
    ("- Physical Therapy.", "Performed By", PT, "performed-by"),
    ("- Physical Therapy.", "Complementary Treatments", PT, "complementary"),
    ("- Chiropractic. Conditions", "Conditions listed", CHIRO, "symptoms-treated"),
    ("- Trigger Point Injections.", "Conditions list", TPI, "symptoms-treated"),
    ("- Sciatica.", "Root causes", SCIATICA, "root-causes"),
    ("- Sciatica.", "Risk factors", SCIATICA, "risk-factors"),
    ("- Sciatica.", "Treatments", SCIATICA, "treatments"),
    ("- Neck Pain, in full.", "Root Causes", NECK, "root-causes"),
    ("- Neck Pain, in full.", "Risk Factors", NECK, "risk-factors"),
    ("- Neck Pain, in full.", "Treatments", NECK, "treatments"),
    ("- Neck Pain.", "Treatments", NECK, "treatments"),
    ("- Whiplash, in full.", "Root Causes", WHIPLASH, "root-causes"),
    ("- Whiplash.", "Risk factors", WHIPLASH, "risk-factors"),
    ("- Whiplash.", "Treatments", WHIPLASH, "treatments"),
    ("- Arthritis + Osteoarthritis.", "Root Causes", ARTHRITIS, "root-causes"),
    ("- Arthritis + Osteoarthritis.", "Risk Factors", ARTHRITIS, "risk-factors"),
    ("- Arthritis + Osteoarthritis.", "Treatments", ARTHRITIS, "treatments"),
    ("- Arthritis + Osteoarthritis.", "Symptoms", ARTHRITIS, None),
]
TEXT_LISTS = [
    ("- Headaches + Migraines. Most", "Most common primary headaches", HEADACHES),
    ("- Knee Pain.", "Common injuries", KNEE),
    ("- Knee Pain.", "Mechanical problems", KNEE),
    ("- Knee Pain.", "Arthritis types", KNEE),
]


@pytest.mark.parametrize(
    "start, label, url, list_id", LINKED_LISTS, ids=lambda v: str(v)[:30]
)
def test_every_item_of_a_linked_list_is_a_link_on_its_page(
    client, start, label, url, list_id
):
    html = get(client, url)
    piece = tag_list(html, list_id) if list_id else section_symptoms(html)
    shown = {norm(text): href for href, text in links(piece)}
    missing = [item for item in facts_list(start, label) if norm(item) not in shown]
    assert missing == []
    for href in shown.values():  # and every link goes to a page that works
        assert client.get(href).status_code == 200, href


def test_the_lists_are_really_read_from_facts():
    counts = [len(facts_list(start, label)) for start, label, *_ in LINKED_LISTS]
    assert sum(counts) > 100
    assert len(facts_list("- Physical Therapy.", "Symptoms Treated")) == 19
    assert len(facts_list("- Physical Therapy.", "Complementary Treatments")) == 10


@pytest.mark.parametrize("start, label, url", TEXT_LISTS, ids=lambda v: str(v)[:30])
def test_every_item_of_a_text_list_is_on_its_page(client, start, label, url):
    text = norm(parse(client.get(url)).main_text)
    missing = [item for item in facts_list(start, label) if norm(item) not in text]
    assert missing == []


def test_the_whole_menu_has_pages_linked_from_the_treatments_page(client):
    shown = {norm(text): href for href, text in links(get(client, "/treatments/"))}
    items = menu()
    assert len(items) == 22
    missing = [item for item in items if norm(item) not in shown]
    assert missing == []
    for item in items:
        assert client.get(shown[norm(item)]).status_code == 200, item


def test_the_lists_check_fails_when_an_item_is_gone(client):
    """The list tests can fail: unlink one symptom and it is missing."""
    Symptom.objects.get(slug="vertigo").treatments.clear()
    html = get(client, "/treatments/physical-therapy/")
    shown = {norm(text) for _, text in links(tag_list(html, "symptoms-treated"))}
    items = facts_list("- Physical Therapy.", "Symptoms Treated")
    assert [item for item in items if norm(item) not in shown] == ["Vertigo"]


def test_a_symptom_naming_a_condition_links_to_that_condition(client):
    html = get(client, "/treatments/physical-therapy/")
    shown = {text: href for href, text in links(tag_list(html, "symptoms-treated"))}
    assert shown["Neck Pain"] == "/conditions/neck-pain/"
    assert shown["Headache"] == "/conditions/headaches-migraines/"
    assert shown["Fatigue"] == "/symptoms/fatigue/"


# One record per symptom ---------------------------------------------------


def test_a_symptom_shared_by_a_condition_and_a_treatment_is_one_record(client):
    names = [name.casefold() for name in Symptom.objects.values_list("name", flat=True)]
    assert sorted(names) == sorted(set(names))
    on_conditions, on_treatments = {}, {}
    for condition in Condition.objects.published():
        html = get(client, condition.get_absolute_url())
        if '<ul class="symptoms">' in html:
            on_conditions.update(
                (norm(text), href) for href, text in links(section_symptoms(html))
            )
    for treatment in Treatment.objects.published():
        html = get(client, treatment.get_absolute_url())
        if 'aria-labelledby="symptoms-treated"' in html:
            on_treatments.update(
                (norm(text), href)
                for href, text in links(tag_list(html, "symptoms-treated"))
            )
    shared = set(on_conditions) & set(on_treatments)
    assert "decreased range of motion" in shared
    for name in shared:
        assert on_conditions[name] == on_treatments[name], name


# Treatment pages: no filler, indexed only when written up -----------------

FILLER = [
    "One of the treatments offered at BackFit",
    "Call us to ask whether it suits you",
    "Ask our team how this treatment could help you",
    "Call us to find the nearest clinic offering",
]


class Prose(HTMLParser):
    """Words of a page's own writing: the text of <main> without its links
    (lists), forms and the appointment block."""

    SKIP = {"a", "form", "aside", "nav", "script"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words, self._main, self._skip = 0, False, 0

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self._main = True
        elif tag in self.SKIP:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self._main = False
        elif tag in self.SKIP:
            self._skip -= 1

    def handle_data(self, data):
        if self._main and not self._skip:
            self.words += len(data.split())


def prose_words(html):
    parser = Prose()
    parser.feed(html)
    return parser.words


def test_no_published_treatment_page_holds_filler(client):
    for treatment in Treatment.objects.published():
        text = parse(client.get(treatment.get_absolute_url())).main_text
        assert [f for f in FILLER if f.casefold() in text.casefold()] == [], treatment


def test_an_indexable_treatment_page_has_at_least_120_words(client):
    indexable, hidden = [], []
    for treatment in Treatment.objects.published():
        response = client.get(treatment.get_absolute_url())
        html = response.content.decode()
        if "noindex" in parse(response).meta.get("robots", ""):
            hidden.append(treatment.slug)
            continue
        indexable.append(treatment.slug)
        assert prose_words(html) >= 120, treatment
    assert {
        "physical-therapy",
        "chiropractic",
        "trigger-point-injections",
        "spinal-decompression",
        "weight-loss",
    } <= set(indexable)
    assert "pens" in hidden


def test_a_treatment_with_nothing_known_shows_its_lists_and_the_call_block(client):
    response = client.get("/treatments/pens/")
    page = parse(response)
    assert page.meta["robots"] == "noindex"
    assert 'href="tel:+18772225348"' in response.content.decode()
    assert "/conditions/sciatica/" in page.links
    assert prose_words(response.content.decode()) < 30
    assert "Definition" not in page.main_text


def test_staff_writing_a_treatment_up_makes_it_indexable(client):
    treatment = Treatment.objects.get(slug="pens")
    treatment.description = " ".join(["word"] * 130)
    treatment.save()
    page = parse(client.get("/treatments/pens/"))
    assert "robots" not in page.meta
    assert "/treatments/pens/" in client.get("/sitemap.xml").content.decode()


def test_the_admin_shows_which_treatments_are_not_written_up(admin_client):
    url = "/admin/treatments/treatment/?written=no"
    html = admin_client.get(url).content.decode()
    assert ">PENS<" in html
    assert ">Physical Therapy<" not in html
    html = admin_client.get("/admin/treatments/treatment/?written=yes").content
    assert b">Physical Therapy<" in html and b">PENS<" not in html


def test_complementary_treatments_show_both_ways(client):
    pt = Treatment.objects.get(slug="physical-therapy")
    chiro = get(client, "/treatments/chiropractic/")
    assert pt.get_absolute_url() in dict(links(tag_list(chiro, "complementary")))
    pt.complementary.remove(Treatment.objects.get(slug="chiropractic"))
    chiro = get(client, "/treatments/chiropractic/")
    assert 'aria-labelledby="complementary"' not in chiro


def test_treatment_sections_are_in_order_with_their_questions(client):
    text = parse(client.get("/treatments/chiropractic/")).main_text
    order = [
        "Definition",
        "Symptoms Treated",
        "Performed By",
        "What is chiropractic care?",
        "How is an adjustment given?",
        "Who should ask before having chiropractic care?",
        "What training does a chiropractor have?",
        "Conditions it helps",
    ]
    positions = [text.index(phrase) for phrase in order]
    assert positions == sorted(positions)


# Conditions ---------------------------------------------------------------


@pytest.mark.parametrize(
    "slug, area",
    [
        ("arthritis-osteoarthritis", "knees"),
        ("headaches-migraines", "head"),
        ("knee-pain", "knees"),
        ("neck-pain", "neck"),
        ("whiplash", "neck"),
    ],
)
def test_new_and_completed_conditions_are_published_with_text(client, slug, area):
    condition = Condition.objects.published().get(slug=slug)
    assert condition.definition
    assert condition.sections.count() >= 3
    page = parse(client.get(condition.get_absolute_url()))
    assert f"/where-it-hurts/{area}/" in page.links
    for section in condition.sections.all():
        assert section.heading in page.main_text


# The team -------------------------------------------------------------------


def test_the_team_page_names_every_profession_and_what_each_gives(client):
    html = get(client, "/team/")
    text = norm(parse(client.get("/team/")).main_text)
    team = re.search(r"### The team.*?\n(.+?);", FACTS, re.S).group(1)
    roles = [r.strip() for r in re.split(r",|\band\b", " ".join(team.split()))]
    for role in filter(None, roles):
        assert norm(role) in text, role
    # Each profession's treatments are the records treatment pages list
    # under "Performed by", and the other way round.
    for treatment in Treatment.objects.published():
        page = get(client, treatment.get_absolute_url())
        if 'aria-labelledby="performed-by"' not in page:
            continue
        for href, _ in links(tag_list(page, "performed-by")):
            slug = href.split("#")[1]
            block = part(html, f'id="{slug}"', "</section>")
            assert treatment.get_absolute_url() in dict(links(block)), (slug, treatment)
    assert Clinician.objects.count() == 0  # no names are known


def test_a_clinician_shows_only_once_published(client, admin_client):
    profession = Profession.objects.get(slug="chiropractor")
    clinician = Clinician.objects.create(
        name="Pat Example", slug="pat-example", credentials="DC", profession=profession
    )
    assert "Pat Example" not in get(client, "/team/")
    preview = admin_client.get(f"/preview/team/clinician/{clinician.pk}/")
    assert "Pat Example, DC" in parse(preview).main_text
    clinician.status = Status.PUBLISHED
    clinician.save()
    assert "Pat Example, DC" in parse(client.get("/team/")).main_text


def test_a_draft_profession_is_hidden_everywhere(client, admin_client):
    Profession.objects.filter(slug="chiropractor").update(status=Status.DRAFT)
    assert "/team/#chiropractor" not in get(client, "/team/")
    assert "/team/#chiropractor" not in get(client, "/treatments/chiropractic/")
    profession = Profession.objects.get(slug="chiropractor")
    preview = admin_client.get(f"/preview/team/profession/{profession.pk}/")
    assert "Chiropractors" in parse(preview).main_text


# The health library -----------------------------------------------------------


def test_the_library_lists_four_articles_each_with_article_structured_data(client):
    page = parse(client.get("/health-library/"))
    articles = Article.objects.published()
    assert articles.count() == 4
    for article in articles:
        assert article.get_absolute_url() in page.links
        html = get(client, article.get_absolute_url())
        data = json.loads(re.search(r"ld\+json\">(.+?)</script>", html).group(1))
        (node,) = [n for n in data["@graph"] if n["@type"] == "Article"]
        assert node["headline"] == article.name
        assert node["datePublished"] == article.published_date.isoformat()


def test_articles_show_as_read_more_on_the_pages_they_are_about(client):
    article = Article.objects.get(slug="what-is-back-decompression")
    for url in ["/treatments/spinal-decompression/", "/conditions/sciatica/"]:
        block = part(
            get(client, url), 'aria-labelledby="read-more-heading"', "</section>"
        )
        assert article.get_absolute_url() in dict(links(block)), url


def test_a_draft_article_is_hidden_everywhere(client, admin_client):
    article = Article.objects.get(slug="what-is-back-decompression")
    article.status = Status.DRAFT
    article.save()
    url = article.get_absolute_url()
    assert client.get(url).status_code == 404
    for page in [
        "/",
        "/health-library/",
        "/treatments/spinal-decompression/",
        "/search/?q=decompression",
        "/sitemap.xml",
    ]:
        assert url not in get(client, page), page
    preview = admin_client.get(f"/preview/articles/article/{article.pk}/")
    assert preview.status_code == 200 and "Preview" in parse(preview).plain_text


def test_articles_are_in_site_search(client):
    page = parse(client.get("/search/?q=workstation"))
    assert "/health-library/posture-at-a-home-workstation/" in page.links


# Claims and spelling -----------------------------------------------------------


def fixture_texts():
    for path in sorted((ROOT / "fixtures").glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            for name, value in record["fields"].items():
                if isinstance(value, str):
                    yield (
                        f"{path.name} {record['fields'].get('slug', '')} {name}",
                        value,
                    )


def test_no_invented_claims_in_what_ships():
    bad = re.compile(r"FDA|\bcures?\b|success rate|guarantee", re.I)
    assert [(where, text) for where, text in fixture_texts() if bad.search(text)] == []


def test_every_statistic_says_whose_figure_it_is():
    figure = re.compile(r"\d+\s*%|\bmillion\b|\bpercent\b", re.I)
    unsourced = []
    for where, text in fixture_texts():
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if figure.search(sentence) and not re.search(r"\b(ACA|CDC)\b", sentence):
                unsourced.append((where, sentence))
    assert unsourced == []


BRITISH = re.compile(
    r"programme|centre|colour|behaviour|organis|recognis|favour|licence|"
    r"counsell|anaesthe|orthopaed|paediatr|oedema|haemo|judgement|defence|"
    r"practise|grey\b|neighbour|travell|apologis|speciali[sz]e?d? in|"
    r"minimis|emphasis(e|ing)|optimis|utilis|customis",
    re.I,
)


def test_fixtures_and_templates_are_in_us_english():
    found = [where for where, text in fixture_texts() if BRITISH.search(text)]
    for path in (ROOT / "templates").rglob("*.html"):
        found += [f"{path}: {m}" for m in BRITISH.findall(path.read_text())]
    assert found == []


# The health library is a folder, a settings line and a URL include ----------


def test_the_health_library_touches_only_the_app_list_and_the_root_urls():
    """No module outside articles/ names it, but INSTALLED_APPS and the root
    URLs: it reaches the site only through the registry (base/registry.py)."""
    naming = set()
    packages = [p for p in ROOT.iterdir() if (p / "__init__.py").exists()]
    for path in (f for p in packages for f in p.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {"articles", "tests"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                names = [node.value]
            if any(re.match(r"articles(\.|$)", name) for name in names):
                naming.add(str(relative))
    assert naming == {"backfit/settings.py", "backfit/urls.py"}


# Staff edit the treatment's lists on the treatment ------------------------------


def test_staff_edit_symptoms_and_professions_on_the_treatment_form(
    admin_client, client
):
    from .editing import admin_form_data

    treatment = Treatment.objects.get(slug="physical-therapy")
    url = f"/admin/treatments/treatment/{treatment.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    vertigo = Symptom.objects.get(slug="vertigo")
    massage = Profession.objects.get(slug="massage-therapist")
    assert str(vertigo.pk) in data["symptoms"]
    data["symptoms"] = [pk for pk in data["symptoms"] if pk != str(vertigo.pk)]
    data["performed_by"] = [*data["performed_by"], str(massage.pk)]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    html = get(client, treatment.get_absolute_url())
    shown = {text for _, text in links(tag_list(html, "symptoms-treated"))}
    assert "Vertigo" not in shown and "Neck Pain" in shown
    assert massage.get_absolute_url() in dict(links(tag_list(html, "performed-by")))
    # The same record, so the other pages agree.
    assert treatment.get_absolute_url() not in get(client, "/symptoms/vertigo/")
