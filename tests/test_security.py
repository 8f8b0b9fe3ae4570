"""Security as a visitor's browser sees it: the headers on every page,
staff text that can never become code, uploads that can never run, and the
admin still working under the strict Content-Security-Policy."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.db import models
from django.test import override_settings
from phonenumber_field.modelfields import PhoneNumberField

from base import registry

from .production import (
    add_staff_account,
    gunicorn,
    production_env,
    seeded_sqlite,
)
from .test_pages import CONDITION_URL, crawl

ROOT = Path(__file__).resolve().parent.parent

XSS_PAYLOADS = [
    '<script>alert("x1")</script>',
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "</title><script>alert(4)</script>",
    "javascript:alert(5)",
    "'><a href=javascript:alert(6)>x</a>",
    "</script><script>alert(7)</script>",
    "{{ 7|add:7 }}{% csrf_token %}",
]
ALL_PAYLOADS = " ".join(XSS_PAYLOADS)


class ActiveContent(HTMLParser):
    """Everything in a page that a browser would run: script elements,
    event-handler attributes and javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            url = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name in {"href", "src", "action", "formaction"} and url.startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag == "script":
            self._script = attrs
            self._script_text = ""
            src = attrs.get("src") or ""
            data_block = attrs.get("type") == "application/ld+json"
            if not (src.startswith("/static/") or data_block):
                self.problems.append(f"<script {attrs}>")

    def handle_data(self, data):
        if self._script is not None:
            self._script_text += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if self._script.get("type") == "application/ld+json":
                try:
                    json.loads(self._script_text)
                except ValueError:
                    self.problems.append("JSON-LD broken: " + self._script_text[:80])
            self._script = None


