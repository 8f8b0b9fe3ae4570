"""The site in Spanish (issue 17): English where it always was, Spanish
under /es/, the language from the address alone, and each page linking its
other-language twin."""

import re
from datetime import UTC, datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import parse
from .test_pages import crawl

pytestmark = pytest.mark.django_db

CONDITION_URL = "/conditions/back-muscle-spasms/"
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
SWITCH = re.compile(r'<a class="language-switch" href="([^"]+)" hreflang="([^"]+)"')


def alternates(response):
    return dict(ALTERNATE.findall(response.content.decode()))


def switch_of(response):
    href, code = SWITCH.search(response.content.decode()).groups()
    return unescape(href), code


def test_english_addresses_are_unchanged_and_spanish_lives_under_es(client):
    for path in ["/", CONDITION_URL, "/locations/", "/search/?q=spasm"]:
        english = client.get(path)
        spanish = client.get("/es" + path)
        assert english.status_code == spanish.status_code == 200, path
        assert english["Content-Language"] == "en"
        assert spanish["Content-Language"] == "es"
        assert '<html lang="en-US">' in english.content.decode()
        assert '<html lang="es-US">' in spanish.content.decode()


def test_the_language_comes_from_the_address_never_cookie_or_browser(client):
    client.cookies["django_language"] = "es"
    english = client.get(CONDITION_URL, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert english["Content-Language"] == "en"
    assert "Accept-Language" not in english.get("Vary", "")
    spanish = client.get("/es" + CONDITION_URL, HTTP_ACCEPT_LANGUAGE="en-US")
    assert spanish["Content-Language"] == "es"


def test_the_switch_goes_to_the_same_page_in_the_other_language(client):
    assert switch_of(client.get(CONDITION_URL)) == ("/es" + CONDITION_URL, "es")
    assert switch_of(client.get("/es" + CONDITION_URL)) == (CONDITION_URL, "en")
    # The search asked for is kept; parameters no view reads are not.
    href, _ = switch_of(client.get("/search/?q=spasm&utm_source=x"))
    assert href == "/es/search/?q=spasm"
    # Even on a page that does not exist.
    assert switch_of(client.get("/es/no-such-page/"))[0] == "/no-such-page/"


def test_every_page_names_both_languages_reciprocally(client, settings):
    settings.SITE_URL = "https://www.backfit.example"
    site = settings.SITE_URL
    pages = crawl(client)
    spanish = [url for url in pages if url.startswith("/es/")]
    english = [url for url in pages if not url.startswith("/es/")]
    # The crawl reached the Spanish side through the switch alone.
    assert len(spanish) > 20 and len(english) > 20
    for url, response in pages.items():
        links = alternates(response)
        en = links["en"].removeprefix(site)
        es = links["es"].removeprefix(site)
        assert es == "/es" + en, url
        assert url in (en, es), url
        assert links["x-default"] == links["en"], url
        # The twin names this page back.
        twin = es if url == en else en
        assert alternates(client.get(twin)) == links, url


def test_spanish_and_english_copies_of_a_page_never_cross_in_the_cache(client):
    """The page cache keys pages by address: a Spanish visit first, then an
    English one, must each get their own language, from the cache too."""
    spanish = client.get("/es" + CONDITION_URL)
    english = client.get(CONDITION_URL)
    assert spanish["X-Page-Cache"] == english["X-Page-Cache"] == "miss"
    for _ in range(2):
        again_en = client.get(CONDITION_URL, HTTP_ACCEPT_LANGUAGE="es")
        again_es = client.get("/es" + CONDITION_URL, HTTP_ACCEPT_LANGUAGE="en")
        assert again_en["X-Page-Cache"] == again_es["X-Page-Cache"] == "hit"
        assert again_en.content == english.content
        assert again_es.content == spanish.content
    assert '<html lang="es-US">' in again_es.content.decode()
    assert '<html lang="en-US">' in again_en.content.decode()


def test_the_fast_path_before_django_keeps_the_languages_apart(client, settings):
    """CachedPagesApp (gunicorn's hit path) answers from the same keys."""
    from django.core.wsgi import get_wsgi_application

    from backfit.pagecache import CachedPagesApp

    settings.ALLOWED_HOSTS = ["testserver"]
    client.get("/es" + CONDITION_URL)
    client.get(CONDITION_URL)
    app = CachedPagesApp(get_wsgi_application())

    def fetch(path):
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "HTTP_HOST": "testserver",
            "HTTP_ACCEPT_LANGUAGE": "es",
            "wsgi.url_scheme": "http",
        }
        hit = app._hit(environ)
        assert hit is not None, path
        return hit[2].decode()

    assert '<html lang="es-US">' in fetch("/es" + CONDITION_URL)
    assert '<html lang="en-US">' in fetch(CONDITION_URL)


