"""The schedule editor: the day's grid with the free slots, the accepted breakouts waiting for
one, and choosing a slot to place, move or unschedule a breakout, through the transitions."""

import re

import pytest

from sessions.breakout_settings import breakout_settings_for
from sessions.editor import board
from sessions.models import ScheduleItem, SlotChange
from sessions.releases import release_schedule
from sessions.services import schedule_breakout
from tests.admin_pages import _text
from tests.ecosystem_day.past_edition import PAST_NAME, two_editions
from tests.factories import (
    AcceptedBreakoutFactory,
    AcceptedPosterFactory,
    EventFactory,
    RoomFactory,
    ScheduleItemFactory,
    TrackFactory,
    UserFactory,
)
from tests.sessions.helpers import at, ecosystem_day_2021

EDITOR = "/admin/breakouts/scheduleitem/editor/"
# The admin's own (its event's zone, the session, the user, two for permissions), the edition,
# its sessions, rooms, items and waiting breakouts, the latest release and the draft against it
# (three), the editions: whatever the number of breakouts.
QUERIES = 15


@pytest.fixture
def day(db, organizer):
    """The morning session (breakouts 9:00–12:00, 40 minutes), two breakout rooms and the
    poster hall; Pia's "Profiling, live" at 9:00 in room 1; her second breakout and Carl's
    wait for a slot; the poster exhibition fills the poster hall."""
    event = ecosystem_day_2021()
    morning = TrackFactory(
        event=event, name="Morning (EMEA)", breakouts_start_at=at(9), breakouts_end_at=at(12)
    )
    hall = RoomFactory(event=event, name="Poster hall", position=0)
    room1 = RoomFactory(event=event, name="Breakout room 1", position=1)
    room2 = RoomFactory(event=event, name="Breakout room 2", position=2)
    ScheduleItemFactory(
        event=event,
        kind="posters",
        title="Poster exhibition",
        track=morning,
        room=hall,
        starts_at=at(9),
        ends_at=at(12),
    )
    pia = UserFactory(name="Pia Presenter")
    poster = AcceptedPosterFactory(event=event, submitter=pia)
    profiling = AcceptedBreakoutFactory(event=event, poster=poster, title="Profiling, live")
    second = AcceptedBreakoutFactory(event=event, poster=poster, title="Quantization Q&A")
    carl = AcceptedBreakoutFactory(event=event, title="Compilers for everyone")
    AcceptedBreakoutFactory(event=event, title="Not accepted", status="submitted")
    schedule_breakout(profiling, track=morning, room=room1, starts_at=at(9), by=organizer)
    return {
        "event": event,
        "morning": morning,
        "rooms": (hall, room1, room2),
        "profiling": profiling,
        "second": second,
        "carl": carl,
    }


def key(track, room, hour, minute=0):
    return f"{track.pk}-{room.pk}-{int(at(hour, minute).timestamp())}"


def options(page, breakout):
    """The slot buttons of a breakout's "Move…" or "Place…", as the organizer reads them."""
    card = re.search(rf'<div class="ed-card" id="breakout-{breakout.pk}".*?</form>', page, re.S)
    return [
        _text(button)
        for button in re.findall(
            r'<button[^>]*name="slot"[^>]*>(.*?)</button>', card.group(0), re.S
        )
    ]


def waiting(page):
    aside = re.search(r'<section class="ed-waiting".*?</section>', page, re.S).group(0)
    return [_text(title) for title in re.findall(r'<p class="ed-title">(.*?)</p>', aside, re.S)]


def test_the_grid_has_the_rooms_as_columns_what_is_booked_and_the_free_slots(
    client, organizer, day
):
    client.force_login(organizer)

    page = client.get(EDITOR).content.decode()

    heads = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', page, re.S)
    assert [_text(head) for head in heads] == [
        "Time PDT",
        "Poster hall",
        "Breakout room 1",
        "Breakout room 2",
    ]
    assert "Morning (EMEA): breakouts 09:00–12:00 PDT, 7 free slots" in _text(page)
    free = re.findall(r'<td rowspan="8" class="ed-free" data-slot="([\d-]+)">(.*?)</td>', page)
    morning, (_, room1, room2) = day["morning"], day["rooms"]
    assert [(slot, _text(text)) for slot, text in free] == [  # row by row, room by room
        (key(morning, room2, 9), "Free 09:00–09:40 PDT"),
        (key(morning, room1, 9, 40), "Free 09:40–10:20 PDT"),
        (key(morning, room2, 9, 40), "Free 09:40–10:20 PDT"),
        (key(morning, room1, 10, 20), "Free 10:20–11:00 PDT"),
        (key(morning, room2, 10, 20), "Free 10:20–11:00 PDT"),
        (key(morning, room1, 11), "Free 11:00–11:40 PDT"),
        (key(morning, room2, 11), "Free 11:00–11:40 PDT"),
    ]
    rowspans = re.findall(r'<td rowspan="(\d+)" class="ed-(?:item|free)', page)
    assert set(rowspans) == {"36", "8"}  # three hours and forty minutes, in 5-minute rows
    assert waiting(page) == ["Compilers for everyone", "Quantization Q&A"]


