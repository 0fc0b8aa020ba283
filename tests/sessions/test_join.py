"""Join links reach registered attendees only: public pages and feeds (HTML, .ics, JSON,
frab) name no registered-only room's link and stay one copy for everyone; Join goes to a
never-cached /schedule/<id>/join that checks the registration, records the first join and
redirects into the room, or explains and offers registration."""

import pytest
from django.test import Client

from ecosystem_day.event.models import forget_current_version
from ecosystem_day.registration import services as registration
from ecosystem_day.registration.models import RegistrationSettings
from sessions.attendance import Attendance
from sessions.models import ScheduleItem
from sessions.releases import release_schedule
from sessions.services import schedule_breakout
from tests.factories import (
    AcceptedBreakoutFactory,
    EventFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    RoomFactory,
    ScheduleItemFactory,
    UserFactory,
)
from tests.races import run_together
from tests.sessions.helpers import at, ecosystem_day_2021, morning_and_evening

ROOM = "https://meet.example.org/breakout-room-1-secret"
EVENING_ROOM = "https://meet.example.org/evening-room-secret"
LIVESTREAM = "https://youtube.example.org/live/keynote"
PUBLIC_PAGES = [
    "/",
    "/schedule/",
    "/schedule/?tz=Asia/Tokyo",
    "/schedule.ics",
    "/schedule.json",
    "/schedule.xml",
    "/schedule.frab.json",
    "/schedule/morning-emea.ics",
    "/schedule/evening-apac-us.ics",
    "/schedule/changes/",
    "/schedule/changes.json",
    "/schedule/mine/",
    "/speakers/",
]


@pytest.fixture
def world(organizer, time_machine):
    """The 2021 day, the day before: a breakout in a registered-only room in each session,
    and the keynote in a public livestream."""
    time_machine.move_to(at(12, day=20), tick=False)
    event = ecosystem_day_2021()
    RegistrationSettingsFactory(event=event)  # open since yesterday, for a week
    morning, evening = morning_and_evening(event)
    room = RoomFactory(event=event, name="Breakout room 1", join_url=ROOM)
    evening_room = RoomFactory(event=event, name="Breakout room 2", join_url=EVENING_ROOM)
    stage = RoomFactory(event=event, name="Main stage", join_url=LIVESTREAM, access="public")
    keynote = ScheduleItemFactory(
        event=event,
        kind=ScheduleItem.Kind.KEYNOTE,
        title="Morning keynote",
        track=morning,
        room=stage,
        starts_at=at(8),
        ends_at=at(8, 40),
    )
    profiling = schedule_breakout(
        AcceptedBreakoutFactory(event=event, title="Profiling, live"),
        track=morning,
        room=room,
        starts_at=at(9),
        by=organizer,
    )
    tensors = schedule_breakout(
        AcceptedBreakoutFactory(event=event, title="Tensors at scale"),
        track=evening,
        room=evening_room,
        starts_at=at(15),
        by=organizer,
    )
    release_schedule(event, by=organizer)
    return {
        "event": event,
        "morning": morning,
        "evening": evening,
        "keynote": keynote,
        "profiling": profiling,
        "tensors": tensors,
    }


@pytest.fixture
def attendee(world):
    """Registered (a seat) for the morning session only."""
    user = UserFactory(email="ada@example.org")
    RegistrationFactory(
        event=world["event"], user=user, email=user.email, tracks=[world["morning"]]
    )
    return user


def joined(client, item):
    return client.get(f"/schedule/{item.pk}/join")


def test_no_public_page_or_feed_names_a_registered_only_rooms_link(client, world):
    for path in PUBLIC_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        content = response.content.decode()
        assert ROOM not in content, path
        assert EVENING_ROOM not in content, path
        assert "Cookie" not in response.get("Vary", ""), path


