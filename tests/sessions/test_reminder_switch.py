"""The switch of the reminders before starred items, on My agenda and My registration: off by
default, saying how many minutes before; turning it on plans them, off withdraws them; any
input is answered without a server error."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecosystem_day.registration.reminders import Reminder
from sessions.agenda import set_star
from sessions.snapshot import latest_release
from tests.factories import RegistrationFactory
from tests.sessions.reminder_world import APRIL_FIRST, registrant, reminder_day, reminders_of

SWITCH = "/me/registration/reminders/"


@pytest.fixture
def day(organizer, time_machine):
    time_machine.move_to(APRIL_FIRST, tick=False)
    return reminder_day(organizer)


@pytest.fixture
def attendee(day):
    registration, person = registrant(day, "Europe/Berlin", [day["morning"]])
    registration.refresh_from_db()
    set_star(person, day["event"], day["profiling"].guid, release=latest_release(day["event"]))
    return registration, person


def test_my_agenda_offers_the_reminders_before_starred_items_off_by_default(client, attendee):
    _, person = attendee
    client.force_login(person)

    page = client.get("/schedule/mine/").content.decode()

    assert 'data-item-reminders="off"' in page
    assert "An email 10 minutes before each item you starred, with its Join link?" in page
    assert "at 9:00 AM in your time zone (Europe/Berlin)" in page
    assert f'action="{SWITCH}"' in page


def test_turning_them_on_from_my_agenda_plans_them_and_goes_back_there(client, attendee, day):
    registration, person = attendee
    client.force_login(person)

    response = client.post(SWITCH, {"on": "1", "next": "/schedule/mine/#reminders"})

    assert response.status_code == 302
    assert response["Location"] == "/schedule/mine/#reminders"
    assert [kind for kind, _, _ in reminders_of(registration)] == [
        Reminder.Kind.DAY_BEFORE,
        Reminder.Kind.BEFORE_ITEM,
    ]
    page = client.get("/schedule/mine/").content.decode()
    assert "You get an email 10 minutes before each item you starred" in page

    client.post(SWITCH, {"on": "0", "next": "https://elsewhere.example.org/"})
    assert [kind for kind, _, _ in reminders_of(registration)] == [Reminder.Kind.DAY_BEFORE]


def test_my_registration_shows_the_switch_too(client, attendee):
    _, person = attendee
    client.force_login(person)

    page = client.get("/me/registration/").content.decode()

    assert 'data-item-reminders="off"' in page


def test_someone_without_a_registration_is_offered_to_register_and_cannot_switch(
    client, day, submitter
):
    client.force_login(submitter)

    page = client.get("/schedule/mine/").content.decode()

    assert "to get the Join links, and reminders by email" in page
    assert client.post(SWITCH, {"on": "1"}).status_code == 404


def test_another_persons_registration_is_never_switched(client, attendee, day, submitter):
    registration, _ = attendee
    RegistrationFactory(event=day["event"], user=submitter, email=submitter.email)
    client.force_login(submitter)

    client.post(SWITCH, {"on": "1"})

    registration.refresh_from_db()
    assert registration.remind_before_items is False


VALUES = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=100),
    st.sampled_from(["", "0", "1", "//evil.example.org", "javascript:alert(1)", "\x00"]),
)


@given(on=VALUES, next_url=VALUES)
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_any_input_to_the_switch_is_answered_without_a_server_error(attendee, on, next_url):
    _, person = attendee
    client = Client()
    client.force_login(person)

    response = client.post(SWITCH, {"on": on, "next": next_url})

    assert response.status_code == 302
    assert response["Location"].startswith("/")
    assert not response["Location"].startswith("//")
