"""schema.org nodes for treatment pages (base/seo.py writes them out)."""

from base.seo import absolute


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
