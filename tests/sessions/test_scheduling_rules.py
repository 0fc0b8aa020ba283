"""One check of a slot: a session's window and the event's breakout length hold for every
scheduled breakout, whichever of them changes, and a release never publishes a broken slot.

Changing a window or the length re-checks every breakout it constrains: the change is
refused, naming each breakout it would break with its times in the event's zone, or (a new
length) every breakout follows it, each with a line in its slot history.
"""

import pytest
from django.core.exceptions import ValidationError

from ecosystem_day.event.models import Track
from sessions.breakout_settings import BreakoutSettings
from sessions.breakout_window import BreakoutWindow
from sessions.models import BreakoutProposal, ScheduleItem, SlotChange
from sessions.services import change_breakout_length, move_breakout, schedule_breakout
from sessions.slots import BrokenSlots
from sessions.window_changes import change_breakout_window
from tests.factories import AcceptedBreakoutFactory, AcceptedPosterFactory, RoomFactory
from tests.sessions.helpers import (
    admin_form_as_is,
    at,
    ecosystem_day_2021,
    morning_and_evening,
)

NOTHING_CHANGED = "Nothing was changed: these scheduled breakouts would break the rules. "
NOTHING_CHANGED += "Move them first:"


@pytest.fixture
def event(db):
    return ecosystem_day_2021()


@pytest.fixture
def tracks(event):
    return morning_and_evening(event)


@pytest.fixture
def morning(tracks):
    return tracks[0]


@pytest.fixture
def rooms(event):
    return [RoomFactory(event=event, name=f"Breakout room {n}") for n in (1, 2)]


def place(event, track, room, starts_at, organizer, title="Profiling, live", poster=None):
    owner = {"poster": poster} if poster else {}
    breakout = AcceptedBreakoutFactory(event=event, title=title, **owner)
    return schedule_breakout(breakout, track=track, room=room, starts_at=starts_at, by=organizer)


def slots_of(item):
    return [
        (slot.summary, slot.starts_at_before, slot.starts_at_after, slot.note)
        for slot in SlotChange.objects.filter(breakout=item.breakout_id).order_by("pk")
    ]


def window_of(track):
    window = BreakoutWindow.objects.get(track=track)
    return (window.starts_at, window.ends_at)


def times_of(item):
    item.refresh_from_db()
    return (item.starts_at, item.ends_at)


# A session's window


def test_a_window_that_would_leave_a_scheduled_breakout_outside_is_refused_naming_it(
    event, morning, rooms, organizer
):
    early = place(event, morning, rooms[0], at(9), organizer, title="Profiling, live")
    place(event, morning, rooms[1], at(10), organizer, title="Inside either way")

    with pytest.raises(BrokenSlots) as refusal:
        change_breakout_window(morning, starts_at=at(9, 30), ends_at=at(12), by=organizer)

    assert refusal.value.messages == [
        NOTHING_CHANGED,
        "“Profiling, live”, 09:00–09:40 (America/Los_Angeles) in Breakout room 1: "
        "Morning (EMEA) breakouts run from 09:30 to 12:00 (America/Los_Angeles); "
        "this one would run 09:00–09:40.",
    ]
    assert window_of(morning) == (at(9), at(12))
    assert times_of(early) == (at(9), at(9, 40))


def test_a_window_that_keeps_every_scheduled_breakout_inside_is_saved(
    event, morning, rooms, organizer
):
    item = place(event, morning, rooms[0], at(10), organizer)

    change_breakout_window(morning, starts_at=at(9, 30), ends_at=at(11), by=organizer)

    assert window_of(morning) == (at(9, 30), at(11))
    assert times_of(item) == (at(10), at(10, 40))
    assert len(slots_of(item)) == 1  # a window change moves nobody


def test_the_other_sessions_breakouts_do_not_hold_a_window_back(event, tracks, rooms, organizer):
    morning, evening = tracks
    place(event, evening, rooms[0], at(15), organizer)

    change_breakout_window(morning, starts_at=at(10), ends_at=at(11), by=organizer)

    assert window_of(morning) == (at(10), at(11))


def test_the_admin_refuses_a_window_that_leaves_a_breakout_outside_and_says_which(
    client, event, morning, rooms, organizer
):
    place(event, morning, rooms[0], at(11, 20), organizer, title="Last slot of the morning")
    client.force_login(organizer)
    url = f"/admin/ecosystem_day/track/{morning.pk}/change/"
    form = admin_form_as_is(client, url)

    response = client.post(url, {**form, "breakout_window-0-ends_at_1": "11:30", "name": "Morning"})

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        NOTHING_CHANGED,
        "“Last slot of the morning”, 11:20–12:00 (America/Los_Angeles) in Breakout room 1: "
        "Morning breakouts run from 09:00 to 11:30 (America/Los_Angeles); "
        "this one would run 11:20–12:00.",
    ]
    assert window_of(morning) == (at(9), at(12))
    assert Track.objects.get(pk=morning.pk).name == "Morning (EMEA)"  # nothing saved


