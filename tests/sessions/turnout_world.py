"""The day's turnout for the recap and dashboard specs: the 2021 day with a keynote on a public
stage, a breakout in each session's room, networking without a room, and six people."""

import pytest

from sessions.models import ScheduleItem
from sessions.releases import release_schedule
from sessions.services import schedule_breakout
from tests.factories import (
    AcceptedBreakoutFactory,
    RegistrationFactory,
    RoomFactory,
    ScheduleItemFactory,
    UserFactory,
)
from tests.sessions.helpers import at, ecosystem_day_2021, morning_and_evening


@pytest.fixture
def turnout_day(organizer, time_machine):
    """The 2021 day: a keynote on the public main stage for the whole day, a breakout in each
    session's room, networking without a room."""
    time_machine.move_to(at(7), tick=False)
    event = ecosystem_day_2021()
    morning, evening = morning_and_evening(event)
    stage = RoomFactory(event=event, name="Main stage", access="public")
    ScheduleItemFactory(
        event=event,
        kind=ScheduleItem.Kind.KEYNOTE,
        title="Opening keynote",
        room=stage,
        starts_at=at(8),
        ends_at=at(8, 40),
    )
    ScheduleItemFactory(event=event, title="Networking", starts_at=at(12), ends_at=at(15))
    profiling = schedule_breakout(
        AcceptedBreakoutFactory(event=event, title="Profiling, live"),
        track=morning,
        room=RoomFactory(event=event, name="Breakout room 1"),
        starts_at=at(9),
        by=organizer,
    )
    tensors = schedule_breakout(
        AcceptedBreakoutFactory(event=event, title="Tensors at scale"),
        track=evening,
        room=RoomFactory(event=event, name="Breakout room 2"),
        starts_at=at(15),
        by=organizer,
    )
    release_schedule(event, by=organizer)
    return {
        "event": event,
        "morning": morning,
        "evening": evening,
        "profiling": profiling,
        "tensors": tensors,
    }


def attendee(turnout_day, country, tracks, status="registered"):
    user = UserFactory()
    RegistrationFactory(
        event=turnout_day["event"],
        user=user,
        email=user.email,
        country=country,
        tracks=[turnout_day[track] for track in tracks],
        status=status,
    )
    return user


@pytest.fixture
def turnout_people(turnout_day):
    """Four seats (two in Germany and one in Japan for the morning, one in the US for both),
    one on the wait list and one cancelled."""
    return {
        "berlin": attendee(turnout_day, "DE", ["morning"]),
        "munich": attendee(turnout_day, "DE", ["morning"]),
        "tokyo": attendee(turnout_day, "JP", ["morning"]),
        "seattle": attendee(turnout_day, "US", ["morning", "evening"]),
        "waiting": attendee(turnout_day, "FR", ["morning"], status="wait_listed"),
        "cancelled": attendee(turnout_day, "FR", ["evening"], status="cancelled"),
    }


def join(client, user, item, time_machine, moment):
    time_machine.move_to(moment, tick=False)
    client.force_login(user)
    assert client.get(f"/schedule/{item.pk}/join").status_code == 302
