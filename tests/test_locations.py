"""Finding the nearest clinic, and whether it is open."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from base.models import Status
from locations import geo
from locations.models import Location, OpeningHours

from .clinics import WEEKDAYS_8_TO_6, save_clinic
from .conftest import parse

pytestmark = pytest.mark.django_db

PHOENIX = ZoneInfo("America/Phoenix")
UTC = datetime.timezone.utc


def names_in_order(client, query):
    response = client.get("/locations/" + query)
    assert response.status_code == 200
    text = parse(response).main_text
    names = [loc.name for loc in Location.objects.published()]
    return sorted(names, key=text.index), text


# Four clinics as staff would enter them: Desert Ridge (north Phoenix, given
# its ZIP 85050), Tempe (85281), Glendale (85301), Mesa (85201).
@pytest.fixture
def clinics(db):
    save_clinic(
        "Desert Ridge",
        "85050",
        slug="desert-ridge",
        hours=WEEKDAYS_8_TO_6,
        treatments=["chiropractic", "spinal-decompression"],
    )
    save_clinic(
        "Tempe",
        "85281",
        hours=WEEKDAYS_8_TO_6,
        treatments=["chiropractic", "spinal-decompression"],
    )
    save_clinic("Glendale", "85301", hours=WEEKDAYS_8_TO_6)
    save_clinic("Mesa", "85201", hours=WEEKDAYS_8_TO_6, treatments=["chiropractic"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?near=85281", ["Tempe", "Mesa", "Glendale", "Desert Ridge"]),  # Tempe
        ("?near=85050", ["Desert Ridge", "Glendale", "Tempe", "Mesa"]),  # N Phoenix
        ("?near=85301-1234", ["Glendale", "Desert Ridge", "Tempe", "Mesa"]),  # ZIP+4
        ("?near=85205", ["Mesa", "Tempe", "Desert Ridge", "Glendale"]),  # east Mesa
    ],
)
def test_clinics_are_listed_nearest_first_from_a_zip(clinics, client, query, expected):
    order, text = names_in_order(client, query)
    assert order == expected
    assert "miles away" in text
    assert "We couldn’t find" not in text
    assert "Distance not known" not in text


def test_distance_is_shown_in_miles(clinics, client):
    text = parse(client.get("/locations/?near=85281")).main_text
    # Tempe's own clinic sits in its ZIP; Desert Ridge is about 19 miles off.
    assert "Tempe Tempe, AZ Less than a mile away" in text
    assert "0.0 miles" not in text
    assert "Desert Ridge Phoenix, AZ 18.7 miles away" in text


def test_the_map_position_is_the_zips_center_filled_in_at_save(clinics):
    tempe = Location.objects.get(slug="tempe")
    assert (float(tempe.latitude), float(tempe.longitude)) == (33.4227, -111.9261)
    assert tempe.locality == "Tempe"  # the city, from the ZIP too
    assert not tempe.position_is_custom


def test_a_clinic_without_a_position_comes_after_the_ranked_ones(client):
    # As shipped, Desert Ridge has no ZIP and so no map position.
    save_clinic("Mesa", "85201")
    save_clinic("Glendale", "85301")
    order, text = names_in_order(client, "?near=85281")
    assert order == ["Mesa", "Glendale", "Desert Ridge"]
    assert "Desert Ridge North Phoenix Distance not known" in text
    assert text.count("miles away") == 2
    assert "Clinics whose location we have not entered yet come last" in text


def test_with_no_clinic_positioned_every_clinic_is_listed_with_distance_unknown(
    client,
):
    order, text = names_in_order(client, "?near=85281")
    assert order == ["Desert Ridge"]
    assert "Distance not known" in text
    assert "miles away" not in text
    assert "Nearest first" not in text
    assert "we cannot tell which is nearest" in text


@pytest.mark.parametrize(
    "city", ["Glendale", "glendale", "  GLENDALE ", "Glendale, AZ"]
)
def test_a_city_name_finds_the_clinic_in_that_city_first(clinics, client, city):
    order, text = names_in_order(client, "?near=" + city)
    assert order[0] == "Glendale"
    assert "Clinics near Glendale, AZ" in text


def test_a_city_in_arizona_wins_over_one_of_the_same_name_elsewhere():
    # There is a Mesa in Colorado and a Glendale in California.
    mesa = geo.find_place("Mesa")
    assert mesa.label == "Mesa, AZ"
    assert geo.find_place("Glendale, CA").label == "Glendale, CA"
    assert geo.find_place("Glendale, CA").longitude < -117


@pytest.mark.parametrize(
    "query",
    [
        "?near=00000",
        "?near=99999",
        "?near=Atlantis",
        "?near=<script>alert(1)</script>",
        "?near=' OR 1=1 --",
        "?near=%00abc%00",
        "?near=" + "9" * 5000,
        "?near=脊椎",
        "?near=Glendale, ZZ",
    ],
)
def test_an_unknown_place_gets_a_message_and_the_full_list(clinics, client, query):
    response = client.get("/locations/" + query)
    assert response.status_code == 200
    html = response.content.decode()
    text = parse(response).main_text
    assert "We couldn’t find" in text
    for location in Location.objects.published():
        assert location.get_absolute_url() in html
    assert "<script>alert" not in html


def test_the_browsers_position_orders_the_list(clinics, client):
    order, text = names_in_order(client, "?lat=33.432&lng=-111.847")  # Mesa
    assert order[0] == "Mesa"
    assert "Clinics near your location" in text


@pytest.mark.parametrize(
    "query",
    ["?lat=&lng=", "?lat=nan&lng=1", "?lat=91&lng=0", "?lat=1e999&lng=0", "?lat=x"],
)
def test_a_bad_position_gets_a_message_and_the_full_list(clinics, client, query):
    response = client.get("/locations/" + query)
    assert response.status_code == 200
    text = parse(response).main_text
    assert "We couldn’t read your location" in text
    assert "miles away" not in text


def test_use_my_location_is_an_enhancement_only(client):
    html = client.get("/locations/").content.decode()
    # The button only appears when the script finds geolocation.
    assert "data-near-me hidden" in html
    assert 'src="/static/js/near-me' in html and "defer" in html
    assert '<form class="near-form" action="/locations/" method="get"' in html


def test_treatment_filter_lists_only_clinics_offering_it(clinics, client):
    response = client.get("/locations/?near=85281&treatment=spinal-decompression")
    text = parse(response).main_text
    assert "Clinics offering Spinal Decompression" in text
    assert "Mesa" not in text.split("Clinics offering")[1]  # Mesa does not offer it
    assert "Glendale" not in text  # nor Glendale (no treatments entered)
    assert text.index("Tempe, AZ Less than a mile away") < text.index("Desert Ridge")


def test_a_draft_clinic_is_not_in_the_nearest_list(clinics, client):
    Location.objects.filter(slug="tempe").update(status=Status.DRAFT)
    html = client.get("/locations/?near=85281").content.decode()
    assert "/locations/tempe/" not in html


def test_haversine_phoenix_to_tucson():
    # Downtown Phoenix to downtown Tucson is about 106 miles as the crow flies.
    miles = geo.haversine_miles(33.4484, -112.0740, 32.2226, -110.9747)
    assert 100 < miles < 112


# Open now -------------------------------------------------------------------


def at(day, hour, minute=0):
    """A Phoenix wall-clock time in the week of Monday 23 November 2026."""
    return datetime.datetime(2026, 11, 23 + day, hour, minute, tzinfo=PHOENIX)


MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.fixture
def desert_ridge_hours(db):
    """Desert Ridge with weekday hours 8 am to 6 pm, as staff would enter them
    (nothing about its hours ships)."""
    return save_clinic(
        "Desert Ridge", slug="desert-ridge", hours={**WEEKDAYS_8_TO_6, 5: "closed"}
    )


def status(when, slug="desert-ridge"):
    location = Location.objects.prefetch_related("opening_hours").get(slug=slug)
    result = location.opening_status(when)
    return result and result.text


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (at(WED, 10), "Open now, closes at 6 pm"),
        (at(MON, 8), "Open now, closes at 6 pm"),  # the minute it opens
        (at(FRI, 17, 59), "Open now, closes at 6 pm"),
        (at(WED, 7, 59), "Closed, opens today at 8 am"),  # before opening
        (at(MON, 0, 0), "Closed, opens today at 8 am"),
        (at(WED, 18), "Closed, opens Thursday at 8 am"),  # the minute it closes
        (at(TUE, 23, 30), "Closed, opens Wednesday at 8 am"),  # across midnight
        (at(FRI, 18, 30), "Closed, opens Monday at 8 am"),  # into the weekend
        (at(SAT, 12), "Closed, opens Monday at 8 am"),  # closed day
        (at(SAT, 23, 59), "Closed, opens Monday at 8 am"),  # week wrap
        (at(SUN, 10), "Closed, opens Monday at 8 am"),
    ],
)
def test_open_now_in_arizona_time(desert_ridge_hours, when, expected):
    assert status(when) == expected


def test_times_in_other_zones_are_read_as_arizona_time(desert_ridge_hours):
    # 01:30 UTC on Wednesday is 6:30 pm Tuesday in Phoenix.
    when = datetime.datetime(2026, 11, 25, 1, 30, tzinfo=UTC)
    assert status(when) == "Closed, opens Wednesday at 8 am"


def test_arizona_has_no_daylight_saving(desert_ridge_hours):
    # In July, 15:00 UTC is still 8 am in Phoenix (Denver would say 9 am).
    when = datetime.datetime(2026, 7, 8, 15, 0, tzinfo=UTC)
    assert status(when) == "Open now, closes at 6 pm"
    assert status(when - datetime.timedelta(minutes=1)) == (
        "Closed, opens today at 8 am"
    )


def test_half_hours_and_a_single_open_day():
    mesa = save_clinic("Mesa", "85201", hours={MON: ("09:30", "12:15")})
    # Days left empty are closed once any day has hours.
    assert [str(h) for h in mesa.opening_hours.all()][:2] == [
        "Monday: 09:30–12:15",
        "Tuesday: closed",
    ]
    assert status(at(MON, 10), "mesa") == "Open now, closes at 12:15 pm"
    assert status(at(MON, 13), "mesa") == "Closed, opens next Monday at 9:30 am"
    assert status(at(THU, 13), "mesa") == "Closed, opens Monday at 9:30 am"


def test_no_hours_entered_means_no_status(client, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: at(MON, 10).astimezone(UTC))
    save_clinic("Mesa", "85201")
    assert status(at(MON, 10), "mesa") is None
    for slug in ["mesa", "desert-ridge"]:  # added without hours; as shipped
        response = client.get(f"/locations/{slug}/")
        text = parse(response).main_text
        html = response.content.decode()
        assert "Open now" not in text and "Closed, opens" not in text
        assert "Call (877) 222-5348, call the appointment line for opening hours" in (
            text
        )
        assert '<a href="tel:+18772225348">' in html
        assert "data-open-status" not in html and "open-now" not in html


def test_hours_removed_by_staff_take_open_now_away(client, desert_ridge_hours):
    save_clinic(
        "Desert Ridge",
        slug="desert-ridge",
        hours=dict.fromkeys(range(7), ("", "")),
    )
    assert not OpeningHours.objects.filter(location=desert_ridge_hours).exists()
    assert (
        "data-open-status"
        not in client.get("/locations/desert-ridge/").content.decode()
    )


def test_location_page_shows_open_status_and_is_cached_briefly(
    client, monkeypatch, desert_ridge_hours
):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: at(SAT, 9).astimezone(UTC))
    response = client.get("/locations/desert-ridge/")
    text = parse(response).main_text
    assert "Closed, opens Monday at 8 am (as of 9:00 AM Saturday, Arizona time)" in text
    assert "max-age=60" in response["Cache-Control"].split(", ")
    html = response.content.decode()
    assert 'data-weekday="0" data-opens="08:00" data-closes="18:00"' in html
    assert 'src="/static/js/open-now' in html


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"postal_code": "00000"}, "postal_code", "We don't know this ZIP code"),
        ({"postal_code": "8505"}, "postal_code", "Type a 5-digit ZIP code"),
        (
            {"position_is_custom": "on", "latitude": "999", "longitude": "-112"},
            "latitude",
            "less than or equal to 90",
        ),
        ({"position_is_custom": "on"}, "latitude", "Type the position"),
        ({"hours_1_opens": "09:00"}, "hours_1_closes", "both an opening and"),
        (
            {"hours_2_opens": "18:00", "hours_2_closes": "08:00"},
            "hours_2_closes",
            "closing time must be after",
        ),
    ],
)
def test_the_clinic_form_answers_bad_input_with_a_message(fields, field, message):
    from django.test import Client

    from .editing import admin_form_data, make_editor

    client = Client()
    client.force_login(make_editor("form-editor"))
    url = "/admin/locations/location/add/"
    data = {**admin_form_data(client.get(url)), "name": "Tempe", "slug": "tempe"}
    response = client.post(url, {**data, **fields})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field]), errors
    assert not Location.objects.filter(slug="tempe").exists()