def test_the_admin_saves_a_window_every_breakout_still_fits(
    client, event, morning, rooms, organizer
):
    place(event, morning, rooms[0], at(10), organizer)
    client.force_login(organizer)
    url = f"/admin/ecosystem_day/track/{morning.pk}/change/"
    form = admin_form_as_is(client, url)

    response = client.post(url, {**form, "breakout_window-0-starts_at_1": "09:30"})

    assert response.status_code == 302
    assert window_of(morning) == (at(9, 30), at(12))


# The event's breakout length


def test_a_new_length_re_times_every_scheduled_breakout_with_its_history(
    event, tracks, rooms, organizer
):
    morning, evening = tracks
    first = place(event, morning, rooms[0], at(9), organizer, title="First")
    second = place(event, evening, rooms[1], at(15, 30), organizer, title="Second")

    change_breakout_length(event.breakout_settings, minutes=60, by=organizer)

    assert BreakoutSettings.objects.get(event=event).minutes == 60
    assert times_of(first) == (at(9), at(10))
    assert times_of(second) == (at(15, 30), at(16, 30))
    assert slots_of(first)[-1] == (
        "Length changed",
        at(9),
        at(9),
        "Breakouts now last 60 minutes (they lasted 40): this one runs 09:00–10:00 "
        "(America/Los_Angeles).",
    )
    assert SlotChange.objects.get(breakout=first.breakout, note__contains="60").changed_by == (
        organizer
    )


def test_a_shorter_length_re_times_them_too(event, morning, rooms, organizer):
    item = place(event, morning, rooms[0], at(11, 20), organizer)

    change_breakout_length(event.breakout_settings, minutes=30, by=organizer)

    assert times_of(item) == (at(11, 20), at(11, 50))


def test_a_length_that_would_push_breakouts_out_of_their_window_or_into_each_other_is_refused(
    event, morning, rooms, organizer
):
    last = place(event, morning, rooms[0], at(11, 20), organizer, title="Last of the morning")
    place(event, morning, rooms[1], at(9), organizer, title="Nine o'clock")
    place(event, morning, rooms[1], at(9, 40), organizer, title="Twenty to ten")

    with pytest.raises(BrokenSlots) as refusal:
        change_breakout_length(event.breakout_settings, minutes=60, by=organizer)

    assert refusal.value.messages == [
        NOTHING_CHANGED,
        "“Nine o'clock”, 09:00–10:00 (America/Los_Angeles) in Breakout room 2: "
        "This room is already booked at that time.",
        "“Last of the morning”, 11:20–12:20 (America/Los_Angeles) in Breakout room 1: "
        "Morning (EMEA) breakouts run from 09:00 to 12:00 (America/Los_Angeles); "
        "this one would run 11:20–12:20.",
    ]
    assert BreakoutSettings.objects.get(event=event).minutes == 40
    assert times_of(last) == (at(11, 20), at(12))
    assert SlotChange.objects.filter(note__contains="60").exists() is False


def test_a_length_that_would_give_a_presenter_two_breakouts_at_once_is_refused(
    event, tracks, rooms, organizer
):
    morning, _evening = tracks
    poster = AcceptedPosterFactory(event=event)
    place(event, morning, rooms[0], at(9), organizer, title="Part one", poster=poster)
    place(event, morning, rooms[1], at(9, 40), organizer, title="Part two", poster=poster)

    with pytest.raises(BrokenSlots) as refusal:
        change_breakout_length(event.breakout_settings, minutes=45, by=organizer)

    assert refusal.value.messages == [
        NOTHING_CHANGED,
        "“Part one”, 09:00–09:45 (America/Los_Angeles) in Breakout room 1: "
        "The presenter already has a breakout at that time.",
    ]


def test_the_admin_refuses_a_length_that_breaks_a_breakout_and_says_which(
    client, event, morning, rooms, organizer
):
    place(event, morning, rooms[0], at(11, 20), organizer, title="Last of the morning")
    client.force_login(organizer)
    url = f"/admin/ecosystem_day/event/{event.pk}/change/"
    form = admin_form_as_is(client, url)

    response = client.post(url, {**form, "breakout_settings-0-minutes": "60", "tagline": "New"})

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        NOTHING_CHANGED,
        "“Last of the morning”, 11:20–12:20 (America/Los_Angeles) in Breakout room 1: "
        "Morning (EMEA) breakouts run from 09:00 to 12:00 (America/Los_Angeles); "
        "this one would run 11:20–12:20.",
    ]
    event.refresh_from_db()
    assert (BreakoutSettings.objects.get(event=event).minutes, event.tagline) == (40, "")


