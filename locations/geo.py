"""Where is the patient? A ZIP code or a city name turned into a map position
with the offline dataset shipped inside the `zipcodes` package (nothing is
fetched at run time), and the distance from there to each clinic.

The dataset (about 42,000 US ZIP codes) is loaded by the package on the
first lookup (about half a second and 55 MB) and kept for the life of the
process. `zipcodes.list_all()` is avoided: it builds Python copies of every
record, another 80 MB.
"""

import math
import re
from dataclasses import dataclass

import zipcodes

EARTH_RADIUS_MILES = 3958.8
HOME_STATE = "AZ"
MAX_QUERY = 100
ZIP_RE = re.compile(r"^(\d{5})(?:-\d{4})?$")
CITY_STATE_RE = re.compile(r"^(?P<city>.+?)(?:\s*,\s*|\s+)(?P<state>[A-Za-z]{2})$")


@dataclass(frozen=True)
class Place:
    label: str
    latitude: float
    longitude: float


def haversine_miles(lat1, lon1, lat2, lon2):
    """Great-circle distance in miles between two points given in degrees."""
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


def _position(record):
    try:
        return float(record["lat"]), float(record["long"])
    except (KeyError, TypeError, ValueError):
        return None


def normalize(query):
    query = " ".join(str(query).replace("\x00", "").split())
    return query[:MAX_QUERY]


@dataclass(frozen=True)
class ZipCenter:
    city: str
    state: str
    latitude: float
    longitude: float


def zip_record(code):
    """The center of a ZIP code's area and its city, for a clinic's map
    position (a "ZIP+4" counts as its five digits); None when unknown."""
    match = ZIP_RE.match(normalize(code))
    if not match:
        return None
    try:
        records = zipcodes.matching(match.group(1))
    except (ValueError, TypeError):
        return None
    for record in records:
        position = _position(record)
        if position:
            return ZipCenter(record["city"], record["state"], *position)
    return None


def find_zip(code):
    try:
        records = zipcodes.matching(code)
    except (ValueError, TypeError):
        return None
    for record in records:
        position = _position(record)
        if position:
            return Place(f"{code} ({record['city']}, {record['state']})", *position)
    return None


def _city_records(name, state=None):
    """The dataset's ZIP records for a city, matched without regard to case
    (the dataset writes names in title case: "Sun City West")."""
    filters = {"state": state.upper()} if state else {}
    for spelling in dict.fromkeys([name, name.title()]):
        records = [
            r for r in zipcodes.filter_by(city=spelling, **filters) if _position(r)
        ]
        if records:
            return records
    return []


def find_city(name, state=None):
    records = _city_records(name, state)
    if not records:
        return None
    states = {r["state"] for r in records}
    if state is None:
        if HOME_STATE in states:
            state = HOME_STATE  # Arizona first: "Mesa" is Mesa, AZ
        else:
            state = max(
                sorted(states), key=lambda s: sum(r["state"] == s for r in records)
            )
    records = [r for r in records if r["state"] == state]
    # Street-delivery ZIPs only where the city has any, so PO box centres do
    # not pull the middle off.
    standard = [r for r in records if r.get("zip_code_type") == "STANDARD"]
    positions = [_position(r) for r in standard or records]
    latitude = sum(p[0] for p in positions) / len(positions)
    longitude = sum(p[1] for p in positions) / len(positions)
    return Place(f"{records[0]['city']}, {state}", latitude, longitude)


def find_place(query):
    """A ZIP code ("85050", "85050-1234"), a city ("Tempe") or a city and
    state ("Tucson, AZ"); None when the dataset does not know it."""
    query = normalize(query)
    if not query:
        return None
    match = ZIP_RE.match(query)
    if match:
        return find_zip(match.group(1))
    place = find_city(query)
    if place is None:
        match = CITY_STATE_RE.match(query)
        if match:
            place = find_city(match["city"], match["state"])
    return place


def parse_position(latitude, longitude):
    """A browser's reported position, validated: None unless both are real
    numbers on the globe."""
    try:
        latitude, longitude = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return Place("your location", latitude, longitude)


def by_distance(locations, place):
    """The locations nearest first, each with `distance_miles` set; those
    without a map position after them, by name, with `distance_miles` None
    (the page says their distance is not known)."""
    located, unknown = [], []
    for location in locations:
        if location.latitude is None or location.longitude is None:
            location.distance_miles = None
            unknown.append(location)
            continue
        location.distance_miles = haversine_miles(
            place.latitude,
            place.longitude,
            float(location.latitude),
            float(location.longitude),
        )
        located.append(location)
    located.sort(key=lambda loc: (loc.distance_miles, loc.name))
    unknown.sort(key=lambda loc: loc.name)
    return located + unknown
