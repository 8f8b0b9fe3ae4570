"""What search engines and assistants read: absolute canonical URLs, the
page's description, and schema.org structured data (JSON-LD) built from the
same records the page shows.

The structured data is built as Python dicts and serialised here, with `<`,
`>` and `&` escaped, so no text staff type can end the <script> element.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from locations.models import WEEKDAYS

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
    return Truncator(" ".join(str(text).split())).chars(limit)


def to_json_ld(data):
    """JSON for a <script type="application/ld+json"> element that no content
    can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)  # noqa: S308 (escaped above)


def _link(request, type_, record, url=None):
    return {
        "@type": type_,
        "name": record.name,
        "url": absolute(request, url or record.get_absolute_url()),
    }


def breadcrumb_list(request, crumbs):
    """BreadcrumbList for Home plus the view's crumbs [(name, url or None)];
    the last crumb is the page itself."""
    items = [("Home", reverse("home")), *crumbs]
    return {
        "@type": "BreadcrumbList",
        "@id": absolute(request, request.path) + "#breadcrumb",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute(request, url or request.path),
            }
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def organization(request, clinic):
    return {
        "@type": "MedicalOrganization",
        "@id": absolute(request, reverse("home")) + "#organization",
        "name": clinic.name,
        "url": absolute(request, reverse("home")),
        "telephone": clinic.phone.as_e164,
    }


def web_page(request, clinic, title, description, crumbs, about=None, record=None):
    page_url = absolute(request, request.path)
    page = {
        "@type": "MedicalWebPage",
        "@id": page_url,
        "url": page_url,
        "name": title,
        "description": description,
        "inLanguage": "en-US",
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
        page["dateModified"] = record.updated.isoformat()
        if record.last_reviewed:
            page["lastReviewed"] = record.last_reviewed.isoformat()
    return page


def medical_condition(request, condition, treatment_links, clinic):
    url = absolute(request, condition.get_absolute_url())
    data = {
        "@type": "MedicalCondition",
        "@id": url + "#condition",
        "name": condition.name,
        "url": url,
        "description": condition.definition or condition.description,
        "cause": [
            _link(request, "MedicalCause", cause, cause.link_url())
            for cause in condition.root_causes.all()
        ],
        "riskFactor": [
            _link(request, "MedicalRiskFactor", factor, factor.link_url())
            for factor in condition.risk_factors.all()
        ],
        "signOrSymptom": [
            _link(request, "MedicalSignOrSymptom", symptom)
            for symptom in condition.symptoms.all()
        ],
        "associatedAnatomy": [
            _link(request, "AnatomicalStructure", area)
            for area in condition.body_areas.all()
        ],
        "possibleTreatment": [
            _link(request, "MedicalTherapy", link.treatment) for link in treatment_links
        ],
    }
    if condition.hero_image:
        data["image"] = absolute(request, condition.hero_image.url)
    return {key: value for key, value in data.items() if value != []}


def medical_therapy(request, treatment):
    url = absolute(request, treatment.get_absolute_url())
    data = {
        "@type": "MedicalTherapy",
        "@id": url + "#therapy",
        "name": treatment.name,
        "url": url,
        "description": treatment.summary,
    }
    if treatment.image:
        data["image"] = absolute(request, treatment.image.url)
    return data


def medical_clinic(request, location, clinic):
    """A clinic location. Demo locations (sample data until staff enter the
    real details) do not claim a map position or opening hours."""
    url = absolute(request, location.get_absolute_url())
    address = {
        "@type": "PostalAddress",
        "addressLocality": location.locality,
        "addressRegion": location.region,
        "postalCode": location.postal_code,
        "addressCountry": "US",
    }
    if location.street_address:
        address["streetAddress"] = location.street_address
    phone = location.phone or clinic.phone
    data = {
        "@type": "MedicalClinic",
        "@id": url + "#clinic",
        "name": f"{clinic.name} {location.name}",
        "url": url,
        "telephone": phone.as_e164,
        "address": address,
        "parentOrganization": {"@id": organization(request, clinic)["@id"]},
        "availableService": [
            _link(request, "MedicalTherapy", treatment)
            for treatment in location.treatments.all()
        ],
    }
    if not location.is_demo:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
        data["openingHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"{SCHEMA}/{WEEKDAYS[hours.weekday]}",
                "opens": hours.opens.strftime("%H:%M"),
                "closes": hours.closes.strftime("%H:%M"),
            }
            for hours in location.opening_hours.all()
            if not hours.is_closed
        ]
    return data


def graph(*nodes):
    unique = {}
    for node in nodes:
        if node:
            unique.setdefault(node["@id"], node)
    return to_json_ld({"@context": SCHEMA, "@graph": list(unique.values())})
