"""The site in Spanish (issue 17): English where it always was, Spanish
under /es/, the language from the address alone, and each page linking its
other-language twin."""

import re
from html import unescape

import pytest

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
