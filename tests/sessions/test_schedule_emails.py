"""A presenter is told when and where their breakout runs, once placed and whenever moved."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sessions.models import ScheduleItem
from tests.factories import AcceptedBreakoutFactory, EventFactory, RoomFactory, TrackFactory

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
ADD = "/admin/breakouts/scheduleitem/add/"


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


def test_scheduling_a_breakout_emails_its_presenter_the_time_room_and_join_link(
    organizer_client, slot, queued_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(ADD, slot)

    assert response.status_code == 302
    [message] = queued_mail
    assert message.subject == "Your breakout is scheduled: Profiling, live"
    assert (
        "“Profiling, live” runs on Wednesday, April 21, 2021, 9:00 AM–9:40 AM PDT "
        "(America/Los_Angeles) in Breakout room 1." in message.body
    )
    assert "Presenters and attendees join here: https://meet.example.org/b1" in message.body


def test_moving_a_breakout_tells_its_presenter_again_but_editing_its_text_does_not(
    organizer_client, slot, queued_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(ADD, slot)
    change = f"/admin/breakouts/scheduleitem/{ScheduleItem.objects.get().pk}/change/"

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(change, {**slot, "description": "Bring a laptop."})
    assert len(queued_mail) == 1

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(change, {**slot, "starts_at_1": "10:00"})
    assert len(queued_mail) == 2
    assert "10:00 AM–10:40 AM PDT" in queued_mail[1].body
