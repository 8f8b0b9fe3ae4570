"""schema.org nodes for clinic pages (base/seo.py writes them out)."""

from base.seo import SCHEMA, absolute, link, organization

from .models import WEEKDAYS


def medical_clinic(request, location, clinic):
    """A clinic location, saying only what staff have entered: no address,
    position, hours or services until they are known. The map position is
    claimed only when staff set it by hand (a ZIP code's center is not where
    the clinic is)."""
    url = absolute(request, location.get_absolute_url())
    phone = location.phone or clinic.phone
    data = {
        "@type": "MedicalClinic",
        "@id": url + "#clinic",
        "name": f"{clinic.name} {location.name}",
        "url": url,
        "telephone": phone.as_e164,
        "parentOrganization": {"@id": organization(request, clinic)["@id"]},
    }
    address = {
        key: value
        for key, value in [
            ("streetAddress", location.street_address),
            ("addressLocality", location.locality),
            ("addressRegion", location.region if location.locality else ""),
            ("postalCode", location.postal_code),
        ]
        if value
    }
    if address:
        data["address"] = {"@type": "PostalAddress", **address, "addressCountry": "US"}
    if location.position_is_custom and location.has_position:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
    hours = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"{SCHEMA}/{WEEKDAYS[hours.weekday]}",
            "opens": hours.opens.strftime("%H:%M"),
            "closes": hours.closes.strftime("%H:%M"),
        }
        for hours in location.opening_hours.all()
        if not hours.is_closed
    ]
    if hours:
        data["openingHoursSpecification"] = hours
    services = [
        link(request, "MedicalTherapy", treatment)
        for treatment in location.treatments.all()
    ]
    if services:
        data["availableService"] = services
    return data