def test_the_json_feed_gives_a_public_rooms_link_and_the_join_page_for_every_room(client, world):
    items = {item["title"]: item["room"] for item in client.get("/schedule.json").json()["items"]}

    keynote, profiling = world["keynote"], world["profiling"]
    assert items["Morning keynote"] == {
        "name": "Main stage",
        "join_url": LIVESTREAM,
        "join_page": f"http://testserver/schedule/{keynote.pk}/join",
    }
    assert items["Profiling, live"] == {
        "name": "Breakout room 1",
        "join_url": None,
        "join_page": f"http://testserver/schedule/{profiling.pk}/join",
    }


def test_the_grid_sends_join_to_the_check_for_every_room(client, world):
    page = client.get("/schedule/").content.decode()

    assert f'href="/schedule/{world["profiling"].pk}/join"' in page
    assert f'href="/schedule/{world["keynote"].pk}/join"' in page


def test_an_anonymous_visitor_is_told_why_and_offered_registration_never_cached(client, world):
    response = joined(client, world["profiling"])

    page = response.content.decode()
    assert response.status_code == 403
    assert response["Cache-Control"] == "private, no-store"
    assert "The room's link is for registered attendees" in page
    assert 'href="/register/"' in page
    assert 'href="/register/sign-in/"' in page
    assert ROOM not in page
    assert not Attendance.objects.exists()


def close_registration(event):
    """Registration closed yesterday evening, as on the day itself (saved as organizers save
    it, so the pages that show the edition learn of it)."""
    found = RegistrationSettings.objects.get(event=event)
    found.closes_at = at(23, 59, day=19)
    found.save()


def test_once_registration_closes_join_says_when_and_offers_no_form_that_would_refuse(
    client, world
):
    close_registration(world["event"])

    response = joined(client, world["profiling"])

    page = response.content.decode()
    assert response.status_code == 403
    assert "Registration closed on" in page
    assert 'href="/register/"' not in page
    assert 'href="/register/sign-in/"' in page  # those who registered get a link in


def test_with_an_external_registration_address_join_leads_there_not_to_the_form(client, world):
    found = RegistrationSettings.objects.get(event=world["event"])
    found.external_url = "https://tickets.example.org/ecosystem-day"
    found.save()

    page = joined(client, world["profiling"]).content.decode()

    assert 'href="https://tickets.example.org/ecosystem-day"' in page
    assert 'href="/register/"' not in page


def test_a_signed_in_visitor_not_registered_is_offered_the_form_only_while_it_is_open(
    client, world
):
    client.force_login(UserFactory(email="grace@example.org"))
    while_open = joined(client, world["profiling"]).content.decode()
    close_registration(world["event"])
    forget_current_version()  # as the five seconds a process may keep the edition would
    once_closed = joined(client, world["profiling"]).content.decode()

    assert 'href="/register/"' in while_open
    assert 'href="/register/"' not in once_closed
    assert "Registration closed on" in once_closed


def test_once_registration_closes_the_other_session_is_not_offered_as_an_addition(
    client, world, attendee
):
    client.force_login(attendee)
    close_registration(world["event"])

    page = joined(client, world["tensors"]).content.decode()

    assert "not among the sessions you registered for" in page
    assert "Add the session to my registration" not in page
    assert "can no longer change" in page


def test_a_registered_attendee_is_sent_into_the_room_and_the_first_join_recorded(
    client, world, attendee
):
    client.force_login(attendee)

    first = joined(client, world["profiling"])
    again = joined(client, world["profiling"])

    assert (first.status_code, first.url, first["Cache-Control"]) == (
        302,
        ROOM,
        "private, no-store",
    )
    assert again.url == ROOM
    [attendance] = Attendance.objects.all()
    assert (attendance.item_id, attendance.item_guid, attendance.item_title) == (
        world["profiling"].pk,
        world["profiling"].guid,
        "Profiling, live",
    )
    assert attendance.first_joined_at == at(12, day=20)


def test_an_item_of_a_session_they_did_not_register_for_is_explained(client, world, attendee):
    client.force_login(attendee)

    response = joined(client, world["tensors"])

    assert response.status_code == 403
    assert "not among the sessions you registered for" in response.content.decode()
    assert EVENING_ROOM not in response.content.decode()


