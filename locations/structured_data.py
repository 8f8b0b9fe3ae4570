"""schema.org nodes for clinic pages (base/seo.py writes them out)."""

from base.seo import SCHEMA, absolute, link, organization

from .models import WEEKDAYS


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
            link(request, "MedicalTherapy", treatment)
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
