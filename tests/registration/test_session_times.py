"""Each session's times on the registration form in the visitor's own zone first, the
event's time below, said once where the two agree (the browser does the same: static/js).

The day: Wednesday, April 21, 2027 in Los Angeles (PDT, UTC-7); Berlin is on CEST (UTC+2),
Tokyo on JST (UTC+9). Morning runs 8:00–12:00 and Evening 17:00–20:00 in the event's zone."""

from ecosystem_day.registration.models import Registration
from tests.factories import UserFactory
from tests.registration.conftest import form_data, sessions_shown


def test_a_visitor_in_tokyo_reads_each_session_in_tokyo_first_and_the_event_time_below(
    client, april_day
):
    response = client.get("/register/?tz=Asia/Tokyo")

    assert sessions_shown(response) == [
        "Morning (EMEA) Thu, Apr 22, 12:00 AM JST – 4:00 AM JST "
        "Event time: 8:00 AM PDT – 12:00 PM PDT",
        "Evening (APAC / US) Thu, Apr 22, 9:00 AM JST – 12:00 PM JST "
        "Event time: 5:00 PM PDT – 8:00 PM PDT",
    ]


def test_in_the_events_own_zone_each_session_is_said_once(client, april_day):
    response = client.get("/register/?tz=America/Los_Angeles")

    assert sessions_shown(response) == [
        "Morning (EMEA) 8:00 AM PDT – 12:00 PM PDT",
        "Evening (APAC / US) 5:00 PM PDT – 8:00 PM PDT",
    ]


def test_the_html_names_each_moment_in_utc_for_the_browser_to_write_in_the_visitors_zone(
    client, april_day
):
    html = client.get("/register/").content.decode()

    assert html.count('<time datetime="2027-04-21T15:00:00+00:00">8:00 AM PDT</time>') == 1
    assert html.count('<time datetime="2027-04-22T03:00:00+00:00">8:00 PM PDT</time>') == 1
    assert html.count("data-time-span") == 2


def test_a_form_sent_back_with_a_mistake_shows_the_sessions_in_the_zone_typed(client, april_day):
    morning = april_day.tracks.get(slug="morning")
    response = client.post("/register/", form_data([morning], name="", time_zone="Europe/Berlin"))

    assert response.status_code == 200
    assert sessions_shown(response)[0] == (
        "Morning (EMEA) 5:00 PM CEST – 9:00 PM CEST Event time: 8:00 AM PDT – 12:00 PM PDT"
    )
    assert Registration.objects.count() == 0


def test_a_zone_typed_wrong_leaves_the_sessions_in_the_events_zone_and_says_why(client, april_day):
    morning = april_day.tracks.get(slug="morning")
    response = client.post("/register/", form_data([morning], time_zone="Mars/Olympus"))

    assert sessions_shown(response)[0] == "Morning (EMEA) 8:00 AM PDT – 12:00 PM PDT"
    assert "“Mars/Olympus” is not a time zone we know" in response.content.decode()


def test_my_registration_shows_the_sessions_in_the_zone_i_registered_with(
    client, april_day, queued_mail
):
    client.post("/register/", form_data(list(april_day.tracks.all()), time_zone="Europe/Berlin"))
    registration = Registration.objects.get()
    registration.user = UserFactory(name="Ada Lovelace", email="ada@example.org")
    registration.save()
    client.force_login(registration.user)

    response = client.get("/me/registration/")

    assert sessions_shown(response) == [
        "Morning (EMEA) 5:00 PM CEST – 9:00 PM CEST Event time: 8:00 AM PDT – 12:00 PM PDT",
        "Evening (APAC / US) Thu, Apr 22, 2:00 AM CEST – 5:00 AM CEST "
        "Event time: 5:00 PM PDT – 8:00 PM PDT",
    ]


def test_the_register_page_is_never_one_shared_copy(client, april_day):
    response = client.get("/register/?tz=Asia/Tokyo")

    assert "public" not in response.get("Cache-Control", "")
