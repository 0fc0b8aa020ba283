"""Registering for an edition: the form, its confirmation with a calendar of the sessions in
UTC, one registration per address, the dates organizers set, and the external address."""

from datetime import UTC, datetime, time, timedelta

import icalendar
import pytest
import time_machine
from django.utils import timezone
from post_office.models import Email

from ecosystem_day.registration.models import ALREADY_REGISTERED, Registration
from tests.factories import RegistrationFactory, RegistrationSettingsFactory, UserFactory
from tests.registration.conftest import form_data, sessions_shown


def test_a_visitor_registers_and_is_told_to_look_for_the_email(
    client, registration_open, morning, evening, queued_mail
):
    response = client.post("/register/", form_data([morning, evening]))

    assert (response.status_code, response.url) == (302, "/register/sent/")
    registration = Registration.objects.get()
    assert (
        registration.name,
        registration.email,
        registration.affiliation,
        registration.country.code,
        list(registration.tracks.order_by("position")),
        registration.time_zone,
        registration.status,
        registration.user,
    ) == (
        "Ada Lovelace",
        "ada@example.org",
        "Analytical Engines Ltd",
        "GB",
        [morning, evening],
        "Asia/Tokyo",
        "registered",
        None,
    )
    page = client.get(response.url).content.decode()
    assert "You are registered" in page
    assert "ada@example.org" in page


def test_the_confirmation_gives_the_sessions_in_their_zone_and_a_calendar_in_utc(
    client, event, registration_open, morning, evening, queued_mail
):
    client.post("/register/", form_data([morning, evening]))

    [message] = queued_mail
    assert message.subject == f"You are registered for {event.name}"
    assert message.to == ["ada@example.org"]
    day = event.date
    assert f"- Morning (EMEA): {_long(morning.starts_at, 'Asia/Tokyo')}" in message.body
    assert "(8:00 AM – 12:00 PM" not in message.body  # each time says its date in full
    # When the session runs, its 8:00 opening talks included, not its 9:00 breakout window.
    assert f"{day:%A, %B} {day.day}, {day.year}, 8:00 AM – 12:00 PM (America/Los_Angeles)" in (
        message.body
    )
    [attachment] = Email.objects.get().attachments.all()
    assert (attachment.name, attachment.mimetype) == ("my-sessions.ics", "text/calendar")
    calendar = icalendar.Calendar.from_ical(attachment.file.read())
    events = [
        (str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND"))
        for e in calendar.walk("VEVENT")
    ]
    assert events == [
        (
            f"{event.name}: Morning (EMEA)",
            morning.starts_at.astimezone(UTC),
            morning.ends_at.astimezone(UTC),
        ),
        (
            f"{event.name}: Evening (APAC / US)",
            evening.starts_at.astimezone(UTC),
            evening.ends_at.astimezone(UTC),
        ),
    ]
    assert "DTSTART:" + morning.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") in (
        attachment.file.open().read().decode()
    )


def _long(moment, zone_name):
    from zoneinfo import ZoneInfo

    local = moment.astimezone(ZoneInfo(zone_name))
    return f"{local:%A, %B} {local.day}, {local.year}, {local:%-I:%M %p}"


def test_one_registration_per_email_per_edition_whatever_its_case(
    client, registration_open, morning, queued_mail
):
    client.post("/register/", form_data([morning]))

    response = client.post("/register/", form_data([morning], email="ADA@example.org"))

    assert response.status_code == 200
    assert response.context["form"].errors == {"email": [ALREADY_REGISTERED]}
    assert Registration.objects.count() == 1


def test_postgresql_refuses_a_second_registration_of_one_email(registration_open, morning):
    from ecosystem_day.registration import services

    fields = dict(name="Ada", tracks=[morning], time_zone="UTC")
    services.register(event=morning.event, email="ada@example.org", **fields)

    with pytest.raises(Exception) as refusal:
        services.register(event=morning.event, email="Ada@Example.org", **fields)

    assert refusal.value.messages == [ALREADY_REGISTERED]
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    "changes, field, error",
    [
        ({"tracks": []}, "tracks", "Choose at least one session."),
        (
            {"time_zone": "Mars/Olympus"},
            "time_zone",
            "“Mars/Olympus” is not a time zone we know: use an IANA name such as Asia/Tokyo.",
        ),
        (
            {"code_of_conduct": ""},
            "code_of_conduct",
            "Please accept the code of conduct to register.",
        ),
        ({"email": "not an address"}, "email", "Enter a valid email address."),
        (
            {"country": "XX"},
            "country",
            "Select a valid choice. XX is not one of the available choices.",
        ),
    ],
)
def test_a_form_with_a_mistake_says_which_and_saves_nothing(
    client, registration_open, morning, changes, field, error
):
    response = client.post("/register/", form_data([morning], **changes))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [error]}
    assert Registration.objects.count() == 0


def test_the_time_zone_field_is_filled_by_the_browser_through_a_static_script(
    client, registration_open
):
    page = client.get("/register/").content.decode()

    assert '<script src="/static/js/registration.js" defer></script>' in page
    assert "data-browser-time-zone" in page
    assert "<script>" not in page


def test_another_editions_session_is_refused(client, registration_open, morning):
    from tests.factories import EventFactory, TrackFactory

    other = TrackFactory(event=EventFactory(is_current=False, slug="2021"))

    response = client.post("/register/", form_data([other]))

    assert response.status_code == 200
    assert "tracks" in response.context["form"].errors
    assert Registration.objects.count() == 0