def test_the_admin_saves_a_length_and_the_breakouts_follow(
    client, event, morning, rooms, organizer
):
    item = place(event, morning, rooms[0], at(9), organizer)
    client.force_login(organizer)
    url = f"/admin/ecosystem_day/event/{event.pk}/change/"
    form = admin_form_as_is(client, url)

    response = client.post(url, {**form, "breakout_settings-0-minutes": "50"})

    assert response.status_code == 302
    assert times_of(item) == (at(9), at(9, 50))
    assert [summary for summary, *_ in slots_of(item)] == ["Scheduled", "Length changed"]


# An edit of an item never changes its length


def test_saving_an_item_again_never_stretches_it_to_a_length_set_behind_its_back(
    event, morning, rooms, organizer
):
    """What happened: the length went from 40 to 60 without the transition, then an unrelated
    edit of an item silently stretched it, with no slot history."""
    item = place(event, morning, rooms[0], at(9), organizer)
    BreakoutSettings.objects.filter(event=event).update(minutes=60)

    item = ScheduleItem.objects.get(pk=item.pk)
    item.recording_url = "https://video.example.org/profiling"
    item.save()

    assert times_of(item) == (at(9), at(9, 40))


def test_the_admin_refuses_to_edit_an_item_whose_length_is_no_longer_the_events_and_says_so(
    client, event, morning, rooms, organizer
):
    item = place(event, morning, rooms[0], at(9), organizer)
    BreakoutSettings.objects.filter(event=event).update(minutes=60)
    client.force_login(organizer)
    url = f"/admin/breakouts/scheduleitem/{item.pk}/change/"
    form = admin_form_as_is(client, url)

    response = client.post(url, {**form, "title": "Renamed"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "ends_at": ["Breakouts last 60 minutes; this one runs 09:00–09:40 (40 minutes): move it."]
    }
    assert times_of(item) == (at(9), at(9, 40))


def test_the_admin_moving_a_breakout_gives_it_the_events_length_with_its_history(
    client, event, morning, rooms, organizer
):
    item = place(event, morning, rooms[0], at(9), organizer)
    BreakoutSettings.objects.filter(event=event).update(minutes=60)
    client.force_login(organizer)
    url = f"/admin/breakouts/scheduleitem/{item.pk}/change/"
    form = admin_form_as_is(client, url)

    response = client.post(url, {**form, "starts_at_1": "10:00"})

    assert response.status_code == 302
    assert times_of(item) == (at(10), at(11))
    assert [summary for summary, *_ in slots_of(item)] == ["Scheduled", "Moved"]


def test_the_admin_ignores_an_end_typed_for_a_scheduled_breakout(
    client, event, morning, rooms, organizer
):
    item = place(event, morning, rooms[0], at(9), organizer)
    client.force_login(organizer)
    url = f"/admin/breakouts/scheduleitem/{item.pk}/change/"
    form = admin_form_as_is(client, url)

    response = client.post(url, {**form, "ends_at_0": "2021-04-21", "ends_at_1": "11:00"})

    assert response.status_code == 302
    assert times_of(item) == (at(9), at(9, 40))


# The one check, used by the model and the transitions


def test_the_model_and_the_transitions_give_the_same_reasons(event, morning, rooms, organizer):
    item = place(event, morning, rooms[0], at(9), organizer)
    BreakoutSettings.objects.filter(event=event).update(minutes=60)
    item = ScheduleItem.objects.get(pk=item.pk)

    with pytest.raises(ValidationError) as by_the_model:
        item.full_clean()
    move_breakout(item.breakout, track=morning, room=rooms[0], starts_at=at(11), by=organizer)

    assert by_the_model.value.message_dict == {
        "ends_at": ["Breakouts last 60 minutes; this one runs 09:00–09:40 (40 minutes): move it."]
    }
    assert times_of(item) == (at(11), at(12))
    with pytest.raises(ValidationError) as by_the_transition:
        move_breakout(
            item.breakout, track=morning, room=rooms[0], starts_at=at(11, 30), by=organizer
        )
    assert by_the_transition.value.message_dict == {
        "starts_at": [
            "Morning (EMEA) breakouts run from 09:00 to 12:00 (America/Los_Angeles); "
            "this one would run 11:30–12:30."
        ]
    }


def test_the_admin_says_why_it_refuses_to_edit_an_item_whose_breakout_is_no_longer_accepted(
    client, event, morning, rooms, organizer
):
    """The breakout is not a field of a scheduled item's form: the reason goes on top."""
    item = place(event, morning, rooms[0], at(9), organizer)
    BreakoutProposal.objects.filter(pk=item.breakout_id).update(status="withdrawn")
    client.force_login(organizer)
    url = f"/admin/breakouts/scheduleitem/{item.pk}/change/"
    form = admin_form_as_is(client, url)

    response = client.post(url, {**form, "title": "Renamed"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "__all__": ["Only accepted breakouts can be scheduled."]
    }
    assert ScheduleItem.objects.get(pk=item.pk).title == ""
