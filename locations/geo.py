"""Where is the patient? A ZIP code or a city name turned into a map position
with the offline dataset shipped inside the `zipcodes` package (nothing is
fetched at run time), and the distance from there to each clinic.

The dataset (about 42,000 US ZIP codes) is loaded on the first lookup and
kept for the life of the process.
"""

import math
import re
from dataclasses import dataclass
from functools import cache

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


@cache
def _cities():
    """{city in lower case: {state: [(lat, long), ...]}} from every ZIP code
    with a position; standard (street-delivery) ZIPs only where a city has any,
    so PO box centres do not pull the middle off."""
    standard, other = {}, {}
    for record in zipcodes.list_all():
        position = _position(record)
        if position is None or not record.get("city"):
            continue
        target = standard if record.get("zip_code_type") == "STANDARD" else other
        by_state = target.setdefault(record["city"].lower(), {})
        by_state.setdefault(record["state"], []).append(position)
    for city, by_state in other.items():
        for state, positions in by_state.items():
            standard.setdefault(city, {}).setdefault(state, positions)
    return standard


def normalize(query):
    query = " ".join(str(query).replace("\x00", "").split())
    return query[:MAX_QUERY]


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


def find_city(name, state=None):
    by_state = _cities().get(name.lower())
    if not by_state:
        return None
    if state:
        state = state.upper()
        if state not in by_state:
            return None
    elif HOME_STATE in by_state:
        state = HOME_STATE  # Arizona first: "Mesa" is Mesa, AZ
    else:
        state = max(sorted(by_state), key=lambda s: len(by_state[s]))
    positions = by_state[state]
    latitude = sum(p[0] for p in positions) / len(positions)
    longitude = sum(p[1] for p in positions) / len(positions)
    return Place(f"{name.title()}, {state}", latitude, longitude)


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
    """The locations nearest first, each with `distance_miles` set."""
    located = []
    for location in locations:
        location.distance_miles = haversine_miles(
            place.latitude,
            place.longitude,
            float(location.latitude),
            float(location.longitude),
        )
        located.append(location)
    return sorted(located, key=lambda loc: (loc.distance_miles, loc.name))