def strings(data):
    """Every string in parsed JSON."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        data = list(data.values())
    if isinstance(data, list):
        return [text for item in data for text in strings(item)]
    return []


def active_content(html):
    parser = ActiveContent()
    parser.feed(html)
    return parser.problems


def staff_text_fields(model):
    """The text fields staff type into in the admin."""
    for field in model._meta.get_fields():
        if (
            isinstance(field, models.CharField | models.TextField)
            and field.editable
            and not field.choices
            and not isinstance(field, models.SlugField | PhoneNumberField)
            and (field.max_length is None or field.max_length >= 40)
        ):
            yield field


def must_differ(model, field):
    """Whether no two records may hold the same text in `field`."""
    together = [set(names) for names in model._meta.unique_together] + [
        set(getattr(constraint, "fields", ())) for constraint in model._meta.constraints
    ]
    return field.unique or any(field.name in names for names in together)


def content_models():
    """Every model of every content app (base/registry.py) staff type into."""
    for config in registry.content_apps():
        for model in config.get_models():
            if model._meta.label != "backfit.SeedRecord":
                yield model


def fill_with_payloads(spanish=True):
    """Every staff text field of every record holds the payloads; with
    `spanish` False the Spanish fields are emptied instead, so /es/ shows
    the English in their place (marked lang="en")."""
    filled = []
    for model in content_models():
        fields = list(staff_text_fields(model))
        if not fields:
            continue
        for obj in model._default_manager.all():
            for i, field in enumerate(fields):
                value = ALL_PAYLOADS
                if field.max_length and len(value) > field.max_length:
                    value = XSS_PAYLOADS[i % len(XSS_PAYLOADS)]
                if must_differ(model, field):  # a synonym's words
                    value = f"{value} {obj.pk}"
                if not spanish and field.attname.endswith("_es"):
                    value = ""
                setattr(obj, field.attname, value)
            obj.save()
        filled += [f"{model._meta.label}.{field.name}" for field in fields]
    return filled


@pytest.mark.django_db
def test_xss_in_english_shown_on_spanish_pages_renders_inert(client):
    """The English shown in place of missing Spanish (wrapped in lang="en"
    spans and paragraphs) stays text."""
    fill_with_payloads(spanish=False)
    pages = crawl(client, start="/es/", within="/es/")
    assert len(pages) > 40
    for url, response in pages.items():
        assert response.status_code == 200, url
        assert active_content(response.content.decode()) == [], url
    html = pages["/es" + CONDITION_URL].content.decode()
    assert 'lang="en">&lt;script&gt;alert(&quot;x1&quot;)&lt;/script&gt;' in html


@pytest.mark.django_db
def test_xss_in_every_staff_text_field_renders_inert(client):
    filled = fill_with_payloads()
    assert "conditions.Condition.name" in filled
    assert "conditions.ConditionSection.body" in filled
    assert "backfit.ClinicSettings.more_about_text" in filled

    pages = crawl(client)
    assert len(pages) > 40
    for url, response in pages.items():
        html = response.content.decode()
        assert response.status_code == 200, url
        assert active_content(html) == [], url
    # search results highlight the staff text they match: still inert
    for query in ["script alert", "onerror", "javascript", "title"]:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert active_content(response.content.decode()) == [], query
    # the payloads are on the page, as text a patient could read
    html = pages[CONDITION_URL].content.decode()
    assert "&lt;script&gt;alert(&quot;x1&quot;)&lt;/script&gt;" in html
    assert "{{ 7|add:7 }}" in html  # staff text is never rendered as a template
    # and in the page's JSON-LD, as data, not breaking out of its element
    blocks = re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html
    )
    assert blocks
    assert '<script>alert("x1")</script>' in strings([json.loads(b) for b in blocks])


def test_the_inert_check_catches_active_content():
    assert active_content('<p><img src=x onerror="alert(1)"></p>')
    assert active_content("<a href=' JavaScript:alert(1)'>x</a>")
    assert active_content("<script>alert(1)</script>")
    assert active_content('<script type="application/ld+json">{"a": </script>')
    assert not active_content('<script src="/static/js/site.js" defer></script>')
    assert active_content(
        '<script type="application/ld+json">{"name": "</script><script>x()</script>'
    )
    assert not active_content(
        '<script type="application/ld+json">{"name": "\\u003c/script\\u003e"}</script>'
    )


def test_templates_and_code_never_mark_text_safe():
    """Autoescaping stays on everywhere: no template or view of ours marks
    text as safe HTML (rich text, if it ever comes, goes through nh3).
    Reviewed exceptions: search's highlighter escapes every piece before it
    adds <mark> (and the XSS test searches for the payloads); the JSON-LD
    writer escapes <, > and & as \\u003c ... (and the XSS test parses every
    JSON-LD block of every page); the English-fallback tags mark safe only
    constants (' lang="en"', the note's place, an HTML comment no escaped
    text can contain), `linebreaks`' own escaped output with lang added to
    its <p> tags, and a page already rendered with autoescape."""
    reviewed = {"pages/search.py", "base/seo.py", "base/templatetags/language.py"}
    offenders = []
    patterns = re.compile(r"\|\s*safe\b|autoescape\s+off|mark_safe\(|\|\s*safeseq")
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/**/*.py")]:
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        if patterns.search(path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(ROOT)))
    assert sorted(set(offenders) - reviewed) == []


# -- headers on every response ------------------------------------------------


def csp_directives(policy):
    """directive -> its sources. django-csp joins the directives in set
    order, which differs between processes, so compare them this way."""
    directives = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_security_headers(response, url=""):
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp, url
    assert "'unsafe-eval'" not in csp, url
    assert "frame-ancestors 'none'" in csp, url
    assert "object-src 'none'" in csp, url
    assert "default-src 'self'" in csp, url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
    assert response["X-Frame-Options"] == "DENY", url
    assert "geolocation=(self)" in response["Permissions-Policy"], url
    assert "camera=()" in response["Permissions-Policy"], url
    assert "microphone=()" in response["Permissions-Policy"], url
    assert re.fullmatch(r"[A-Za-z0-9._:-]{8,128}", response["X-Request-ID"]), url


@pytest.mark.django_db
def test_every_public_page_sends_the_security_headers(client):
    for url, response in crawl(client).items():
        assert_security_headers(response, url)
    assert_security_headers(client.get("/no-such-page/"), "404")


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_https_pages_send_hsts(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_admin_sends_the_security_headers(admin_client):
    assert_security_headers(admin_client.get("/admin/conditions/condition/"))


@pytest.mark.django_db
def test_no_page_needs_or_replays_a_nonce(client):
    """JSON-LD is a data block; a nonce in a page the cache serves to
    everyone would be the same for every visitor, so there is none."""
    for _ in range(2):  # rendered, then again from the page cache
        response = client.get(CONDITION_URL)
        html = response.content.decode()
        assert '<script type="application/ld+json">' in html
        assert "nonce" not in html
        policy = response["Content-Security-Policy"]
        assert csp_directives(policy)["script-src"] == ["'self'"]
        assert "nonce-" not in policy


@pytest.mark.browser
def test_structured_data_is_readable_under_the_policy_in_chromium(live_site, page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    response = page.goto(live_site.url + CONDITION_URL)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    data = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]')"
        ".textContent)"
    )
    assert "MedicalCondition" in str(data)
    assert violations == []


@pytest.mark.django_db
def test_security_txt(client, settings):
    settings.SECURITY_CONTACT = "https://clinic.example.com/security"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    fields = dict(
        line.split(": ", 1) for line in response.content.decode().splitlines()
    )
    assert fields["Contact"] == "https://clinic.example.com/security"
    from datetime import datetime, timedelta

    from django.utils import timezone

    expires = datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
    assert timezone.now() < expires < timezone.now() + timedelta(days=365)
    assert fields["Canonical"].endswith("/.well-known/security.txt")


@pytest.mark.django_db
def test_security_txt_names_the_site_url_not_the_host_asked_for(client, settings):
    settings.SITE_URL = "https://clinic.example.com"
    text = client.get(
        "/.well-known/security.txt?x=1", HTTP_HOST="localhost:8443"
    ).content.decode()
    assert "Canonical: https://clinic.example.com/.well-known/security.txt\n" in text


# -- uploads ------------------------------------------------------------------


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "conditions").mkdir()
    return tmp_path / "conditions"


def directives(response):
    """The Content-Security-Policy's directives (their order means nothing)."""
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


