"""The 2021 day for the reminder specs, as of April 1, 2021: a keynote on a public stage and a
breakout in a registered-only room in the morning, a breakout in the evening, released once;
registration open; attendees register through the transition, in their own zones."""

from datetime import UTC, datetime

from post_office.models import Email

from ecosystem_day.registration.reminders import Reminder
from ecosystem_day.registration.services import register
from sessions.models import ScheduleItem
from sessions.releases import release_schedule
from sessions.services import schedule_breakout
from tests.factories import (
    AcceptedBreakoutFactory,
    RegistrationSettingsFactory,
    RoomFactory,
    ScheduleItemFactory,
    UserFactory,
)
from tests.sessions.helpers import at, ecosystem_day_2021, morning_and_evening

ROOM = "https://meet.example.org/breakout-room-1-secret"
EVENING_ROOM = "https://meet.example.org/evening-room-secret"
APRIL_FIRST = datetime(2021, 4, 1, 12, tzinfo=UTC)


def reminder_day(organizer):
    event = ecosystem_day_2021()
    morning, evening = morning_and_evening(event)
    RegistrationSettingsFactory(event=event, closes_at=at(23, day=21))
    room = RoomFactory(event=event, name="Breakout room 1", join_url=ROOM)
    evening_room = RoomFactory(event=event, name="Breakout room 2", join_url=EVENING_ROOM)
    stage = RoomFactory(
        event=event, name="Main stage", join_url="https://live.example.org/", access="public"
    )
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
        "organizer": organizer,
    }


def registrant(day, zone, tracks, email="ada@example.org", user=True):
    """Registered through the transition, with a verified account of that address."""
    person = UserFactory(email=email, email_verified_at=APRIL_FIRST) if user else None
    registration = register(
        event=day["event"],
        name="Ada Lovelace",
        email=email,
        tracks=tracks,
        time_zone=zone,
        country="DE",
    )
    return registration, person


def reminders_of(registration):
    """(kind, item guid or None, send time) of each reminder, oldest first."""
    return [
        (reminder.kind, str(reminder.item_guid) if reminder.item_guid else None, reminder.send_at)
        for reminder in Reminder.objects.filter(registration=registration).order_by("send_at")
    ]


def reminder_email(registration, kind, guid=None):
    reminder = Reminder.objects.select_related("email").get(
        registration=registration, kind=kind, item_guid=guid
    )
    return reminder.email


def queued_reminders():
    """Subjects and send times of the reminders waiting in the queue."""
    return [
        (email.subject, email.scheduled_time)
        for email in Email.objects.filter(scheduled_time__isnull=False).order_by("pk")
    ]
