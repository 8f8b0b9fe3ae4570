"""Shared test helpers.

The database is seeded once per test session from the shipped fixtures, the
way `make serve` seeds it; every test runs in a transaction that is rolled
back, so each one starts from the seeded site.
"""

import os
import shutil
import uuid
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from hypothesis import settings as hypothesis_settings

from base.seeding import seed

from .production import gunicorn, manage, seeded_sqlite

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# On a developer's machine the hostile-input tests try new examples on every
# run, to find what no one thought of; in CI they try the same examples every
# run, so a change is judged on its own and never on a lucky draw.
hypothesis_settings.register_profile("ci", derandomize=True)
if IN_CI:
    hypothesis_settings.load_profile("ci")


def require(condition, reason):
    """Skip with a clear reason on a developer's machine; fail in CI, where
    nothing may be skipped."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI must run this test)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, page_cache_location):
    with django_db_blocker.unblock():
        seed()


@pytest.fixture(scope="session", autouse=True)
def page_cache_location(tmp_path_factory):
    """A file page cache (the default beside an SQLite file) goes to a
    temporary folder for the whole session, never beside the developer's own
    database."""
    from django.conf import settings
    from django.test import override_settings

    pages = settings.CACHES.get("pages", {})
    if not pages.get("BACKEND", "").endswith("FileBasedCache"):
        yield
        return
    location = str(tmp_path_factory.mktemp("page-cache"))
    with override_settings(
        CACHES={**settings.CACHES, "pages": {**pages, "LOCATION": location}}
    ):
        yield


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing():
    """Passwords hashed in this process take microseconds, not the half a
    second PBKDF2's million rounds take (a test that signs in or makes a
    staff account paid it each time; the sign-in guard's many times). The
    site under gunicorn with the production settings (tests/production.py,
    the two-host test) keeps the real hasher."""
    from django.test import override_settings

    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    ):
        yield


@pytest.fixture(autouse=True)
def fresh_page_cache(settings):
    """Each test gets its own page-cache namespace, so a page cached by one
    test (whose database changes were rolled back) never leaks into the next,
    whichever cache backend CACHE_URL selects; the process's memory too (each
    test's rolled-back database has the same content version)."""
    from base import memory

    settings.PAGE_CACHE_KEY_PREFIX = f"test-{uuid.uuid4().hex}"
    memory.forget()