def test_the_sitemap_lists_both_languages_with_alternates(client):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ["/", CONDITION_URL]:
        for prefix in ("", "/es"):
            assert re.search(
                rf"<loc>https?://[^/<]+{re.escape(prefix + path)}</loc>", xml
            )
    # Every entry names its English twin as x-default.
    assert xml.count("<url>") == xml.count('hreflang="x-default"') > 40


# --- The Spanish catalog ----------------------------------------------------

PO_FILE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"


def catalog():
    import polib

    return polib.pofile(str(PO_FILE))


def test_the_spanish_catalog_is_complete():
    po = catalog()
    assert len(po) > 200
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    # Every placeholder of the English is in the Spanish, none invented.
    for entry in po.translated_entries():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        if entry.msgstr:
            assert sorted(PLACEHOLDER.findall(entry.msgstr)) == wanted, entry.msgid
        # A plural form may use the plural's placeholders (the count) too.
        english = set(wanted) | set(PLACEHOLDER.findall(entry.msgid_plural))
        for text in entry.msgstr_plural.values():
            assert set(PLACEHOLDER.findall(text)) <= english, entry.msgid


def test_the_committed_mo_file_matches_the_po_file():
    """A fresh machine has no gettext: it reads the committed .mo, which must
    say what the .po says."""
    import polib

    committed = polib.mofile(str(PO_FILE.with_suffix(".mo")))
    po = catalog()

    def pairs(entries):
        return {
            (entry.msgctxt, entry.msgid): (
                entry.msgstr,
                tuple(sorted(entry.msgstr_plural.items())),
            )
            for entry in entries
            if entry.msgid
        }

    assert pairs(committed) == pairs(po.translated_entries())


PLACEHOLDER = re.compile(r"%\(\w+\)s")


# --- Every public page type, read in Spanish --------------------------------


def english_interface_words():
    """Every interface text the Spanish catalog translates, as a patient would
    read it if a template forgot to mark it: the English of each entry whose
    Spanish differs, cut at its placeholders and markup."""
    words = set()
    for entry in catalog().translated_entries():
        if entry.msgstr == entry.msgid or entry.msgctxt == "clock":
            continue
        for piece in re.split(r"%\(\w+\)s|<[^>]+>", entry.msgid):
            piece = " ".join(piece.split()).strip(" .,:;“”")
            # Words that are the same in both languages, or too short to
            # tell apart from content, are left to the longer phrases.
            if len(piece) >= 12 and " " in piece:
                words.add(piece)
    return words


