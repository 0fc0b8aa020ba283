"""Placing, moving and removing a breakout are transitions: locked, checked, recorded, mailed.

The admin and seed_demo call them; public pages show a slot only while its breakout is
accepted, as a second guard behind them.
"""

import json
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import Client

from posters.services import lock_poster
from sessions.models import BreakoutProposal, ScheduleItem, SlotChange
from sessions.services import (
    change_breakout_status,
    move_breakout,
    schedule_breakout,
    unschedule_breakout,
)
from tests.factories import (
    AcceptedBreakoutFactory,
    BreakoutProposalFactory,
    RoomFactory,
    ScheduledBreakoutFactory,
    TrackFactory,
    UserFactory,
)
from tests.mail import subjects
from tests.sessions.helpers import at, ecosystem_day_2021


@pytest.fixture
def event(db):
    return ecosystem_day_2021()


@pytest.fixture
def track(event):
    return TrackFactory(event=event, breakouts_start_at=at(9), breakouts_end_at=at(12))


@pytest.fixture
def room(event):
    return RoomFactory(event=event, name="Breakout room 1")


def slots_of(breakout):
    return [
        (
            slot.summary,
            slot.starts_at_before,
            slot.room_before,
            slot.starts_at_after,
            slot.room_after,
        )
        for slot in SlotChange.objects.filter(breakout=breakout).order_by("pk")
    ]


def test_scheduling_records_the_slot_in_the_draft_and_tells_nobody_before_the_release(
    event, track, room, organizer, queued_mail
):
    breakout = AcceptedBreakoutFactory(event=event, title="Profiling, live")

    item = schedule_breakout(breakout, track=track, room=room, starts_at=at(9), by=organizer)

    assert (item.starts_at, item.ends_at, item.room) == (at(9), at(9, 40), room)
    assert slots_of(breakout) == [("Scheduled", None, "", at(9), "Breakout room 1")]
    assert queued_mail == []


def test_moving_records_before_and_after(event, track, room, organizer):
    breakout = AcceptedBreakoutFactory(event=event, title="Profiling, live")
    schedule_breakout(breakout, track=track, room=room, starts_at=at(9), by=organizer)
    other_room = RoomFactory(event=event, name="Breakout room 2")

    move_breakout(breakout, track=track, room=other_room, starts_at=at(10), by=organizer)

    assert slots_of(breakout)[-1] == (
        "Moved",
        at(9),
        "Breakout room 1",
        at(10),
        "Breakout room 2",
    )


def test_moving_a_breakout_to_where_it_already_is_records_nothing(event, track, room, organizer):
    breakout = AcceptedBreakoutFactory(event=event)
    schedule_breakout(breakout, track=track, room=room, starts_at=at(9), by=organizer)

    move_breakout(breakout, track=track, room=room, starts_at=at(9), by=organizer)

    assert len(slots_of(breakout)) == 1


def test_taking_a_breakout_off_the_schedule_keeps_it_accepted_and_records_why(
    event, track, room, organizer
):
    breakout = AcceptedBreakoutFactory(event=event, title="Profiling, live")
    schedule_breakout(breakout, track=track, room=room, starts_at=at(9), by=organizer)

    unschedule_breakout(breakout, by=organizer, note="We need the room for a keynote.")

    breakout.refresh_from_db()
    assert breakout.status == "accepted"
    assert ScheduleItem.objects.filter(breakout=breakout).exists() is False
    assert slots_of(breakout)[-1] == ("Taken off the schedule", at(9), "Breakout room 1", None, "")
    assert SlotChange.objects.filter(breakout=breakout).last().note == (
        "We need the room for a keynote."
    )


@pytest.mark.parametrize("status", ["submitted", "waitlisted", "rejected", "withdrawn"])
def test_only_an_accepted_breakout_can_be_scheduled(event, track, room, organizer, status):
    breakout = BreakoutProposalFactory(event=event, status=status)

    with pytest.raises(ValidationError, match="Only accepted breakouts can be scheduled"):
        schedule_breakout(breakout, track=track, room=room, starts_at=at(9), by=organizer)

    assert ScheduleItem.objects.exists() is False
    assert SlotChange.objects.exists() is False


def test_a_scheduled_breakout_is_moved_not_scheduled_twice(event, track, room, organizer):
    breakout = AcceptedBreakoutFactory(event=event)
    schedule_breakout(breakout, track=track, room=room, starts_at=at(9), by=organizer)

    with pytest.raises(ValidationError, match="already scheduled: move it"):
        schedule_breakout(breakout, track=track, room=room, starts_at=at(10), by=organizer)

    assert ScheduleItem.objects.get().starts_at == at(9)