@pytest.fixture
def editor(db):
    """A member of the Content editor group, as clinic staff are."""
    from .editing import make_editor

    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def condition(db):
    """Back + Muscle Spasms, the condition of the clinic's own page."""
    from conditions.models import Condition

    return Condition.objects.get(slug="back-muscle-spasms")


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser(
        "admin", "admin@example.com", "a long test password 1"
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


class PageParser(HTMLParser):
    """Just enough of a page for assertions a visitor would make: its text,
    links, headings and a few attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.main = []
        self.links = []
        self.h1 = []
        self.images = []
        self.meta = {}
        self.lang = None
        self.title = ""
        self._stack = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        elif tag == "img":
            self.images.append(attrs)
        elif tag == "meta" and "name" in attrs:
            self.meta[attrs["name"]] = attrs.get("content", "")
        if tag not in {"img", "meta", "link", "br", "input", "hr"}:
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self._stack:
            while self._stack.pop() != tag:
                pass
        if tag in {
            "p",
            "li",
            "h1",
            "h2",
            "h3",
            "div",
            "section",
            "td",
            "th",
            "dt",
            "dd",
        }:
            self.text.append("\n")
            self.main.append("\n")

    def handle_data(self, data):
        if "title" in self._stack:
            self.title += data
        if "h1" in self._stack:
            self.h1.append(data)
        if not {"script", "style", "title"} & set(self._stack):
            self.text.append(data)
            if "main" in self._stack:
                self.main.append(data)

    @property
    def plain_text(self):
        return " ".join("".join(self.text).split())

    @property
    def main_text(self):
        """The text of the page's <main>, without header, nav and footer."""
        return " ".join("".join(self.main).split())


def parse(response):
    parser = PageParser()
    parser.feed(response.content.decode())
    parser.h1_count = response.content.decode().count("<h1")
    return parser


@pytest.fixture
def live_site(transactional_db, live_server, settings):
    """The seeded site served over real HTTP by a live server thread, for the
    browser. (Transactional tests start from an empty database, so seed it.)

    The live server serves static files from the source folders, which have
    no fingerprinted names, so pages link the plain names here; otherwise the
    browser would get pages without their stylesheet."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    seeded_site.restore()
    return live_server


class SeededSite:
    """The seeded database's rows, taken once after the first `seed()` and
    put back as they were for every later live-site test: the same rows a
    new `seed()` would make (about three seconds each time), in a fraction
    of a second. Each table's rows go back with their ids, in one
    transaction (Django's foreign keys are checked at its end), and the
    sequences continue after them."""

    def __init__(self):
        self.rows = None

    def tables(self, connection):
        return sorted(connection.introspection.django_table_names(only_existing=True))

    def restore(self):
        from django.db import connection, transaction

        if self.rows is None:
            seed()
            self.rows = {}
            with connection.cursor() as cursor:
                for table in self.tables(connection):
                    quoted = connection.ops.quote_name(table)
                    cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608
                    columns = [column[0] for column in cursor.description]
                    self.rows[table] = (columns, cursor.fetchall())
            return
        from django.apps import apps
        from django.core.management.color import no_style

        with transaction.atomic(), connection.cursor() as cursor:
            for table, (columns, rows) in self.rows.items():
                quoted = connection.ops.quote_name(table)
                # Emptied by the last test's flush, but for what Django makes
                # again after one (content types, permissions).
                cursor.execute(f"DELETE FROM {quoted}")  # noqa: S608
                if rows:
                    names = ", ".join(connection.ops.quote_name(c) for c in columns)
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(
                        f"INSERT INTO {quoted} ({names}) VALUES ({marks})",  # noqa: S608
                        rows,
                    )
            for sql in connection.ops.sequence_reset_sql(
                no_style(), apps.get_models(include_auto_created=True)
            ):
                cursor.execute(sql)


seeded_site = SeededSite()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright. Playwright's own browser
    download cannot work here, so it is pointed at /usr/bin/chromium."""
    require(
        os.path.exists(CHROMIUM),
        f"Chromium not found at {CHROMIUM} (apt-get install chromium)",
    )
    sync_api = pytest.importorskip("playwright.sync_api")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab at a phone's size."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    yield tab
    context.close()


# --------------------------------------------------------------------------
# A real gunicorn site, for promises that only hold across processes (the page
# cache shared by workers, load tests). Separate from the pytest-django
# database: its own SQLite file, migrated and seeded once per session by
# `manage.py` in a subprocess, copied fresh for each test.
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def gunicorn_template(tmp_path_factory):
    """A migrated, seeded SQLite file and collected static files, made once."""
    root = tmp_path_factory.mktemp("gunicorn-site")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{root / 'template.sqlite3'}",
        # The embedded defaults: database cache, pages in files beside the
        # SQLite file (whatever a developer's .env says).
        "CACHE_URL": "",
        "PAGE_CACHE_URL": "",
        "DJANGO_SECRET_KEY": "gunicorn-site-test-key-" + uuid.uuid4().hex,
        "DJANGO_HTTPS": "false",
        "DJANGO_DEBUG": "false",
        "DJANGO_STATIC_ROOT": str(root / "static"),
        "DJANGO_MEDIA_ROOT": str(root / "media"),
        "PYTHONUNBUFFERED": "1",
    }
    seeded_sqlite(root, "template.sqlite3")  # the run's one seeded database
    manage(env, "collectstatic", "--noinput", "-v", "0")
    return root, env


@pytest.fixture
def gunicorn_site(gunicorn_template, tmp_path):
    """The seeded site under real gunicorn with two workers, on its own copy
    of the database, with the embedded default cache (the database)."""
    root, template_env = gunicorn_template
    database = tmp_path / "site.sqlite3"
    shutil.copyfile(root / "template.sqlite3", database)
    env = {**template_env, "DATABASE_URL": f"sqlite:///{database}"}
    with gunicorn(env, tmp_path / "logs", workers=2) as site:
        yield site
