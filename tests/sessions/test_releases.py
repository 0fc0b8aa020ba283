"""Schedule releases: organizers rearrange a draft; a release publishes it, with a change
log, and tells each presenter once about their own changed slots."""

import pytest

from sessions.models import ScheduleRelease
from sessions.releases import NothingToRelease, changes_between, release_schedule, snapshot
from sessions.services import move_breakout, schedule_breakout, unschedule_breakout
from sessions.snapshot import read_snapshot
from tests.factories import AcceptedBreakoutFactory, RoomFactory, ScheduleItemFactory, TrackFactory
from tests.mail import subjects
from tests.sessions.helpers import at, ecosystem_day_2021


@pytest.fixture
def event(db):
    return ecosystem_day_2021()


@pytest.fixture
def track(event):
    return TrackFactory(event=event, name="Morning (EMEA)")


@pytest.fixture
def rooms(event):
    return [RoomFactory(event=event, name=f"Breakout room {n}", position=n) for n in (1, 2)]


def place(breakout, track, room, hour, organizer, minute=0):
    return schedule_breakout(
        breakout, track=track, room=room, starts_at=at(hour, minute), by=organizer
    )


def test_placing_and_moving_breakouts_emails_nobody_until_the_release(
    event, track, rooms, organizer, queued_mail
):
    breakout = AcceptedBreakoutFactory(event=event, title="Profiling, live")
    place(breakout, track, rooms[0], 9, organizer)
    move_breakout(breakout, track=track, room=rooms[1], starts_at=at(10), by=organizer)

    assert queued_mail == []


def test_the_first_release_lists_every_item_as_added_and_tells_each_presenter_once(
    event, track, rooms, organizer, queued_mail
):
    first = AcceptedBreakoutFactory(event=event, title="Profiling, live")
    second = AcceptedBreakoutFactory(event=event, title="Tensors at scale")
    place(first, track, rooms[0], 9, organizer)
    place(second, track, rooms[1], 9, organizer)
    ScheduleItemFactory(event=event, title="Networking")

    release = release_schedule(event, by=organizer, note="The day, at last.")

    assert release.number == 1
    assert [(change["what"], change["title"]) for change in release.changes] == [
        ("added", "Networking"),
        ("added", "Profiling, live"),
        ("added", "Tensors at scale"),
    ]
    assert (
        sorted(subjects(queued_mail))
        == ["The schedule changed for your breakout: PyTorch Ecosystem Day, version 1"] * 2
    )
    body = next(m.body for m in queued_mail if m.to == [first.submitter.email])
    assert (
        "• Profiling, live: now on the schedule: Wednesday, April 21, 2021, 9:00 AM–9:40 AM" in body
    )
    assert "Tensors at scale" not in body
    assert "From the organizers: The day, at last." in body


def test_a_later_release_logs_moves_additions_and_cancellations_with_old_and_new_times(
    event, track, rooms, organizer, queued_mail
):
    moved = AcceptedBreakoutFactory(event=event, title="Moved")
    kept = AcceptedBreakoutFactory(event=event, title="Kept")
    cancelled = AcceptedBreakoutFactory(event=event, title="Cancelled")
    for breakout, room in ((moved, rooms[0]), (kept, rooms[1])):
        place(breakout, track, room, 9, organizer)
    place(cancelled, track, rooms[0], 10, organizer)
    release_schedule(event, by=organizer)
    move_breakout(moved, track=track, room=rooms[1], starts_at=at(11), by=organizer)
    unschedule_breakout(cancelled, by=organizer)
    added = AcceptedBreakoutFactory(event=event, title="Added")
    place(added, track, rooms[0], 9, organizer)
    before = len(queued_mail)

    release = release_schedule(event, by=organizer)

    assert release.number == 2
    log = {change["title"]: change for change in release.changes}
    assert set(log) == {"Moved", "Cancelled", "Added"}
    assert (
        log["Moved"]["what"],
        log["Moved"]["before"]["room"],
        log["Moved"]["after"]["room"],
    ) == (
        "moved",
        "Breakout room 1",
        "Breakout room 2",
    )
    assert log["Moved"]["before"]["starts_at"] == "2021-04-21T16:00:00Z"
    assert log["Moved"]["after"]["starts_at"] == "2021-04-21T18:00:00Z"
    assert log["Cancelled"]["what"] == "cancelled"
    assert log["Added"]["what"] == "added"
    told = sorted(message.to[0] for message in queued_mail[before:])
    assert told == sorted(b.submitter.email for b in (moved, cancelled, added))  # not `kept`