def test_every_spanish_page_type_reads_in_spanish(client):
    """Crawl the Spanish side from /es/, one page of every page type and
    every page it links: no English interface phrase anywhere in the text
    or in the attributes a screen reader speaks."""
    english = english_interface_words()
    assert len(english) > 100
    pages = {
        url: response
        for url, response in crawl(client, start="/es/").items()
        if url.startswith("/es/")
    }
    pages["/es/search/?q=spasm"] = client.get("/es/search/?q=spasm")
    pages["/es/search/?q=zzzz"] = client.get("/es/search/?q=zzzz")
    pages["/es/no-such-page/"] = client.get("/es/no-such-page/")
    pages["/es/locations/?near=85281"] = client.get("/es/locations/?near=85281")
    pages["/es/locations/?near=nowhere"] = client.get("/es/locations/?near=nowhere")
    kinds = {resolve_kind(url) for url in pages}
    assert {
        "home",
        "conditions:list",
        "conditions:detail",
        "conditions:body_areas",
        "conditions:body_area",
        "conditions:root_cause",
        "treatments:list",
        "treatments:detail",
        "locations:list",
        "locations:detail",
        "appointments:request",
        "team:list",
        "articles:list",
        "articles:detail",
        "privacy",
        "search",
    } <= kinds
    found = {}
    for url, response in pages.items():
        html = response.content.decode()
        spoken = " ".join(re.findall(r'(?:aria-label|alt|placeholder)="([^"]*)"', html))
        # Staff text not yet translated is marked lang="en": it may be
        # English; everything else is interface and must be Spanish.
        text = unescape(spanish_text(html) + " " + spoken)
        hits = sorted(phrase for phrase in english if phrase in text)
        if hits:
            found[url] = hits
    assert found == {}