def test_each_breakout_is_offered_only_the_free_slots_it_may_take(client, organizer, day):
    client.force_login(organizer)

    page = client.get(EDITOR).content.decode()

    everything = [
        "09:00–09:40 PDT · Breakout room 2",
        "09:40–10:20 PDT · Breakout room 1",
        "09:40–10:20 PDT · Breakout room 2",
        "10:20–11:00 PDT · Breakout room 1",
        "10:20–11:00 PDT · Breakout room 2",
        "11:00–11:40 PDT · Breakout room 1",
        "11:00–11:40 PDT · Breakout room 2",
    ]
    assert options(page, day["carl"]) == everything
    # Pia presents Profiling at 9:00: her other breakout is not offered 9:00.
    assert options(page, day["second"]) == everything[1:]
    # Profiling itself may move anywhere free (its own presenter's time is its own).
    assert options(page, day["profiling"]) == everything
    assert "Not accepted" not in page


def test_choosing_a_free_slot_places_the_breakout_through_its_transition(client, organizer, day):
    client.force_login(organizer)
    morning, (_, _, room2) = day["morning"], day["rooms"]

    response = client.post(
        EDITOR, {"breakout": day["carl"].pk, "slot": key(morning, room2, 9)}, follow=True
    )

    item = ScheduleItem.objects.get(breakout=day["carl"])
    assert (item.room, item.starts_at, item.ends_at) == (room2, at(9), at(9, 40))
    assert [str(m) for m in response.context["messages"]] == [
        "“Compilers for everyone” is placed: Morning (EMEA), 09:00–09:40 PDT, Breakout room 2. "
        "Release the schedule to tell attendees and its presenter."
    ]
    assert SlotChange.objects.filter(breakout=day["carl"]).get().changed_by == organizer
    assert response.redirect_chain[-1][0].endswith(f"#breakout-{day['carl'].pk}")
    assert waiting(response.content.decode()) == ["Quantization Q&A"]


def test_choosing_a_slot_for_a_scheduled_breakout_moves_it(client, organizer, day):
    client.force_login(organizer)
    morning, (_, room1, _) = day["morning"], day["rooms"]

    response = client.post(
        EDITOR, {"breakout": day["profiling"].pk, "slot": key(morning, room1, 11)}, follow=True
    )

    item = ScheduleItem.objects.get(breakout=day["profiling"])
    assert (item.room, item.starts_at) == (room1, at(11))
    assert [str(m) for m in response.context["messages"]] == [
        "“Profiling, live” is moved: Morning (EMEA), 11:00–11:40 PDT, Breakout room 1. "
        "Release the schedule to tell attendees and its presenter."
    ]
    assert SlotChange.objects.filter(breakout=day["profiling"]).last().summary == "Moved"


def test_unschedule_takes_it_off_the_draft_and_it_waits_again(client, organizer, day):
    client.force_login(organizer)

    response = client.post(
        EDITOR, {"breakout": day["profiling"].pk, "unschedule": "on"}, follow=True
    )

    assert not ScheduleItem.objects.filter(breakout=day["profiling"]).exists()
    assert [str(m) for m in response.context["messages"]] == [
        "“Profiling, live” is off the draft schedule (still accepted). Release the schedule to "
        "tell attendees and its presenter."
    ]
    assert waiting(response.content.decode()) == [
        "Compilers for everyone",
        "Profiling, live",
        "Quantization Q&A",
    ]


