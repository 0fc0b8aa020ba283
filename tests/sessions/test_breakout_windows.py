"""A session of the day runs over its span (the event's); its breakouts run in its breakout
window (this app's), inside the span. Releases carry both (snapshot schema version 2), and
every release stored before (version 1, the window alone) still reads, its span widened to
its items as pages showed it then."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from ecosystem_day.event.models import Track
from sessions.breakout_window import BreakoutWindow
from sessions.models import ScheduleRelease
from sessions.releases import NothingToRelease, release_schedule
from sessions.snapshot import read_snapshot
from sessions.window_changes import change_breakout_window
from tests.factories import RoomFactory, ScheduleItemFactory, TrackFactory
from tests.sessions.helpers import admin_form_as_is, at, ecosystem_day_2021

STORED = Path(__file__).parent / "snapshots"


def stored(name):
    return read_snapshot(json.loads((STORED / name).read_text()))


def utc(text):
    return datetime.fromisoformat(text).astimezone(UTC)


@pytest.fixture
def event(db):
    return ecosystem_day_2021()


@pytest.fixture
def morning(event):
    """Runs 8:00–12:00, its opening talks first; its breakouts 9:00–12:00."""
    return TrackFactory(
        event=event,
        name="Morning (EMEA)",
        slug="morning",
        starts_at=at(8),
        breakouts_start_at=at(9),
        breakouts_end_at=at(12),
    )


def window_of(track):
    window = BreakoutWindow.objects.get(track=track)
    return (window.starts_at, window.ends_at)


# What a release stored


def test_a_version_1_snapshot_reads_its_window_as_stored_and_its_span_widened_to_its_items():
    snapshot = stored("v1.json")

    assert snapshot.schema_version == 1
    assert [
        (t.slug, t.starts_at, t.ends_at, t.breakouts_start_at, t.breakouts_end_at)
        for t in snapshot.tracks
    ] == [
        # The 8:00 opening talks (15:00 UTC) widen the morning; networking is no session's.
        (
            "morning",
            utc("2021-04-21T15:00:00Z"),
            utc("2021-04-21T19:00:00Z"),
            utc("2021-04-21T16:00:00Z"),
            utc("2021-04-21T19:00:00Z"),
        ),
        (
            "evening",
            utc("2021-04-21T22:00:00Z"),
            utc("2021-04-22T01:00:00Z"),
            utc("2021-04-21T22:00:00Z"),
            utc("2021-04-22T01:00:00Z"),
        ),
    ]


def test_a_version_2_snapshot_reads_each_span_and_window_as_stored():
    snapshot = stored("v2.json")

    assert snapshot.schema_version == 2
    assert [
        (t.slug, t.starts_at, t.ends_at, t.breakouts_start_at, t.breakouts_end_at)
        for t in snapshot.tracks
    ] == [
        # The span as organizers set it, even wider than its items.
        (
            "morning",
            utc("2022-04-20T14:30:00Z"),
            utc("2022-04-20T19:00:00Z"),
            utc("2022-04-20T16:00:00Z"),
            utc("2022-04-20T19:00:00Z"),
        ),
        ("evening", utc("2022-04-20T22:00:00Z"), utc("2022-04-21T01:00:00Z"), None, None),
    ]


def test_a_release_stores_each_sessions_span_and_breakout_window(event, morning, organizer):
    release = release_schedule(event, by=organizer)

    assert release.programme["schema_version"] == 2
    assert release.programme["tracks"] == [
        {
            "id": morning.pk,
            "slug": "morning",
            "name": "Morning (EMEA)",
            "position": 0,
            "starts_at": "2021-04-21T15:00:00Z",
            "ends_at": "2021-04-21T19:00:00Z",
            "breakouts_start_at": "2021-04-21T16:00:00Z",
            "breakouts_end_at": "2021-04-21T19:00:00Z",
        }
    ]


def test_the_same_day_stored_as_version_1_is_no_change_to_release_again(event, morning, organizer):
    ScheduleItemFactory(event=event, kind="opening", track=morning, starts_at=at(8), ends_at=at(9))
    release = release_schedule(event, by=organizer)
    programme = release.programme
    for track in programme["tracks"]:
        del track["starts_at"], track["ends_at"]
    programme["schema_version"] = 1
    ScheduleRelease.objects.filter(pk=release.pk).update(programme=programme)  # as stored then

    assert read_snapshot(programme) == read_snapshot(release.programme | {"schema_version": 2})
    with pytest.raises(NothingToRelease):
        release_schedule(event, by=organizer)


# The transition


def test_a_window_its_session_does_not_hold_is_refused_and_nothing_changes(
    event, morning, organizer
):
    with pytest.raises(ValidationError) as refusal:
        change_breakout_window(morning, starts_at=at(7, 30), ends_at=at(12), by=organizer)

    assert refusal.value.messages == [
        "Morning (EMEA) runs from 08:00 to 12:00 (America/Los_Angeles): its breakouts cannot "
        "run 07:30–12:00."
    ]
    assert window_of(morning) == (at(9), at(12))


def test_a_window_that_ends_before_it_starts_is_refused_by_its_constraint(
    event, morning, organizer
):
    with pytest.raises(ValidationError) as refusal:
        change_breakout_window(morning, starts_at=at(11), ends_at=at(10), by=organizer)

    assert refusal.value.messages == ["A breakout window ends after it starts."]


def test_a_session_without_a_window_gets_its_first_one_through_the_transition(event, organizer):
    track = TrackFactory(event=event, starts_at=at(8), ends_at=at(12), breakouts_start_at=None)

    window = change_breakout_window(track, starts_at=at(10), ends_at=at(12), by=organizer)

    assert (window.track_id, window_of(track)) == (track.pk, (at(10), at(12)))


# The admin: the span on the session's page, the window inline below it


def test_the_admin_refuses_a_window_outside_the_span_typed_on_the_same_page(
    client, event, morning, organizer
):
    client.force_login(organizer)
    url = f"/admin/ecosystem_day/track/{morning.pk}/change/"
    form = admin_form_as_is(client, url)

    response = client.post(url, {**form, "starts_at_1": "09:30"})  # the window starts at 9:00

    assert response.status_code == 200
    [window_form] = response.context["inline_admin_formsets"][0].formset.forms
    assert window_form.non_field_errors() == [
        "Morning (EMEA) runs from 09:30 to 12:00 (America/Los_Angeles): its breakouts cannot "
        "run 09:00–12:00."
    ]
    assert Track.objects.get(pk=morning.pk).starts_at == at(8)


def test_the_admin_saves_a_span_and_a_window_together(client, event, morning, organizer):
    RoomFactory(event=event)
    client.force_login(organizer)
    url = f"/admin/ecosystem_day/track/{morning.pk}/change/"
    form = admin_form_as_is(client, url)

    response = client.post(
        url,
        {**form, "starts_at_1": "07:30", "breakout_window-0-starts_at_1": "08:00"},
    )

    assert response.status_code == 302
    assert Track.objects.get(pk=morning.pk).starts_at == at(7, 30)
    assert window_of(morning) == (at(8), at(12))


def test_a_new_session_is_added_with_its_window(client, event, organizer):
    client.force_login(organizer)
    times = {"0": "2021-04-21"}
    data = {
        "event": event.pk,
        "name": "Evening (APAC / US)",
        "slug": "evening",
        "position": 1,
        "starts_at_0": times["0"],
        "starts_at_1": "15:00",
        "ends_at_0": times["0"],
        "ends_at_1": "19:00",
        "breakout_window-TOTAL_FORMS": 1,
        "breakout_window-INITIAL_FORMS": 0,
        "breakout_window-MIN_NUM_FORMS": 1,
        "breakout_window-MAX_NUM_FORMS": 1,
        "breakout_window-0-starts_at_0": times["0"],
        "breakout_window-0-starts_at_1": "15:00",
        "breakout_window-0-ends_at_0": times["0"],
        "breakout_window-0-ends_at_1": "18:00",
    }

    response = client.post("/admin/ecosystem_day/track/add/", data)

    assert response.status_code == 302
    track = Track.objects.get(slug="evening")
    assert ((track.starts_at, track.ends_at), window_of(track)) == (
        (at(15), at(19)),
        (at(15), at(18)),
    )