class SpanishText(HTMLParser):
    """The text of a page outside the parts marked lang="en"."""

    VOID = {"br", "img", "input", "link", "meta", "hr", "source", "circle", "rect"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        inherited = bool(self.stack) and self.stack[-1][1]
        self.stack.append((tag, dict(attrs).get("lang") == "en" or inherited))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        inside = self.stack[-1] if self.stack else ("", False)
        if not inside[1] and inside[0] not in {"script", "style"}:
            self.text.append(data)


def spanish_text(html):
    parser = SpanishText()
    parser.feed(html)
    return " ".join(" ".join(parser.text).split())


def resolve_kind(url):
    from django.urls import Resolver404, resolve
    from django.utils import translation

    try:
        with translation.override("es"):
            return resolve(url.split("?")[0]).view_name
    except Resolver404:
        return "404"


def test_a_spanish_date_reads_in_spanish(client):
    from conditions.models import Condition

    when = datetime(2026, 12, 4, 12, tzinfo=UTC)
    Condition.objects.filter(slug="back-muscle-spasms").update(
        updated=when, changed=when
    )
    spanish = parse(client.get("/es" + CONDITION_URL)).plain_text
    english = parse(client.get(CONDITION_URL)).plain_text
    assert "Última actualización: 4 de diciembre de 2026" in spanish
    assert "Last updated December 4, 2026" in english


def test_staff_text_not_yet_in_spanish_shows_in_english_marked_so(client):
    """Never blank: the English is there, marked lang="en" (WCAG 3.1.2), and
    one short line says the page is not translated yet."""
    from base.translated import translated_fields
    from conditions.models import Condition, ConditionSection

    # A page staff have not translated: no Spanish in any of its fields.
    for model in (Condition, ConditionSection):
        model.objects.update(
            **{f"{name}_es": None for name in translated_fields(model)}
        )
    html = client.get("/es" + CONDITION_URL).content.decode()
    assert '<h1><span lang="en">Back + Muscle Spasms</span></h1>' in html
    assert "Esta página aún no está traducida" in html
    assert re.search(r'<h2 id="[^"]+"><span lang="en">What are', html)
    # The definition, word for word, in English.
    assert '<p class="lead"><span lang="en">Involuntary contractions' in html
    english = client.get(CONDITION_URL).content.decode()
    assert 'lang="en"' not in english.split("<body>", 1)[1]
    assert "Esta página" not in english


# --- Search on the Spanish side ---------------------------------------------


def test_spanish_search_folds_accents_and_stems_in_spanish(client):
    from conditions.models import Condition

    condition = Condition.objects.get(slug="back-muscle-spasms")
    section = condition.sections.first()
    # Spanish text as staff would type it (in a Spanish field, once content
    # is translated): accents, and the plural.
    section.body = "Los espasmos del músculo de la espalda dolorosa."
    section.save()
    # "doloroso" finds "dolorosa" only by its Spanish stem.
    for query in ["musculo", "músculo", "espasmo", "espasmos", "doloroso"]:
        response = client.get("/es/search/", {"q": query})
        links = parse(response).links
        assert "/es" + CONDITION_URL in links, query
        # Results are in the page's language: no English page linked.
        results = re.findall(
            r'<ol class="results">(.*?)</ol>', response.content.decode(), re.S
        )[0]
        assert re.findall(r'href="(/[^"]*)"', results)
        assert all(
            href.startswith("/es/") for href in re.findall(r'href="(/[^"]*)"', results)
        ), query
    english = client.get("/search/", {"q": "spasms"}).content.decode()
    results = re.findall(r'<ol class="results">(.*?)</ol>', english, re.S)[0]
    assert "/es/" not in results
    assert CONDITION_URL in results


# --- Call-backs in Spanish --------------------------------------------------


def test_a_spanish_patient_asks_for_a_call_back_in_spanish_and_staff_see_it(
    client, admin_client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from appointments.models import AppointmentRequest

    settings.APPOINTMENT_NOTIFY_EMAIL = ["front-desk@backfit.example"]
    form = client.get("/es/appointments/request/").content.decode()
    assert "Idioma de la llamada" in form
    # Asked on a Spanish page, Spanish is already chosen.
    assert re.search(
        r'<input type="radio" name="language" value="es"[^>]*checked', form
    )
    # A mistake is explained in Spanish.
    wrong = client.post(
        "/es/appointments/request/",
        {"name": "", "phone": "12", "time_of_day": "any", "language": "es"},
    )
    assert "Por favor, díganos su nombre." in wrong.content.decode()
    assert "Por favor, escriba un número de teléfono" in wrong.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            "/es/appointments/request/",
            {
                "name": "María López",
                "phone": "(480) 555-0100",
                "time_of_day": "morning",
                "language": "es",
                "message": "",
                "website": "",
            },
        )
    assert done["Location"].startswith("/es/")
    thanks = client.get(done["Location"]).content.decode()
    assert "Gracias: le llamaremos" in thanks
    request = AppointmentRequest.objects.get(name="María López")
    assert request.language == "es"
    # Staff: the list says Spanish, in bold, and filters by it.
    listing = admin_client.get(
        "/admin/appointments/appointmentrequest/?language__exact=es"
    ).content.decode()
    assert '<strong class="call-in-spanish">Spanish</strong>' in listing
    assert "María López" in listing
    # The email says so, and still carries no name or number.
    (mail,) = mailoutbox
    assert "(call back in Spanish)" in mail.subject
    assert "in Spanish" in mail.body
    assert "María" not in mail.body and "555" not in mail.body


def test_an_english_request_stays_english_and_unmarked(
    client, admin_client, django_capture_on_commit_callbacks
):
    from appointments.models import AppointmentRequest

    form = client.get("/appointments/request/").content.decode()
    assert re.search(
        r'<input type="radio" name="language" value="en"[^>]*checked', form
    )
    client.post(
        "/appointments/request/",
        {"name": "Ann Lee", "phone": "(480) 555-0101", "time_of_day": "any"},
    )
    assert AppointmentRequest.objects.get(name="Ann Lee").language == "en"
    listing = admin_client.get("/admin/appointments/appointmentrequest/")
    assert "call-in-spanish" not in listing.content.decode()


def test_se_habla_espanol_only_when_staff_say_so(client):
    from base.models import ClinicSettings

    for url in ["/", "/es/", "/es" + CONDITION_URL]:
        assert "Se habla español" not in client.get(url).content.decode(), url
    clinic = ClinicSettings.load()
    assert clinic.spanish_on_phone is False
    clinic.spanish_on_phone = True
    clinic.save()
    for url in ["/", "/es/", "/es" + CONDITION_URL]:
        html = client.get(url).content.decode()
        assert 'lang="es">Se habla español</p>' in html, url
