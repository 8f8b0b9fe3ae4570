"""
Settings for the BackFit Health + Spine website.

One module for every environment. Everything that differs between a laptop and
production is an environment variable (listed in .env.example); a `.env` file in
the repository root is read too, but real environment variables win over it.

Production is the default: DEBUG is off unless asked for, HTTPS is assumed, and
start-up stops when no secret key is given rather than inventing one.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from backfit.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# It holds the secret key: made private at start-up (backfit.apps), since
# reading settings changes no file.
DOTENV_FILE = BASE_DIR / ".env"
environ.Env.read_env(DOTENV_FILE, overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it in the environment or in .env "
            "(`make .env` writes a local one with a fresh random key)."
        )
    SECRET_KEY = "insecure-development-only-key"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# The clinic's own page, with the phone line, instead of Django's.
CSRF_FAILURE_VIEW = "pages.views.csrf_failure"

# The site's public address, e.g. https://www.backfithealth.com: canonical
# URLs, the sitemap and structured data name it. Empty: the request's host.
SITE_URL = env.str("DJANGO_SITE_URL", default="")

# How many proxies (load balancers) stand in front of gunicorn and append to
# X-Forwarded-For; 0: clients connect directly. The lockout, the rate limit
# and the logs take the client's address from it (backfit/proxy.py). Unset
# means 0, and `check --deploy` asks for it to be said.
TRUSTED_PROXIES = env.int("DJANGO_TRUSTED_PROXIES", default=None)

# Where the staff admin lives; moving it off /admin/ cuts drive-by login noise.
ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/").strip("/") + "/"

INSTALLED_APPS = [
    # Staff text in both languages (base/translated.py); before the admin,
    # so the admin's forms get the language columns.
    "modeltranslation",
    # The admin with the clinic's own site: what needs attention on its home
    # page, content before the technical records (base/admin_site.py).
    "base.apps.BackfitAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.redirects",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "phonenumber_field",
    "django_ratelimit",
    "simple_history",
    "adminsortable2",
    "axes",
    # Two-step sign-in for staff (base/two_step.py)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    # Layers, each importing only the ones below it (docs/architecture.md):
    # the project package, the site-wide pages, the content apps, the base.
    "backfit",
    "pages",
    "conditions",
    "locations",
    "treatments",
    "appointments",
    "team",
    "articles",
    "base",
]

MIDDLEWARE = [
    # Headers every answer carries, even those made before the rest runs.
    "backfit.middleware.BaselineHeadersMiddleware",
    "backfit.middleware.RequestIDMiddleware",
    # The client's address behind DJANGO_TRUSTED_PROXIES proxies, for
    # everything below (sign-in lockout, rate limit).
    "backfit.proxy.ClientAddressMiddleware",
    "backfit.middleware.HealthCheckMiddleware",
    # Accept-Encoding without the codings the client refuses (q=0), for the
    # page cache and WhiteNoise below.
    "backfit.encoding.AcceptEncodingMiddleware",
    # Before everything else but the request id and the health check: a
    # cached page skips everything below, and is stored with the headers
    # everything below added (security headers included).
    # Above the page cache, so a search answered from it is counted too
    # (pages/searchlog.py; backfit/wsgi.py counts the fast path's).
    "pages.searchlog.SearchCountMiddleware",
    "backfit.pagecache.PageCacheMiddleware",
    # What nginx's edge cache or a CDN may keep (s-maxage), or `private`.
    "backfit.edge.SharedCacheHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language from its address (/es/...), before anything
    # resolves a URL or renders.
    "backfit.language.URLLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A method the view does not take is a 405, before the CSRF check's 403.
    "backfit.middleware.MethodNotAllowedMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with the second step too.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Who made each change, for the admin's history pages.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Old addresses of renamed pages answer 301 instead of 404.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    # Last: turns a login lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
    # Last, so it sees a view's database errors first.
    "backfit.middleware.DatabaseUnavailableMiddleware",
]

# django.contrib.redirects keys its table by site; the site has one.
SITE_ID = 1

ROOT_URLCONF = "backfit.urls"
WSGI_APPLICATION = "backfit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "base.context_processors.clinic",
                "base.context_processors.canonical",
                "backfit.language.languages",
                "base.context_processors.navigation",
            ],
        },
    },
]

# SQLite in the repository by default; DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets gunicorn workers read while another one writes.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
# Keep each worker's connection open between requests: opening one costs more
# than serving a cached page (SQLite too: it sets up its functions and WAL).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server fails the request in seconds (a branded 503),
    # not after gunicorn's worker timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache shared by every gunicorn worker: the database by default,
# Redis or memcached from CACHE_URL in production.
CACHES = {
    "default": env.cache_url_config(
        env.str("CACHE_URL", default="") or "dbcache://django_cache"
    ),
}
# A cache that cannot be reached is a miss, never an error page: with Redis
# down pages are built from the database; with the database down the view
# gives the branded 503 page (backfit/cache.py).
RESILIENT_CACHES = {
    "django.core.cache.backends.redis.RedisCache": "backfit.cache.ResilientRedisCache",
    "django.core.cache.backends.db.DatabaseCache": (
        "backfit.cache.ResilientDatabaseCache"
    ),
}
CACHE_BACKEND = CACHES["default"]["BACKEND"]
CACHES["default"]["BACKEND"] = RESILIENT_CACHES.get(CACHE_BACKEND, CACHE_BACKEND)

# django-ratelimit counts appointment requests per address in the database
# (a cache table of its own), not in CACHE_URL's cache: a Redis that is full
# (maxmemory with noeviction) refuses the count, and one that evicts drops
# it; either would lift the limit. The database cannot be filled by page
# views, and when it is down no request can be saved anyway. It flags the
# database cache because its increment is a read-then-write: two posts in
# the same instant may count once, harmless for a limit of a few an hour.
CACHES["ratelimit"] = {
    "BACKEND": "backfit.cache.ResilientDatabaseCache",
    "LOCATION": "ratelimit_counts",
    # Culling deletes counts: far more addresses than an hour ever sees.
    "OPTIONS": {"MAX_ENTRIES": 100_000},
}
RATELIMIT_USE_CACHE = "ratelimit"
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]
# The client's address as DJANGO_TRUSTED_PROXIES says (backfit/proxy.py).
RATELIMIT_IP_META_KEY = "backfit.proxy.client_ip"
# With the database down the limit cannot be counted, and no request can
# be stored either: the patient gets the branded 503 with the phone.
RATELIMIT_FAIL_OPEN = env.bool("RATELIMIT_FAIL_OPEN", default=True)

# Email: printed to the console unless EMAIL_URL names an SMTP server, e.g.
# smtp+tls://user:password@smtp.example.com:587
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# Seconds a mail server may take over each step before the email is given up
# (Django's default is to wait forever). Patients never wait for it: the
# staff email is sent in the background (appointments/notify.py).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who hears of a staff sign-in lockout (and Django's error mails), e.g.
# DJANGO_ADMINS=it@example.com,owner@example.com
ADMINS = [("", address) for address in env.list("DJANGO_ADMINS", default=[])]

# Appointment requests: who is emailed when one arrives (comma-separated),
# how many a single address may send, and how long requests are kept.
APPOINTMENT_NOTIFY_EMAIL = env.list("APPOINTMENT_NOTIFY_EMAIL", default=[])
APPOINTMENT_RATE_LIMIT = env.str("APPOINTMENT_RATE_LIMIT", default="5/h")
APPOINTMENT_RETENTION_DAYS = env.int("APPOINTMENT_RETENTION_DAYS", default=90)

# django-axes first: it refuses to check a password while locked out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Repeated failed sign-ins pause a user name for a while: from one address
# (an IPv6 address counts as its /64) after SIGNIN_FAILURE_LIMIT, from
# anywhere after SIGNIN_ACCOUNT_FAILURE_LIMIT (backfit/signin.py). The
# account's owner and ADMINS get an email when it happens.
SIGNIN_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
SIGNIN_ACCOUNT_FAILURE_LIMIT = env.int("SIGNIN_ACCOUNT_FAILURE_LIMIT", default=10)
AXES_FAILURE_LIMIT = "backfit.signin.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False
# Over-long or NUL-holding user names are cut to fit axes' table.
AXES_USERNAME_CALLABLE = "backfit.signin.axes_username"
# The client's address as DJANGO_TRUSTED_PROXIES says (backfit/proxy.py).
# Two-step sign-in (a code from an authenticator app) is optional for staff;
# with DJANGO_STAFF_2FA=true superusers must set it up before anything else.
STAFF_2FA = env.bool("DJANGO_STAFF_2FA", default=False)
OTP_TOTP_ISSUER = "BackFit website"
# IPv6 addresses are counted per /64 network (backfit/signin.py).
AXES_CLIENT_IP_CALLABLE = "backfit.signin.axes_client_ip"
# Sign-in records (address, browser, user name) are deleted after this many
# days by the daily purge (purge_appointment_requests).
SIGNIN_RECORD_RETENTION_DAYS = env.int("SIGNIN_RECORD_RETENTION_DAYS", default=30)
# How long the daily counts of what patients searched for (words only) are
# kept (pages/searchlog.py); the privacy page says so.
SEARCH_COUNT_RETENTION_DAYS = env.int("SEARCH_COUNT_RETENTION_DAYS", default=90)
# From this many pages on, search's index is rebuilt after a content change
# by a thread while searches use the previous one (pages/searchindex.py).
SEARCH_BACKGROUND_PAGES = env.int("SEARCH_BACKGROUND_PAGES", default=1000)

# The full-page cache (backfit/pagecache.py). A save, delete or re-link of any
# record of a content app (base/registry.py) makes every cached page stale.
# Where pages and the content version live: CACHE_URL's cache when one is
# set (Redis, shared by every machine); with neither CACHE_URL nor
# PAGE_CACHE_URL and an SQLite database, files beside the database file
# ("db.sqlite3-pages"): every worker on the machine shares them and reading
# one costs less than an SQLite read, which contends between processes.
PAGE_CACHE_ALIAS = "default"
_db = DATABASES["default"]
if env.str("PAGE_CACHE_URL", default=""):
    CACHES["pages"] = env.cache_url("PAGE_CACHE_URL")
    # Fail-open like the default cache: a page cache that cannot be reached
    # is a miss, never an error page.
    _pages_backend = CACHES["pages"]["BACKEND"]
    CACHES["pages"]["BACKEND"] = RESILIENT_CACHES.get(_pages_backend, _pages_backend)
    PAGE_CACHE_ALIAS = "pages"
elif (
    not env.str("CACHE_URL", default="")
    and _db["ENGINE"] == "django.db.backends.sqlite3"
    and str(_db["NAME"]) not in ("", ":memory:")
):
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.path.abspath(f"{_db['NAME']}-pages"),
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
    PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_KEY_PREFIX = "backfit"
# The query parameters public views read. Only these reach a view and the
# page key; any other (utm_source, fbclid, a random one) is dropped before the
# lookup, so it can neither fill the cache with copies nor skip it. A view
# that reads a new parameter must add it here (a test checks).
# `page` numbers a list's pages (base/pagination.py, search), `p` a sitemap's.
PAGE_CACHE_QUERY_PARAMS = frozenset(
    {"q", "near", "lat", "lng", "treatment", "page", "p"}
)
# Part of every page key: DJANGO_RELEASE (e.g. the git commit) or, unset, a
# digest of the project's code, templates and static files made at start-up.
RELEASE = env.str("DJANGO_RELEASE", default="")
# How long the server keeps a page (0 turns the page cache off) and how long
# a browser may reuse one without asking again (0: it asks every time, and
# gets a 304 while the page is unchanged, so staff edits show at once).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60 * 60)
PAGE_CACHE_BROWSER_MAX_AGE = env.int("PAGE_CACHE_BROWSER_MAX_AGE", default=0)
# How long nginx's edge cache or a CDN may keep an anonymous page
# (`s-maxage`, backfit/edge.py); 0: shared caches keep nothing.
EDGE_CACHE_SECONDS = env.int("EDGE_CACHE_SECONDS", default=1)

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"  # noqa: E501
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Two languages: English at the addresses it always had, Spanish under /es/
# (backfit/urls.py). The language comes from the address alone
# (backfit.language.URLLanguageMiddleware), never from a cookie or the
# browser's Accept-Language, so a cached page is always in its URL's language.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
# Staff text (django-modeltranslation, base/translated.py): a column per
# language; a field without Spanish shows the English, marked as English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",), "en": ()}
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times in each language ("December 4, 2026", "4 de diciembre de
# 2026"): templates write |date:"DATE_FORMAT" and |time:"TIME_FORMAT".
FORMAT_MODULE_PATH = ["backfit.formats"]
TIME_ZONE = "America/Phoenix"
USE_I18N = True
USE_TZ = True

PHONENUMBER_DEFAULT_REGION = "US"
# Staff see every number in full (+1 480-555-0100, +44 ...): nothing looks
# local by mistake. Public pages format their own numbers (as_national).
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# HTTPS is assumed unless DJANGO_HTTPS=false (a local run over plain HTTP).
HTTPS = env.bool("DJANGO_HTTPS", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
if HTTPS:
    # The __Host- prefix: the browser keeps these cookies only if they are
    # Secure, for the whole site and for this exact host (no subdomain can
    # set or read them).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# Requests bigger than this are refused with 400 (no upload is bigger).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int(
    "DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440
)
# Staff sessions end after a working day, and when the browser closes.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# A strict Content-Security-Policy (django-csp): only this site's own files,
# no inline script or style, no plugins, never inside a frame. The JSON-LD
# <script type="application/ld+json"> is a data block, which browsers never
# run and CSP does not govern, so it needs no nonce -- and a nonce would be
# replayed to every visitor from the page cache, which defeats its purpose.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": HTTPS,
    },
}

# Browser features the site never uses are switched off for it and anything
# it could embed (django-permissions-policy); geolocation only for our own
# pages.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": [],
    "geolocation": ["self"],  # "Use my location" on the locations page
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# /.well-known/security.txt: where to report a vulnerability. Set it to a
# real address (mailto:... or https://...) in production; the default is a
# placeholder and `check --deploy` warns about it.
SECURITY_CONTACT_PLACEHOLDER = "mailto:security@example.invalid"
SECURITY_CONTACT = env.str("SECURITY_CONTACT", default=SECURITY_CONTACT_PLACEHOLDER)

# JSON lines on stderr, each with the request id and no personal data
# (backfit/logs.py says what a line may hold).
LOGGING = logging_config(level=env.str("LOG_LEVEL", default="INFO"))