def test_rejecting_a_scheduled_breakout_records_that_it_left_the_schedule(
    event, track, room, organizer, queued_mail
):
    item = ScheduledBreakoutFactory(event=event, track=track, room=room, starts_at=at(9))

    change_breakout_status(item.breakout, "rejected", by=organizer)

    assert slots_of(item.breakout)[-1][0] == "Taken off the schedule"
    assert subjects(queued_mail) == [f"Your breakout was not accepted: {item.breakout.title}"]


def test_deleting_a_breakout_item_in_the_admin_takes_it_off_the_schedule_with_its_record(
    client, event, track, room, organizer, queued_mail
):
    breakout = AcceptedBreakoutFactory(event=event, title="Profiling, live")
    item = schedule_breakout(breakout, track=track, room=room, starts_at=at(9), by=organizer)
    client.force_login(organizer)

    response = client.post(f"/admin/breakouts/scheduleitem/{item.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert ScheduleItem.objects.exists() is False
    assert slots_of(breakout)[-1][0] == "Taken off the schedule"
    assert queued_mail == []  # the next release tells the presenter


def test_a_breakout_no_longer_accepted_is_never_shown_even_if_its_slot_were_left_behind(
    client, event, track, room
):
    """The second guard: public pages read only slots of accepted breakouts."""
    item = ScheduledBreakoutFactory(event=event, track=track, room=room, starts_at=at(9))
    BreakoutProposal.objects.filter(pk=item.breakout_id).update(status="withdrawn")

    schedule = client.get("/schedule/").content.decode()
    feed = json.loads(client.get("/schedule.json").content)
    speakers = client.get("/speakers/").content.decode()

    assert item.breakout.title not in schedule
    assert [entry["id"] for entry in feed["items"]] == []
    assert item.breakout.submitter.name not in speakers
    assert client.get(f"/schedule/{item.pk}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_an_admin_save_that_loses_a_race_to_a_withdrawal_says_so_and_saves_nothing():
    """The form checked the breakout; the presenter withdrew it before the save took its lock."""
    event = ecosystem_day_2021()
    track = TrackFactory(event=event, breakouts_start_at=at(9), breakouts_end_at=at(12))
    room = RoomFactory(event=event)
    breakout = AcceptedBreakoutFactory(event=event, title="Lost the race")
    organizer = Client()
    organizer.force_login(UserFactory(groups=["Organizers"]))
    withdrawing, withdrawn = threading.Event(), threading.Event()

    def presenter_withdraws_once_the_admin_waits():
        try:
            with transaction.atomic():
                lock_poster(breakout.poster_id)  # what the presenter's withdrawal takes first
                change_breakout_status(breakout, "withdrawn", by=breakout.submitter)
                withdrawing.set()
                wait_until_another_session_waits_for_a_lock()
            withdrawn.set()
        finally:
            withdrawing.set()  # never leave the admin waiting, even if the withdrawal failed
            connection.close()

    presenter = threading.Thread(target=presenter_withdraws_once_the_admin_waits)
    presenter.start()
    # The admin saves only once the presenter holds the lock: on a busy machine the thread
    # could otherwise start after the whole request.
    assert withdrawing.wait(timeout=30)
    response = organizer.post(
        "/admin/breakouts/scheduleitem/add/",
        {
            "event": event.pk,
            "kind": "breakout",
            "breakout": breakout.pk,
            "track": track.pk,
            "room": room.pk,
            "starts_at_0": "2021-04-21",
            "starts_at_1": "09:00",
            "speakers": [],
        },
    )
    presenter.join(timeout=30)

    assert withdrawn.is_set()
    assert response.status_code == 200  # the form again, with what the organizer typed
    form = response.context["adminform"].form
    assert form.non_field_errors() == ["Only accepted breakouts can be scheduled."]
    assert form["starts_at"].value() == ["2021-04-21", "09:00"]
    assert ScheduleItem.objects.exists() is False
    assert SlotChange.objects.exists() is False


def wait_until_another_session_waits_for_a_lock():
    """Poll PostgreSQL until some other backend of this database is blocked on a lock."""
    give_up_at = time.monotonic() + 30
    with connection.cursor() as cursor:
        while time.monotonic() < give_up_at:
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # else the first look is kept
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return
    raise AssertionError("the admin's save never waited for the presenter's lock")