def test_releasing_an_unchanged_draft_is_refused(event, track, rooms, organizer):
    place(AcceptedBreakoutFactory(event=event), track, rooms[0], 9, organizer)
    release_schedule(event, by=organizer)

    with pytest.raises(NothingToRelease, match="Nothing changed since version 1"):
        release_schedule(event, by=organizer)

    assert ScheduleRelease.objects.count() == 1


def test_a_release_is_frozen_whatever_organizers_change_afterwards(event, track, rooms, organizer):
    breakout = AcceptedBreakoutFactory(event=event, title="As released")
    place(breakout, track, rooms[0], 9, organizer)
    release = release_schedule(event, by=organizer)
    rooms[0].name = "Renamed later"
    rooms[0].save()
    move_breakout(breakout, track=track, room=rooms[1], starts_at=at(10), by=organizer)

    release.refresh_from_db()
    [item] = release.programme["items"]
    assert (item["room"], item["starts_at"]) == ("Breakout room 1", "2021-04-21T16:00:00Z")


def test_items_keep_their_guid_from_one_release_to_the_next(event, track, rooms, organizer):
    breakout = AcceptedBreakoutFactory(event=event)
    item = place(breakout, track, rooms[0], 9, organizer)
    first = release_schedule(event, by=organizer)
    move_breakout(breakout, track=track, room=rooms[0], starts_at=at(10), by=organizer)
    second = release_schedule(event, by=organizer)

    assert [i["guid"] for i in first.programme["items"]] == [str(item.guid)]
    assert [i["guid"] for i in second.programme["items"]] == [str(item.guid)]


def test_the_snapshot_names_each_breakouts_topic_from_its_poster(event, track, rooms, organizer):
    breakout = AcceptedBreakoutFactory(event=event)
    breakout.poster.topic.name = "Distributed training"
    breakout.poster.topic.save()
    place(breakout, track, rooms[0], 9, organizer)
    ScheduleItemFactory(event=event, title="Networking", starts_at=at(13), ends_at=at(14))

    items = snapshot(event)["items"]

    assert [item["topic"] for item in items] == [
        {"slug": "distributed-training", "name": "Distributed training"},
        None,
    ]


def test_a_release_from_before_topics_were_recorded_compares_with_a_new_snapshot(event):
    """Releases made before the snapshot held topics (and speakers' bios) still compare."""
    item = ScheduleItemFactory(event=event, title="Networking")
    stored = snapshot(event)
    for old in stored["items"]:
        del old["topic"]
    before = read_snapshot(stored).items

    assert changes_between(before, read_snapshot(snapshot(event)).items) == []
    item.title = "Networking, with coffee"
    item.save()
    after = read_snapshot(snapshot(event)).items
    assert [c["what"] for c in changes_between(before, after)] == ["changed"]


def test_a_renamed_item_in_the_same_place_is_logged_as_changed(event):
    item = ScheduleItemFactory(event=event, title="Networking")
    before = read_snapshot(snapshot(event)).items
    item.title = "Networking, with coffee"
    item.save()

    [change] = changes_between(before, read_snapshot(snapshot(event)).items)

    assert (change["what"], change["title"], change["before"]) == (
        "changed",
        "Networking, with coffee",
        {"title": "Networking"},
    )


def test_a_release_publishes_new_descriptions_without_telling_presenters(
    event, track, rooms, organizer, queued_mail
):
    breakout = AcceptedBreakoutFactory(event=event)
    item = place(breakout, track, rooms[0], 9, organizer)
    release_schedule(event, by=organizer)
    item.description = "Bring a laptop with PyTorch installed."
    item.save()
    told = len(queued_mail)

    release = release_schedule(event, by=organizer)

    assert [change["what"] for change in release.changes] == ["changed"]
    assert release.programme["items"][0]["description"] == "Bring a laptop with PyTorch installed."
    assert len(queued_mail) == told


def test_two_organizers_releasing_at_the_same_moment_cannot_make_two_releases_of_one_number(
    event, organizer
):
    from django.core.exceptions import ValidationError

    ScheduleItemFactory(event=event)
    ScheduleRelease.objects.create(event=event, number=1, programme=snapshot(event))
    # What the slower organizer computed before the other's release committed.
    with pytest.raises(ValidationError, match="Someone released the schedule at the same moment"):
        from ecosystem_day.infra.constraints import refused_by_constraints

        with refused_by_constraints():
            ScheduleRelease.objects.create(event=event, number=1, programme=snapshot(event))
