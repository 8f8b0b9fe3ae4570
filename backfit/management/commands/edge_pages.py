"""Write the pages nginx answers with when it answers itself (429, 413, 400,
502/503/504: deploy/nginx-backfit.conf's `error_page`s) into a folder nginx
serves as /_edge/: the site's own pages, rendered once per release with the
clinic's name and phone line, and the stylesheet and icon they use (nginx
cannot ask an app host for them when every host is down).

Also the security headers for what nginx answers itself, as nginx
`add_header` lines made by the site's own header middleware (one source for
each header): headers.conf for the branded pages, media-headers.conf for
uploads (all but the page policy: uploads keep their sandbox policy)."""

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import HEADER as POLICY
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

PAGES = {
    "400.html": "edge/400.html",
    "413.html": "edge/413.html",
    "429.html": "edge/429.html",
    "503.html": "503.html",
}
STATIC_LINK = re.compile(r'(href|src)="(' + re.escape(settings.STATIC_URL) + r'[^"]+)"')
EDGE_URL = "/_edge/assets/"


class Command(BaseCommand):
    help = "Write nginx's own branded answers (429, 413, 400, 50x) into a folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="the folder nginx serves as /_edge/")

    def handle(self, folder, **options):
        out = Path(folder)
        (out / "assets").mkdir(parents=True, exist_ok=True)
        host = urlsplit(settings.SITE_URL).hostname if settings.SITE_URL else None
        host = host or next(
            (h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "localhost"
        ).lstrip(".")
        with translation.override(settings.LANGUAGE_CODE):
            for name, template in PAGES.items():
                request = RequestFactory().get("/", HTTP_HOST=host)
                request.resolver_match = None
                html = render_to_string(template, request=request)
                html = STATIC_LINK.sub(lambda m: self.asset(m, out), html)
                (out / name).write_text(html, encoding="utf-8")
            headers = security_headers(host)
        (out / "headers.conf").write_text(add_header_lines(headers))
        media = {k: v for k, v in headers.items() if k != POLICY}
        (out / "media-headers.conf").write_text(add_header_lines(media))
        self.stdout.write(f"Wrote {len(PAGES)} pages and their headers to {out}")

    @staticmethod
    def asset(match, out):
        """Copy one static file the page links to, and link the copy."""
        url = match.group(2)
        name = url[len(settings.STATIC_URL) :]
        path = Path(settings.STATIC_ROOT) / name
        if not path.is_file():
            raise CommandError(f"{url} not found: run collectstatic first")
        shutil.copyfile(path, out / "assets" / path.name)
        return f'{match.group(1)}="{EDGE_URL}{path.name}"'


def security_headers(host):
    """What the site's header middleware adds to an answer over HTTPS."""
    from backfit.middleware import with_security_headers

    request = RequestFactory().get("/", HTTP_HOST=host, secure=True)
    response = with_security_headers(request, HttpResponse())
    return {k: v for k, v in response.items() if k != "Content-Type"}


def add_header_lines(headers):
    for value in headers.values():
        if '"' in value or "\n" in value:
            raise CommandError(f"cannot write {value!r} for nginx")
    return "".join(f'add_header {k} "{v}" always;\n' for k, v in headers.items())
