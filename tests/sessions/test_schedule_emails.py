"""A presenter hears where and when their breakout runs once per release, not once per save.

Organizers place and move breakouts in the admin as often as they like; the release tells
each presenter about their own breakout: its time in the event's zone, its room and where to
join, or how it moved since the last release.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sessions.models import ScheduleItem
from sessions.releases import release_schedule
from tests.factories import AcceptedBreakoutFactory, EventFactory, RoomFactory, TrackFactory

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
ADD = "/admin/breakouts/scheduleitem/add/"
SUBJECT = "The schedule changed for your breakout: PyTorch Ecosystem Day 2021, version {}"


@pytest.fixture
def event(db):
    return EventFactory(
        name="PyTorch Ecosystem Day 2021",
        date=date(2021, 4, 21),
        cfp_deadline=datetime(2021, 3, 18, 23, 59, 59, tzinfo=LOS_ANGELES),
    )


@pytest.fixture
def slot(event):
    return {
        "event": event.pk,
        "kind": "breakout",
        "breakout": AcceptedBreakoutFactory(event=event, title="Profiling, live").pk,
        "title": "",
        "description": "",
        "track": TrackFactory(event=event, name="Morning (EMEA)").pk,
        "room": RoomFactory(
            event=event, name="Breakout room 1", join_url="https://meet.example.org/b1"
        ).pk,
        "starts_at_0": "2021-04-21",
        "starts_at_1": "09:00",
        "ends_at_0": "",
        "ends_at_1": "",
        "recording_url": "",
    }


@pytest.fixture
def organizer_client(client, organizer):
    client.force_login(organizer)
    return client


def test_a_breakout_placed_in_the_admin_is_announced_by_the_release_with_time_room_and_link(
    organizer_client, organizer, event, slot, queued_mail
):
    assert organizer_client.post(ADD, slot).status_code == 302
    assert queued_mail == []

    release_schedule(event, by=organizer)

    [message] = queued_mail
    assert message.subject == SUBJECT.format(1)
    assert (
        "• Profiling, live: now on the schedule: Wednesday, April 21, 2021, 9:00 AM–9:40 AM PDT "
        "(America/Los_Angeles), Breakout room 1; presenters and attendees join at "
        "https://meet.example.org/b1" in message.body
    )


def test_three_moves_between_releases_make_one_email_from_the_first_place_to_the_last(
    organizer_client, organizer, event, slot, queued_mail
):
    organizer_client.post(ADD, slot)
    release_schedule(event, by=organizer)
    change = f"/admin/breakouts/scheduleitem/{ScheduleItem.objects.get().pk}/change/"
    for hour in ("10:00", "11:00", "10:00"):
        organizer_client.post(change, {**slot, "starts_at_1": hour})

    release_schedule(event, by=organizer)

    assert [message.subject for message in queued_mail] == [SUBJECT.format(1), SUBJECT.format(2)]
    assert "moved from Wednesday, April 21, 2021, 9:00 AM–9:40 AM PDT" in queued_mail[1].body
    assert "to Wednesday, April 21, 2021, 10:00 AM–10:40 AM PDT" in queued_mail[1].body


def test_editing_only_an_items_description_is_no_change_for_the_presenter(
    organizer_client, organizer, event, slot, queued_mail
):
    organizer_client.post(ADD, slot)
    release_schedule(event, by=organizer)
    change = f"/admin/breakouts/scheduleitem/{ScheduleItem.objects.get().pk}/change/"
    organizer_client.post(change, {**slot, "description": "Bring a laptop."})

    release = release_schedule(event, by=organizer)

    assert [(change["what"], change["before"]) for change in release.changes] == [
        ("changed", {"description": "A live demo and questions from the audience."})
    ]
    assert len(queued_mail) == 1
