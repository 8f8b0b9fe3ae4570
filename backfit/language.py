"""The page's language comes from its address alone: English where it always
was, Spanish under /es/ (backfit/urls.py). Never from a cookie or the
browser's Accept-Language: the page cache keys pages by address
(backfit/pagecache.py), so one address must always give one language.

Slugs and section words are the same in both languages (/es/conditions/
back-muscle-spasms/): a page's Spanish address is its English address with
/es in front, so the switch, the hreflang links and the sitemap can never
point at a page that does not exist, and renaming a page in one language
never breaks the other."""

from django.conf import settings
from django.utils import translation

SPANISH = "es"
SPANISH_PREFIX = f"/{SPANISH}/"


def language_of_path(path):
    """The language a path is in: Spanish under /es/, else the default."""
    if path == f"/{SPANISH}" or path.startswith(SPANISH_PREFIX):
        return SPANISH
    return settings.LANGUAGE_CODE


class URLLanguageMiddleware:
    """Turns on the address's language for the request (URL resolution,
    templates, forms, dates), and says it in Content-Language. The language
    of the code running before and after the request is left as it was."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of_path(request.path_info)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def english_path(path):
    """The English address of a page's path (in either language)."""
    if path == f"/{SPANISH}" or path.startswith(SPANISH_PREFIX):
        return path[len(SPANISH) + 1 :] or "/"
    return path


def path_in(language, path):
    """The same page's path in `language`."""
    english = english_path(path)
    return f"/{SPANISH}{english}" if language == SPANISH else english


def languages(request):
    """For every template: the page in the other language (the switch keeps
    the search or place asked for) and the hreflang alternates."""
    from base import seo

    current = language_of_path(request.path)
    other = settings.LANGUAGE_CODE if current == SPANISH else SPANISH
    query = request.META.get("QUERY_STRING", "")
    switch_url = path_in(other, request.path) + (f"?{query}" if query else "")
    return {
        "language": current,
        "other_language": {
            "code": other,
            "name": dict(settings.LANGUAGES)[other],
            "url": switch_url,
        },
        "alternates": [
            (code, seo.absolute(request, path_in(code, request.path)))
            for code, _ in settings.LANGUAGES
        ],
        "x_default_url": seo.absolute(
            request, path_in(settings.LANGUAGE_CODE, request.path)
        ),
    }