def test_a_slot_taken_since_the_page_was_read_is_refused_with_what_happened(client, organizer, day):
    client.force_login(organizer)
    morning, (_, room1, _) = day["morning"], day["rooms"]

    response = client.post(
        EDITOR, {"breakout": day["carl"].pk, "slot": key(morning, room1, 9)}, follow=True
    )

    assert not ScheduleItem.objects.filter(breakout=day["carl"]).exists()
    assert [str(m) for m in response.context["messages"]] == [
        "“Compilers for everyone” was not placed: This room is already booked at that time. "
        "The editor now shows the slots free at this moment."
    ]


def test_a_slot_that_breaks_the_rules_is_refused_by_the_one_check_of_a_slot(client, organizer, day):
    client.force_login(organizer)
    morning, (_, _, room2) = day["morning"], day["rooms"]

    response = client.post(
        EDITOR, {"breakout": day["second"].pk, "slot": key(morning, room2, 9)}, follow=True
    )
    late = client.post(
        EDITOR, {"breakout": day["carl"].pk, "slot": key(morning, room2, 11, 40)}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "“Quantization Q&A” was not placed: The presenter already has a breakout at that time. "
        "The editor now shows the slots free at this moment."
    ]
    assert [str(m) for m in late.context["messages"]] == [
        "“Compilers for everyone” was not placed: Morning (EMEA) breakouts run from 09:00 to "
        "12:00 (America/Los_Angeles); this one would run 11:40–12:20. The editor now shows "
        "the slots free at this moment."
    ]
    assert ScheduleItem.objects.filter(kind="breakout").count() == 1


@pytest.mark.parametrize(
    "slot, breakout, said",
    [
        ("morning-room-9", None, "That is not a slot of the editor: choose one it lists."),
        ("1-2-99999999999", None, "That slot is not in this edition's sessions and rooms."),
        ("", None, "Choose a free slot."),
        (None, "x", "That breakout is not one of this edition's."),
        (None, "999999", "That breakout is not one of this edition's."),
    ],
)
def test_a_choice_the_editor_never_offered_changes_nothing_and_says_why(
    client, organizer, day, slot, breakout, said
):
    client.force_login(organizer)
    free = key(day["morning"], day["rooms"][2], 9)

    response = client.post(
        EDITOR,
        {"breakout": breakout or day["carl"].pk, "slot": free if slot is None else slot},
        follow=True,
    )

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [f"Nothing was changed: {said}"]
    assert ScheduleItem.objects.filter(kind="breakout").count() == 1


def test_another_editions_room_is_not_a_slot_of_this_one(client, organizer, day):
    other = EventFactory(is_current=False)
    client.force_login(organizer)
    elsewhere = RoomFactory(event=other)

    response = client.post(
        EDITOR,
        {"breakout": day["carl"].pk, "slot": key(day["morning"], elsewhere, 9)},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Nothing was changed: That slot is not in this edition's sessions and rooms."
    ]


def test_times_are_in_the_events_zone_and_in_the_organizers_own(client, organizer, day):
    organizer.time_zone = "Asia/Tokyo"
    organizer.save()
    client.force_login(organizer)

    page = _text(client.get(EDITOR).content.decode())

    assert "Times in America/Los_Angeles, the event's zone; in brackets in Asia/Tokyo" in page
    assert "09:00–09:40 PDT (Thu 01:00–01:40 JST) · Breakout room 2" in page
    assert "Time PDT (JST)" in page


def test_the_release_is_one_link_away_with_what_is_waiting(client, organizer, day):
    client.force_login(organizer)

    page = client.get(EDITOR).content.decode()

    assert "The schedule has never been released." in page
    release = f"/admin/breakouts/schedulerelease/add/?event={day['event'].pk}"
    assert (
        "<strong>2 changes not yet released.</strong> "  # the exhibition and Profiling
        f'<a class="ed-release-link" href="{release}">Release…</a>' in page
    )
    release_schedule(day["event"], by=organizer)
    assert "The draft is what attendees see." in client.get(EDITOR).content.decode()


def test_reviewers_may_not_open_the_editor(client, reviewer, day):
    client.force_login(reviewer)

    assert client.get(EDITOR).status_code == 403
    assert client.post(EDITOR, {"breakout": day["carl"].pk}).status_code == 403


def test_the_schedule_items_list_links_to_the_editor(client, organizer, day):
    client.force_login(organizer)

    page = client.get("/admin/breakouts/scheduleitem/").content.decode()

    assert f'<a href="{EDITOR}">Schedule editor</a>' in page


