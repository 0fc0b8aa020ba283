"""A release refuses a draft that breaks the scheduling rules, and says which items.

The transitions keep the draft within the rules; this is the last guard, for rows changed
behind their back (a data migration, a shell, the time before this check existed).
"""

import pytest

from sessions.breakout_window import BreakoutWindow
from sessions.models import ScheduleItem, ScheduleRelease
from sessions.releases import release_schedule
from sessions.services import change_breakout_length
from sessions.slots import BrokenSlots
from tests.admin_pages import messages_shown
from tests.factories import RoomFactory
from tests.sessions.helpers import at, ecosystem_day_2021, morning_and_evening
from tests.sessions.test_scheduling_rules import place


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


def test_a_release_refuses_a_draft_that_breaks_the_rules_and_names_the_items(
    event, tracks, rooms, organizer
):
    morning, evening = tracks
    place(event, morning, rooms[0], at(9), organizer, title="Early bird")
    place(event, evening, rooms[0], at(15), organizer, title="Fine")
    stale = place(event, morning, rooms[1], at(10), organizer, title="Stale length")
    # Rows changed behind the transitions' back, as before this check existed.
    BreakoutWindow.objects.filter(track=morning).update(starts_at=at(9, 30))
    ScheduleItem.objects.filter(pk=stale.pk).update(ends_at=at(10, 30))

    with pytest.raises(BrokenSlots) as refusal:
        release_schedule(event, by=organizer)

    assert refusal.value.messages == [
        "The draft breaks the scheduling rules, so it was not released. Fix these items first:",
        "“Early bird”, 09:00–09:40 (America/Los_Angeles) in Breakout room 1: "
        "Morning (EMEA) breakouts run from 09:30 to 12:00 (America/Los_Angeles); "
        "this one would run 09:00–09:40.",
        "“Stale length”, 10:00–10:30 (America/Los_Angeles) in Breakout room 2: "
        "Breakouts last 40 minutes; this one runs 10:00–10:30 (30 minutes): move it.",
    ]
    assert ScheduleRelease.objects.exists() is False


def test_the_release_page_says_which_items_break_the_rules_and_releases_nothing(
    client, event, morning, rooms, organizer, queued_mail
):
    place(event, morning, rooms[0], at(9), organizer, title="Early bird")
    BreakoutWindow.objects.filter(track=morning).update(starts_at=at(9, 30))
    client.force_login(organizer)

    response = client.post(
        f"/admin/breakouts/schedulerelease/add/?event={event.pk}", {"note": ""}, follow=True
    )

    assert messages_shown(response) == [
        (
            30,
            "The draft breaks the scheduling rules, so it was not released. Fix these items "
            "first: “Early bird”, 09:00–09:40 (America/Los_Angeles) in Breakout room 1: "
            "Morning (EMEA) breakouts run from 09:30 to 12:00 (America/Los_Angeles); "
            "this one would run 09:00–09:40.",
        )
    ]
    assert ScheduleRelease.objects.exists() is False
    assert queued_mail == []


def test_a_draft_that_keeps_the_rules_is_released(event, morning, rooms, organizer):
    place(event, morning, rooms[0], at(9), organizer)
    change_breakout_length(event.breakout_settings, minutes=30, by=organizer)

    release = release_schedule(event, by=organizer)

    assert [(i["starts_at"], i["ends_at"]) for i in release.programme["items"]] == [
        ("2021-04-21T16:00:00Z", "2021-04-21T16:30:00Z")
    ]
