"""A window or the length changed while an organizer schedules into it, twenty rounds each.

Placing a breakout locks its session's row first; changing a window locks that row, and a
new length locks every session's row of the event. So one of the two waits for the other
and checks what it committed: whichever order PostgreSQL picks, no breakout is left outside
its window or at another length than the event's, one of the two is refused, and neither
dies of `deadlock detected`.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from ecosystem_day.event.models import Event, Track
from sessions.breakout_settings import BreakoutSettings, breakout_settings_for
from sessions.breakout_window import BreakoutWindow
from sessions.models import ScheduleItem
from sessions.services import change_breakout_length, move_breakout, schedule_breakout
from sessions.window_changes import change_breakout_window
from tests.factories import AcceptedBreakoutFactory, RoomFactory, TrackFactory, UserFactory
from tests.races import named, run_together
from tests.sessions.helpers import at, ecosystem_day_2021

ROUNDS = 20

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stage():
    event = ecosystem_day_2021()
    return {
        "event": event,
        "track": TrackFactory(event=event, breakouts_start_at=at(9), breakouts_end_at=at(12)),
        "room": RoomFactory(event=event),
        "organizer": UserFactory(groups=["Organizers"]),
    }


def breakouts_outside_their_window(event):
    event = Event.objects.get(pk=event.pk)
    return [
        item.breakout.title
        for item in ScheduleItem.objects.filter(event=event, kind="breakout").select_related(
            "track__breakout_window", "breakout"
        )
        if item.starts_at < item.track.breakout_window.starts_at
        or item.ends_at > item.track.breakout_window.ends_at
        or item.ends_at - item.starts_at != breakout_settings_for(event).length
    ]


def test_narrowing_a_window_while_a_breakout_is_scheduled_into_what_it_leaves_out(stage):
    event, track, room, organizer = (stage[k] for k in ("event", "track", "room", "organizer"))
    seen = set()
    for n in range(ROUNDS):
        BreakoutWindow.objects.filter(track=track).update(starts_at=at(9), ends_at=at(12))
        ScheduleItem.objects.filter(event=event).delete()
        breakout = AcceptedBreakoutFactory(event=event, title=f"R{n}")
        stale = Track.objects.get(pk=track.pk)  # as each organizer's form read it

        narrow, place = run_together(
            lambda t=stale: change_breakout_window(
                t, starts_at=at(10), ends_at=at(12), by=organizer
            ),
            lambda b=breakout, t=stale: schedule_breakout(
                b, track=t, room=room, starts_at=at(9), by=organizer
            ),
        )

        outcome = (named(narrow, ValidationError), named(place, ValidationError))
        seen.add(outcome)
        assert outcome in {("done", "ValidationError"), ("BrokenSlots", "done")}
        assert breakouts_outside_their_window(event) == []
        placed = ScheduleItem.objects.filter(breakout=breakout).exists()
        window = BreakoutWindow.objects.get(track=track)
        assert (placed, window.starts_at) == (
            (False, at(10)) if outcome[0] == "done" else (True, at(9))
        )
    print("outcomes seen:", sorted(seen))


def test_moving_a_breakout_while_its_window_narrows(stage):
    event, track, room, organizer = (stage[k] for k in ("event", "track", "room", "organizer"))
    for n in range(ROUNDS):
        BreakoutWindow.objects.filter(track=track).update(starts_at=at(9), ends_at=at(12))
        ScheduleItem.objects.filter(event=event).delete()
        breakout = AcceptedBreakoutFactory(event=event, title=f"R{n}")
        schedule_breakout(breakout, track=track, room=room, starts_at=at(10), by=organizer)
        stale = Track.objects.get(pk=track.pk)

        narrow, move = run_together(
            lambda t=stale: change_breakout_window(
                t, starts_at=at(10), ends_at=at(12), by=organizer
            ),
            lambda b=breakout, t=stale: move_breakout(
                b, track=t, room=room, starts_at=at(9, 20), by=organizer
            ),
        )

        outcome = (named(narrow, ValidationError), named(move, ValidationError))
        assert outcome in {("done", "ValidationError"), ("BrokenSlots", "done")}
        assert breakouts_outside_their_window(event) == []


def test_lengthening_breakouts_while_one_is_scheduled_at_the_end_of_the_window(stage):
    event, track, room, organizer = (stage[k] for k in ("event", "track", "room", "organizer"))
    seen = set()
    for n in range(ROUNDS):
        BreakoutSettings.objects.filter(event=event).update(minutes=40)
        ScheduleItem.objects.filter(event=event).delete()
        breakout = AcceptedBreakoutFactory(event=event, title=f"R{n}")
        stale = BreakoutSettings.objects.get(event=event)  # as the organizer's form read it

        lengthen, place = run_together(
            lambda s=stale: change_breakout_length(s, minutes=60, by=organizer),
            lambda b=breakout: schedule_breakout(
                b, track=track, room=room, starts_at=at(11, 20), by=organizer
            ),
        )

        outcome = (named(lengthen, ValidationError), named(place, ValidationError))
        seen.add(outcome)
        assert outcome in {("done", "ValidationError"), ("BrokenSlots", "done")}
        assert breakouts_outside_their_window(event) == []
        minutes = BreakoutSettings.objects.get(event=event).minutes
        assert minutes == (60 if outcome[0] == "done" else 40)
    print("outcomes seen:", sorted(seen))


def test_lengthening_breakouts_while_one_is_scheduled_where_it_still_fits(stage):
    """Both succeed, in either order, and the new breakout has the new length either way."""
    event, track, room, organizer = (stage[k] for k in ("event", "track", "room", "organizer"))
    for n in range(ROUNDS):
        BreakoutSettings.objects.filter(event=event).update(minutes=40)
        ScheduleItem.objects.filter(event=event).delete()
        breakout = AcceptedBreakoutFactory(event=event, title=f"R{n}")
        stale = BreakoutSettings.objects.get(event=event)  # as the organizer's form read it

        lengthen, place = run_together(
            lambda s=stale: change_breakout_length(s, minutes=60, by=organizer),
            lambda b=breakout: schedule_breakout(
                b, track=track, room=room, starts_at=at(9), by=organizer
            ),
        )

        assert (named(lengthen), named(place)) == ("done", "done")
        item = ScheduleItem.objects.get(breakout=breakout)
        assert item.ends_at - item.starts_at == timedelta(minutes=60)


def test_lengthening_breakouts_while_one_is_moved_to_the_end_of_the_window(stage):
    """The move holds the breakout's slot and the new length re-times slots: both take the
    session's row first, so neither holds a slot the other waits for."""
    event, track, room, organizer = (stage[k] for k in ("event", "track", "room", "organizer"))
    for n in range(ROUNDS):
        BreakoutSettings.objects.filter(event=event).update(minutes=40)
        ScheduleItem.objects.filter(event=event).delete()
        breakout = AcceptedBreakoutFactory(event=event, title=f"R{n}")
        schedule_breakout(breakout, track=track, room=room, starts_at=at(9), by=organizer)
        stale = BreakoutSettings.objects.get(event=event)  # as the organizer's form read it

        lengthen, move = run_together(
            lambda s=stale: change_breakout_length(s, minutes=60, by=organizer),
            lambda b=breakout: move_breakout(
                b, track=track, room=room, starts_at=at(11, 20), by=organizer
            ),
        )

        outcome = (named(lengthen, ValidationError), named(move, ValidationError))
        assert outcome in {("done", "ValidationError"), ("BrokenSlots", "done")}
        assert breakouts_outside_their_window(event) == []