def test_the_wait_list_and_a_cancelled_registration_do_not_open_the_room(client, world):
    waiting, cancelled = UserFactory(), UserFactory()
    for user, status in ((waiting, "wait_listed"), (cancelled, "cancelled")):
        RegistrationFactory(
            event=world["event"],
            user=user,
            email=user.email,
            status=status,
            tracks=[world["morning"]],
        )
    responses = {}
    for user in (waiting, cancelled):
        client.force_login(user)
        responses[user] = joined(client, world["profiling"])

    assert [r.status_code for r in responses.values()] == [403, 403]
    assert "You are on the wait list" in responses[waiting].content.decode()
    assert "is cancelled" in responses[cancelled].content.decode()
    assert not Attendance.objects.exists()


def test_a_registration_for_another_edition_does_not_open_the_room(client, world):
    user = UserFactory()
    other = EventFactory(slug="2022", is_current=False)
    RegistrationFactory(event=other, user=user, email=user.email)
    client.force_login(user)

    response = joined(client, world["profiling"])

    assert response.status_code == 403
    assert "you are not registered" in response.content.decode()


def test_a_public_room_lets_anyone_in(client, world):
    response = joined(client, world["keynote"])

    assert (response.status_code, response.url) == (302, LIVESTREAM)
    assert response["Cache-Control"] == "private, no-store"


def test_once_the_item_is_over_join_leads_to_its_page(client, world, attendee, time_machine):
    time_machine.move_to(at(10), tick=False)
    client.force_login(attendee)

    response = joined(client, world["profiling"])

    assert response.url == f"/schedule/{world['profiling'].pk}/"
    assert not Attendance.objects.exists()


def test_an_item_not_on_the_schedule_answers_404(client, world):
    assert client.get("/schedule/999999/join").status_code == 404


def test_the_personal_agenda_feed_at_its_secret_address_carries_the_join_page(
    client, world, attendee
):
    from sessions.stars import AgendaFeed, Star

    Star.objects.create(user=attendee, event=world["event"], guid=world["profiling"].guid)
    feed = AgendaFeed.objects.create(user=attendee, event=world["event"])

    calendar = client.get(f"/schedule/mine/{feed.token}.ics").content.decode()
    calendar = calendar.replace("\r\n ", "")  # lines unfolded

    assert f"Join: http://testserver/schedule/{world['profiling'].pk}/join" in calendar
    assert ROOM not in calendar


@pytest.mark.django_db(transaction=True)
def test_two_joins_at_the_same_moment_record_attendance_once(world, attendee):
    def join():
        client = Client()
        client.force_login(attendee)
        return joined(client, world["profiling"]).status_code

    outcomes = run_together(join, join)

    assert outcomes == [302, 302]
    assert Attendance.objects.count() == 1


def test_the_join_endpoint_costs_a_fixed_number_of_queries(
    client, world, attendee, django_assert_num_queries
):
    client.force_login(attendee)
    joined(client, world["keynote"])  # the release is decoded once per process

    with django_assert_num_queries(5):  # session, user, release, registration, attendance
        response = joined(client, world["profiling"])

    assert response.url == ROOM


def test_cancelling_the_registration_closes_the_room(client, world, attendee):
    client.force_login(attendee)
    registration.cancel_registration(attendee.registrations.get(), by=attendee)

    assert joined(client, world["profiling"]).status_code == 403


def test_organizers_see_attendance_per_item_and_reviewers_do_not(
    client, world, attendee, organizer, reviewer
):
    client.force_login(attendee)
    joined(client, world["profiling"])
    joined(client, world["keynote"])
    client.force_login(reviewer)
    refused = client.get("/admin/breakouts/attendance/")
    client.force_login(organizer)

    response = client.get("/admin/breakouts/attendance/")

    assert refused.status_code == 403
    assert response.context["per_item"] == [
        {"item_title": "Morning keynote", "joined": 1},
        {"item_title": "Profiling, live", "joined": 1},
    ]
    assert response.context["cl"].result_count == 2
