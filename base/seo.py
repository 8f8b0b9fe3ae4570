"""What search engines and assistants read: absolute canonical URLs, the
page's description, and schema.org structured data (JSON-LD) built from the
same records the page shows.

Each content app builds the node for what its pages are about (its
`structured_data.py`) from the helpers here. The structured data is built as
Python dicts and serialised here, with `<`,
`>` and `&` escaped, so no text staff type can end the <script> element.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .translated import English

SCHEMA = "https://schema.org"


def site_root(request):
    """The site's scheme and host: DJANGO_SITE_URL when set (so links in
    search results always name the real domain), else the request's."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    return f"{request.scheme}://{request.get_host()}"


def absolute(request, path):
    """`path` on this site as an absolute URL. A path is never parsed as a
    URL: one starting "//" (any visitor can ask for "//[") is still ours."""
    if path.startswith(("https://", "http://")):
        return path
    return site_root(request) + path


def describe(text, limit=160):
    """A meta description: plain, one line, at most `limit` characters."""
    described = Truncator(" ".join(str(text).split())).chars(limit)
    # Still English when the text was English shown for a missing Spanish.
    return English(described) if isinstance(text, English) else described


def to_json_ld(data):
    """JSON for a <script type="application/ld+json"> element that no content
    can break out of."""
    # DjangoJSONEncoder: titles may be translatable (lazy) strings.
    text = json.dumps(
        data, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder
    )
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)  # noqa: S308 (escaped above)


def link(request, type_, record, url=None):
    """A schema.org node naming `record` and where its page is."""
    return {
        "@type": type_,
        "name": record.name,
        "url": absolute(request, url or record.get_absolute_url()),
    }


def breadcrumb_list(request, crumbs):
    """BreadcrumbList for Home plus the view's crumbs [(name, url or None)];
    the last crumb is the page itself."""
    items = [(translation.gettext("Home"), reverse("home")), *crumbs]
    return {
        "@type": "BreadcrumbList",
        "@id": absolute(request, request.path) + "#breadcrumb",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(name),
                "item": absolute(request, url or request.path),
            }
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def in_language(*texts):
    """The language of `texts` (the page's title and description) as
    schema.org's inLanguage, BCP 47 tags: the page's language, and English
    too where one of them is English shown for a missing translation
    (base/translated.py); English alone when all of them are."""
    page = "es-US" if translation.get_language() == "es" else "en-US"
    english = [isinstance(text, English) for text in texts if text]
    if page == "en-US" or not any(english):
        return page
    return "en-US" if all(english) else [page, "en-US"]


def organization(request, clinic):
    # One clinic in both languages: its @id is the English home page's.
    with translation.override(settings.LANGUAGE_CODE):
        home = absolute(request, reverse("home"))
    return {
        "@type": "MedicalOrganization",
        "@id": home + "#organization",
        "name": clinic.name,
        "url": home,
        "telephone": clinic.phone.as_e164,
    }


def web_page(request, clinic, title, description, crumbs, about=None, record=None):
    page_url = absolute(request, request.path)
    page = {
        "@type": "MedicalWebPage",
        "@id": page_url,
        "url": page_url,
        "name": str(title),
        "description": description,
        "inLanguage": in_language(title, description),
        "isPartOf": {
            "@type": "WebSite",
            "name": clinic.name,
            "url": absolute(request, reverse("home")),
        },
        "publisher": {"@id": organization(request, clinic)["@id"]},
        "breadcrumb": {"@id": page_url + "#breadcrumb"},
    }
    if about is not None:
        page["about"] = {"@id": about["@id"]}
    if record is not None:
        if record.changed:  # when staff last changed it; never the install
            page["dateModified"] = record.changed.isoformat()
        if record.last_reviewed:
            page["lastReviewed"] = record.last_reviewed.isoformat()
            # Only what staff entered: a role ("a BackFit chiropractor") or a
            # name; schema.org wants a Person or Organization node.
            if record.reviewed_by:
                page["reviewedBy"] = {"@type": "Person", "name": record.reviewed_by}
    return page


def graph(*nodes):
    unique = {}
    for node in nodes:
        if node:
            unique.setdefault(node["@id"], node)
    return to_json_ld({"@context": SCHEMA, "@graph": list(unique.values())})