@pytest.mark.django_db
def test_uploaded_images_are_served_inline_and_sandboxed(client, media_root):
    (media_root / "hero.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    response = client.get("/media/conditions/hero.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert directives(response) == {"default-src 'none'", "sandbox"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["evil.svg", "evil.html", "evil.htm", "evil.js", "evil.png.html", "evil"]
)
def test_uploads_that_could_run_are_only_ever_downloads(client, media_root, name):
    (media_root / name).write_text("<script>alert(1)</script>")
    response = client.get(f"/media/conditions/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert directives(response) == {"default-src 'none'", "sandbox"}
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"


@pytest.mark.django_db
def test_media_outside_the_upload_folder_is_not_served(client, media_root):
    assert client.get("/media/../settings.py").status_code in {400, 404}
    assert client.get("/media/%2e%2e/backfit/settings.py").status_code in {400, 404}
    assert client.post("/media/conditions/x.png").status_code in {403, 405}


# -- the admin under the CSP, in a real browser ---------------------------------


@pytest.fixture(scope="module")
def plain_http_site(tmp_path_factory):
    """The production server with a staff account, over plain HTTP (the
    browser here cannot do TLS), static files served by WhiteNoise."""
    directory = tmp_path_factory.mktemp("admin-csp")
    env = production_env(
        DATABASE_URL=seeded_sqlite(directory),
        DJANGO_HTTPS="false",
        DJANGO_SUPERUSER_PASSWORD="a long test password 1",
    )
    add_staff_account(env)
    with gunicorn(env, directory / "logs") as server:
        yield server


@pytest.mark.browser
def test_admin_works_under_the_content_security_policy(plain_http_site, page):
    url = plain_http_site.url.replace("127.0.0.1", "localhost")
    console, failed = [], []
    page.on("console", lambda message: console.append(message.text))
    page.on(
        "response",
        lambda response: (
            failed.append(response.url) if response.status >= 400 else None
        ),
    )
    page.goto(url + "/admin/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", "a long test password 1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(url + "/admin/conditions/condition/")
    page.click("text=Back + Muscle Spasms")
    page.wait_for_selector("#condition_form")
    # the admin's JavaScript runs: "Add another" rows come from its script files
    page.click("#sections-group .add-row a")
    page.goto(url + "/admin/conditions/condition/add/")
    page.fill("#id_name", "Test Condition")
    page.locator("#id_name").blur()
    assert page.input_value("#id_slug") == "test-condition"  # script-filled
    # and its style sheets apply (the header has the admin's colour)
    header = page.locator("#header").evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert header not in {"rgba(0, 0, 0, 0)", "transparent"}
    page.goto(url + CONDITION_URL)
    assert page.locator("h1").inner_text() == "Back + Muscle Spasms"
    assert failed == []
    assert [text for text in console if "Content Security Policy" in text] == []


@pytest.mark.django_db
def test_answers_made_before_the_page_runs_carry_the_security_headers(client):
    """A bad Host header's 400, the load balancer's health check and a
    malformed proxy header's 400 are answers too."""
    bad_host = client.get("/", HTTP_HOST="evil.example")
    assert bad_host.status_code == 400
    assert_security_headers(bad_host, "bad host")
    assert_security_headers(client.get("/healthz"), "/healthz")


@pytest.mark.django_db
def test_a_malformed_forwarded_address_is_a_clear_400(client, settings):
    settings.TRUSTED_PROXIES = 1
    response = client.get("/", HTTP_X_FORWARDED_FOR="not-an-address")
    assert response.status_code == 400
    assert_security_headers(response, "malformed X-Forwarded-For")


def test_each_security_header_has_one_source():
    """Each header is built by the one middleware that adds it to normal pages
    (Django's, django-csp, django-permissions-policy); the outermost safety
    net hands answers that missed them to the same middleware and names each
    header only to see whether it is missing, never to build it."""
    import ast
    from pathlib import Path

    from django.conf import settings as django_settings

    from backfit.middleware import BASELINE_HEADERS, HEADER_MIDDLEWARE

    assert set(HEADER_MIDDLEWARE) <= set(django_settings.MIDDLEWARE)
    root = Path(__file__).resolve().parent.parent
    named = {name: [] for name in (*BASELINE_HEADERS, "Strict-Transport-Security")}
    for path in root.glob("[!.]*/**/*.py"):
        if path.parts[len(root.parts)] in {"tests", ".venv"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in named:
                named[node.value].append(str(path.relative_to(root)))
    assert named == {
        **{name: ["backfit/middleware.py"] for name in BASELINE_HEADERS},
        "Strict-Transport-Security": [],
    }