def _last_second(event, day_offset):
    day = event.date - timedelta(days=day_offset)
    return datetime.combine(day, time(23, 59, 59), tzinfo=event.tz)


@pytest.mark.parametrize(
    "moment, status",
    [
        (timedelta(seconds=-1), 403),  # the second before it opens
        (timedelta(0), 302),  # its first second
    ],
)
def test_registration_opens_at_its_first_second(client, event, morning, moment, status):
    opens_at = _last_second(event, 10) + timedelta(seconds=1)
    RegistrationSettingsFactory(event=event, opens_at=opens_at, closes_at=_last_second(event, 1))

    with time_machine.travel(opens_at + moment, tick=False):
        response = client.post("/register/", form_data([morning]))

    assert response.status_code == status
    assert Registration.objects.count() == (1 if status == 302 else 0)


@pytest.mark.parametrize(
    "moment, status",
    [
        (timedelta(0), 302),  # 23:59:59 in the event's zone: still open
        (timedelta(seconds=1), 403),  # midnight: closed
    ],
)
def test_registration_closes_after_its_last_second_in_the_events_zone(
    client, event, morning, moment, status
):
    closes_at = _last_second(event, 1)
    RegistrationSettingsFactory(
        event=event, opens_at=closes_at - timedelta(days=20), closes_at=closes_at
    )

    with time_machine.travel(closes_at + moment, tick=False):
        response = client.post("/register/", form_data([morning]))

    assert response.status_code == status
    if status == 403:
        assert "Registration is closed." in response.content.decode()
        assert Registration.objects.count() == 0


def test_after_it_closes_the_page_says_when_and_shows_no_form(client, event, morning):
    closes_at = _last_second(event, 1)
    RegistrationSettingsFactory(
        event=event, opens_at=closes_at - timedelta(days=20), closes_at=closes_at
    )

    with time_machine.travel(closes_at + timedelta(seconds=1), tick=False):
        response = client.get("/register/")

    page = response.content.decode()
    assert "Registration closed on" in page
    assert 'name="email"' not in page


def test_with_an_external_address_the_page_links_out_and_shows_no_form(client, event, morning):
    RegistrationSettingsFactory(event=event, external_url="https://tickets.example.com/day")

    page = client.get("/register/").content.decode()
    refused = client.post("/register/", form_data([morning]))

    assert 'href="https://tickets.example.com/day"' in page
    assert 'name="email"' not in page
    assert refused.status_code == 403
    assert Registration.objects.count() == 0


def test_an_edition_without_registration_set_up_answers_404(client, event):
    response = client.get("/register/")

    assert response.status_code == 404


def test_registering_with_a_verified_accounts_address_links_it_up(
    client, registration_open, morning
):
    from django.utils import timezone

    user = UserFactory(email="ada@example.org", email_verified_at=timezone.now())

    client.post("/register/", form_data([morning], email="Ada@example.org"))

    assert Registration.objects.get().user == user


def test_registering_with_an_unverified_accounts_address_waits_for_the_link(
    client, registration_open, morning
):
    UserFactory(email="ada@example.org")

    client.post("/register/", form_data([morning]))

    assert Registration.objects.get().user is None


def test_registrations_are_throttled_per_address(client, settings, registration_open, morning):
    settings.REGISTRATION_RATE = "2/h"
    for n in range(2):
        client.post("/register/", form_data([morning], email=f"p{n}@example.org"))

    response = client.post("/register/", form_data([morning], email="p3@example.org"))

    assert response.status_code == 429
    assert Registration.objects.count() == 2


def test_a_registered_visitor_going_to_the_form_is_sent_to_their_registration(
    client, event, registration_open, morning
):
    user = UserFactory()
    RegistrationFactory(event=event, user=user, email=user.email, tracks=[morning])
    client.force_login(user)

    response = client.get("/register/")

    assert (response.status_code, response.url) == (302, "/me/registration/")


def test_each_session_is_offered_with_its_times_in_the_events_zone(
    client, registration_open, morning
):
    sessions = sessions_shown(client.get("/register/"))

    # When each runs, opening talks included (the Morning's breakouts start at 9:00); the
    # browser adds the visitor's zone (tests/registration/test_session_times.py).
    zone = timezone.localtime(morning.starts_at, morning.event.tz).tzname()  # PST or PDT
    assert sessions == [
        f"Morning (EMEA) 8:00 AM {zone} – 12:00 PM {zone}",
        f"Evening (APAC / US) 5:00 PM {zone} – 8:00 PM {zone}",
    ]


def test_the_home_page_invites_to_register_until_registration_closes(
    client, event, morning, django_capture_on_commit_callbacks
):
    found = RegistrationSettingsFactory(event=event)

    open_page = client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the public version is bumped
        found.closes_at = timezone.now() - timedelta(seconds=1)
        found.opens_at = found.closes_at - timedelta(days=3)
        found.save()
    closed_page = client.get("/").content.decode()

    assert (
        f'<a class="btn btn-primary" href="/register/">Register for {event.name}</a>' in open_page
    )
    assert "data-home-register" not in closed_page


def test_the_home_page_links_to_the_external_address(client, event, morning):
    RegistrationSettingsFactory(event=event, external_url="https://tickets.example.com/day")

    page = client.get("/").content.decode()

    assert 'href="https://tickets.example.com/day"' in page