def test_a_past_edition_is_shown_as_it_was_and_offers_no_move(client, organizer, submitter):
    editions = two_editions(submitter, organizer)
    client.force_login(organizer)
    url = f"{EDITOR}?event={editions.past.pk}"

    page = client.get(url).content.decode()
    refused = client.post(url, {"breakout": editions.breakout.pk, "unschedule": "on"})

    assert f"{PAST_NAME} is a past edition: it is read-only." in page
    assert editions.breakout.title in page
    assert "<form" not in page.split('id="content-main"')[1]
    assert "draggable" not in page and "Release…" not in page
    assert (refused.status_code, ScheduleItem.objects.filter(pk=editions.item.pk).count()) == (
        403,
        1,
    )
    assert f"{PAST_NAME} is a past edition: it is read-only." in refused.content.decode()


def many_breakouts(event, count):
    """`count` accepted breakouts of as many presenters: half in the day's slots (two sessions,
    five rooms), half waiting for one."""
    tracks = [
        TrackFactory(event=event, breakouts_start_at=at(8), breakouts_end_at=at(12, 40)),
        TrackFactory(event=event, breakouts_start_at=at(14), breakouts_end_at=at(18, 40)),
    ]
    rooms = [RoomFactory(event=event, name=f"Breakout room {n}", position=n) for n in range(5)]
    slots = [
        (track, room, track.breakout_window.starts_at + n * breakout_settings_for(event).length)
        for track in tracks
        for n in range(7)
        for room in rooms
    ]
    organizer = UserFactory(groups=["Organizers"])
    for n in range(count):
        breakout = AcceptedBreakoutFactory(event=event, title=f"Breakout {n:03}")
        if n % 2 == 0:
            track, room, starts_at = slots[n // 2]
            schedule_breakout(breakout, track=track, room=room, starts_at=starts_at, by=organizer)


@pytest.mark.parametrize("count", [10, 100])
def test_the_editor_reads_a_fixed_number_of_queries_at_10_and_100_breakouts(
    client, organizer, django_assert_num_queries, count
):
    event = ecosystem_day_2021()
    many_breakouts(event, count)
    client.force_login(organizer)
    client.get(EDITOR)  # the session and the current edition, read once before

    with django_assert_num_queries(QUERIES):
        page = client.get(EDITOR).content.decode()

    assert page.count('class="ed-card"') == count


def test_items_at_odd_minutes_or_beyond_the_window_keep_every_row_of_a_room_drawn_once(
    organizer,
):
    event = ecosystem_day_2021()
    track = TrackFactory(event=event, breakouts_start_at=at(9), breakouts_end_at=at(12))
    room = RoomFactory(event=event, name="Main stage")
    for title, starts_at, ends_at in [
        ("Opening talks", at(8, 30), at(9, 12)),
        ("Keynote", at(9, 12), at(9, 50)),
    ]:
        ScheduleItemFactory(
            event=event,
            kind="keynote",
            title=title,
            track=track,
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
        )

    (session,) = board(event, organizer).sessions

    drawn = [
        (index, cell.rows, cell.item.title if cell.item else "free" if cell.slot else "")
        for index, row in enumerate(session.rows)
        for cell in row.cells
        if cell.item or cell.slot
    ]
    assert drawn == [
        (0, 3, "Opening talks"),  # from the window's start (it began at 8:30) to 9:15
        (3, 7, "Keynote"),  # 9:12 falls in the row the talks end in: it starts after them
        (16, 8, "free"),  # 10:20–11:00
        (24, 8, "free"),  # 11:00–11:40 (11:40–12:00 is too short for a breakout)
    ]
    assert sum(cell.rows for row in session.rows for cell in row.cells) == len(session.rows) == 36


def test_without_an_edition_to_show_the_editor_says_what_to_do(client, organizer):
    client.force_login(organizer)

    none_yet = client.get(EDITOR, follow=True)
    garbled = client.get(EDITOR, {"event": "2021"[::-1] + "x"}, follow=True)

    assert [str(m) for m in none_yet.context["messages"]] == [
        "There is no current edition yet: create the event."
    ]
    assert [str(m) for m in garbled.context["messages"]] == [
        "That is not an edition: choose one from the list."
    ]
    assert client.get(EDITOR, {"event": "999999"}).status_code == 404
