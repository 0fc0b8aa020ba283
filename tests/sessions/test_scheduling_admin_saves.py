"""The schedule item admin saves an item once, whichever way it goes: placed, moved or edited.

It once saved a placed or moved breakout twice: through the transition, then again as the
admin's own save of the same row.
"""

import re

import pytest
from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

from sessions.models import ScheduleItem, SlotChange
from sessions.services import schedule_breakout
from tests.factories import AcceptedBreakoutFactory, RoomFactory, TrackFactory
from tests.sessions.helpers import admin_form_as_is, at, ecosystem_day_2021

WRITE = re.compile(r'^(INSERT INTO|UPDATE) "breakouts_scheduleitem"')


@pytest.fixture
def event(db):
    return ecosystem_day_2021()


@pytest.fixture
def track(event):
    return TrackFactory(event=event, breakouts_start_at=at(9), breakouts_end_at=at(12))


@pytest.fixture
def room(event):
    return RoomFactory(event=event, name="Breakout room 1")


class Saves:
    """Every save of a schedule item (the signal) and every row written (the SQL)."""

    def __init__(self):
        self.signals = 0
        self.sql = CaptureQueriesContext(connection)

    def count(self, sender, **kwargs):
        self.signals += 1

    def __enter__(self):
        post_save.connect(self.count, sender=ScheduleItem, weak=False)
        self.sql.__enter__()
        return self

    def __exit__(self, *exc):
        self.sql.__exit__(*exc)
        post_save.disconnect(self.count, sender=ScheduleItem)

    @property
    def writes(self):
        return [query["sql"] for query in self.sql.captured_queries if WRITE.match(query["sql"])]


def test_placing_a_breakout_in_the_admin_saves_its_item_once(client, organizer, event, track, room):
    breakout = AcceptedBreakoutFactory(event=event, title="Saved once")
    client.force_login(organizer)
    form = {
        "event": event.pk,
        "kind": "breakout",
        "breakout": breakout.pk,
        "title": "",
        "description": "Bring a laptop.",
        "track": track.pk,
        "room": room.pk,
        "starts_at_0": "2021-04-21",
        "starts_at_1": "09:00",
        "recording_url": "",
    }

    with Saves() as saves:
        response = client.post("/admin/breakouts/scheduleitem/add/", form)

    assert response.status_code == 302
    assert saves.signals == 1
    assert [sql.split(" (")[0] for sql in saves.writes] == ['INSERT INTO "breakouts_scheduleitem"']
    item = ScheduleItem.objects.get()
    assert (item.starts_at, item.ends_at, item.description) == (at(9), at(9, 40), "Bring a laptop.")
    assert SlotChange.objects.filter(breakout=breakout).count() == 1


def test_moving_a_breakout_and_renaming_it_in_one_admin_save_writes_its_row_once(
    client, organizer, event, track, room
):
    breakout = AcceptedBreakoutFactory(event=event)
    item = schedule_breakout(breakout, track=track, room=room, starts_at=at(9), by=organizer)
    client.force_login(organizer)
    url = f"/admin/breakouts/scheduleitem/{item.pk}/change/"
    form = admin_form_as_is(client, url)

    with Saves() as saves:
        response = client.post(url, {**form, "starts_at_1": "10:00", "title": "New title"})

    assert response.status_code == 302
    assert (saves.signals, len(saves.writes)) == (1, 1)
    item.refresh_from_db()
    assert (item.starts_at, item.ends_at, item.title) == (at(10), at(10, 40), "New title")
    assert [slot.summary for slot in SlotChange.objects.filter(breakout=breakout)] == [
        "Scheduled",
        "Moved",
    ]


def test_renaming_a_scheduled_breakout_in_the_admin_writes_its_row_once_and_moves_nothing(
    client, organizer, event, track, room
):
    breakout = AcceptedBreakoutFactory(event=event)
    item = schedule_breakout(breakout, track=track, room=room, starts_at=at(9), by=organizer)
    client.force_login(organizer)
    url = f"/admin/breakouts/scheduleitem/{item.pk}/change/"
    form = admin_form_as_is(client, url)

    with Saves() as saves:
        response = client.post(url, {**form, "title": "New title"})

    assert response.status_code == 302
    assert (saves.signals, len(saves.writes)) == (1, 1)
    assert SlotChange.objects.filter(breakout=breakout).count() == 1


def test_adding_a_networking_block_in_the_admin_saves_it_once(client, organizer, event, room):
    client.force_login(organizer)
    form = {
        "event": event.pk,
        "kind": "networking",
        "title": "Coffee",
        "room": room.pk,
        "starts_at_0": "2021-04-21",
        "starts_at_1": "12:00",
        "ends_at_0": "2021-04-21",
        "ends_at_1": "12:30",
    }

    with Saves() as saves:
        response = client.post("/admin/breakouts/scheduleitem/add/", form)

    assert response.status_code == 302
    assert (saves.signals, len(saves.writes)) == (1, 1)
