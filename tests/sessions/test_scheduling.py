"""The schedule: no room and no presenter booked twice at once, breakouts in their window."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sessions.models import BreakoutProposal, ScheduleItem
from sessions.services import change_breakout_status
from tests.factories import (
    AcceptedBreakoutFactory,
    AcceptedPosterFactory,
    BreakoutProposalFactory,
    EventFactory,
    RoomFactory,
    ScheduledBreakoutFactory,
    TopicFactory,
    TrackFactory,
    set_edition_settings,
)

ADD = "/admin/breakouts/scheduleitem/add/"
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
DAY = date(2021, 4, 21)
ROOM_BOOKED = "This room is already booked at that time."
PRESENTER_BUSY = "The presenter already has a breakout at that time."


def at(hour, minute=0):
    """A time on the event's day, in the event's zone (Pacific Daylight Time, UTC−7)."""
    return datetime.combine(DAY, time(hour, minute), tzinfo=LOS_ANGELES)


@pytest.fixture
def event(db):
    """The current edition, on Wednesday April 21, 2021 in Los Angeles."""
    event = EventFactory(date=DAY, cfp_deadline=datetime(2021, 3, 18, 23, 59, tzinfo=LOS_ANGELES))
    TopicFactory(event=event)
    return event


@pytest.fixture
def track(event):
    return TrackFactory(event=event, name="Morning (Americas)")


@pytest.fixture
def room(event):
    return RoomFactory(event=event, name="Room A")


@pytest.fixture
def other_room(event):
    return RoomFactory(event=event, name="Room B")


def networking(event, room, start, end):
    return ScheduleItem.objects.create(
        event=event,
        kind=ScheduleItem.Kind.NETWORKING,
        title="Hallway track",
        room=room,
        starts_at=start,
        ends_at=end,
    )


def test_the_database_refuses_two_items_in_one_room_at_overlapping_times(event, room):
    networking(event, room, at(9), at(9, 40))

    with (
        pytest.raises(IntegrityError, match="no_two_items_in_one_room_at_once"),
        transaction.atomic(),
    ):
        networking(event, room, at(9, 20), at(10))

    assert ScheduleItem.objects.count() == 1


def test_back_to_back_items_in_one_room_are_fine(event, room):
    networking(event, room, at(9), at(9, 40))

    networking(event, room, at(9, 40), at(10, 20))

    assert ScheduleItem.objects.filter(room=room).count() == 2


def test_the_same_times_in_another_room_are_fine(event, room, other_room):
    networking(event, room, at(9), at(9, 40))

    networking(event, other_room, at(9), at(9, 40))

    assert ScheduleItem.objects.count() == 2


def test_items_without_a_room_may_overlap(event):
    networking(event, None, at(9), at(10))

    networking(event, None, at(9), at(10))

    assert ScheduleItem.objects.count() == 2


def test_the_database_refuses_a_presenter_in_two_breakouts_at_overlapping_times(
    event, track, room, other_room
):
    poster = AcceptedPosterFactory(event=event)
    first = AcceptedBreakoutFactory(event=event, poster=poster)
    second = AcceptedBreakoutFactory(event=event, poster=poster)
    ScheduledBreakoutFactory(event=event, breakout=first, track=track, room=room)

    with (
        pytest.raises(IntegrityError, match="no_presenter_in_two_breakouts_at_once"),
        transaction.atomic(),
    ):
        ScheduledBreakoutFactory(
            event=event, breakout=second, track=track, room=other_room, starts_at=at(9, 20)
        )

    assert ScheduleItem.objects.count() == 1


def test_a_presenter_may_give_two_breakouts_back_to_back(event, track, room, other_room):
    poster = AcceptedPosterFactory(event=event)
    first = AcceptedBreakoutFactory(event=event, poster=poster)
    second = AcceptedBreakoutFactory(event=event, poster=poster)
    ScheduledBreakoutFactory(event=event, breakout=first, track=track, room=room)

    item = ScheduledBreakoutFactory(
        event=event, breakout=second, track=track, room=other_room, starts_at=at(9, 40)
    )

    assert (item.presenter, item.ends_at) == (poster.submitter, at(10, 20))


def admin_form(event, **changes):
    """What the organizer types in the add form; times are read in the event's zone."""
    form = {
        "event": event.pk,
        "kind": "breakout",
        "breakout": "",
        "title": "",
        "description": "",
        "track": "",
        "room": "",
        "starts_at_0": "2021-04-21",
        "starts_at_1": "09:00",
        "ends_at_0": "",
        "ends_at_1": "",
        "recording_url": "",
        "speakers": [],
    }
    form.update(changes)
    return form


def errors_of(response):
    return response.context["adminform"].form.errors


def test_an_organizer_schedules_an_accepted_breakout_for_the_events_length(
    client, organizer, event, track, room
):
    breakout = AcceptedBreakoutFactory(event=event, title="Hands-on profiling")
    client.force_login(organizer)

    response = client.post(
        ADD, admin_form(event, breakout=breakout.pk, track=track.pk, room=room.pk)
    )

    assert response.status_code == 302
    [item] = ScheduleItem.objects.all()
    assert item.starts_at == datetime(2021, 4, 21, 16, 0, tzinfo=UTC)  # 9:00 PDT
    assert item.ends_at == datetime(2021, 4, 21, 16, 40, tzinfo=UTC)
    assert item.presenter == breakout.submitter
    assert (item.breakout, item.track, item.room, item.display_title) == (
        breakout,
        track,
        room,
        "Hands-on profiling",
    )


def test_the_breakout_length_comes_from_the_event(client, organizer, event, track, room):
    set_edition_settings(event, breakout_minutes=30)
    breakout = AcceptedBreakoutFactory(event=event)
    client.force_login(organizer)

    client.post(
        ADD,
        admin_form(
            event,
            breakout=breakout.pk,
            track=track.pk,
            room=room.pk,
            starts_at_1="10:15",
            ends_at_0="2021-04-21",
            ends_at_1="11:55",
        ),
    )

    item = ScheduleItem.objects.get()
    assert (item.starts_at, item.ends_at) == (
        datetime(2021, 4, 21, 17, 15, tzinfo=UTC),
        datetime(2021, 4, 21, 17, 45, tzinfo=UTC),
    )


def test_the_admin_refuses_a_room_booked_at_that_time_with_a_message_not_a_crash(
    client, organizer, event, track, room
):
    networking(event, room, at(9), at(9, 40))
    breakout = AcceptedBreakoutFactory(event=event)
    client.force_login(organizer)

    response = client.post(
        ADD,
        admin_form(event, breakout=breakout.pk, track=track.pk, room=room.pk, starts_at_1="09:20"),
    )

    assert response.status_code == 200
    assert errors_of(response) == {"__all__": [ROOM_BOOKED]}
    assert ROOM_BOOKED in response.content.decode()
    assert ScheduleItem.objects.count() == 1


def test_the_admin_refuses_a_networking_item_in_a_booked_room(client, organizer, event, room):
    networking(event, room, at(9), at(9, 40))
    client.force_login(organizer)

    response = client.post(
        ADD,
        admin_form(
            event,
            kind="networking",
            title="Coffee",
            room=room.pk,
            starts_at_1="09:30",
            ends_at_0="2021-04-21",
            ends_at_1="10:00",
        ),
    )

    assert response.status_code == 200
    assert errors_of(response) == {"__all__": [ROOM_BOOKED]}
    assert ScheduleItem.objects.count() == 1


def test_the_admin_refuses_a_presenter_in_two_breakouts_at_once(
    client, organizer, event, track, room, other_room
):
    poster = AcceptedPosterFactory(event=event)
    first = AcceptedBreakoutFactory(event=event, poster=poster)
    second = AcceptedBreakoutFactory(event=event, poster=poster)
    ScheduledBreakoutFactory(event=event, breakout=first, track=track, room=room)
    client.force_login(organizer)

    response = client.post(
        ADD,
        admin_form(
            event, breakout=second.pk, track=track.pk, room=other_room.pk, starts_at_1="09:20"
        ),
    )

    assert response.status_code == 200
    assert errors_of(response) == {"__all__": [PRESENTER_BUSY]}
    assert PRESENTER_BUSY in response.content.decode()
    assert ScheduleItem.objects.count() == 1


@pytest.mark.parametrize(
    "status",
    [
        BreakoutProposal.Status.SUBMITTED,
        BreakoutProposal.Status.WAITLISTED,
        BreakoutProposal.Status.REJECTED,
        BreakoutProposal.Status.WITHDRAWN,
    ],
)
def test_the_admin_refuses_to_schedule_a_breakout_that_is_not_accepted(
    client, organizer, event, track, room, status
):
    breakout = BreakoutProposalFactory(event=event, status=status)
    client.force_login(organizer)

    response = client.post(
        ADD, admin_form(event, breakout=breakout.pk, track=track.pk, room=room.pk)
    )

    assert response.status_code == 200
    assert errors_of(response) == {
        "breakout": [
            "Select a valid choice. That choice is not one of the available choices.",
            "Choose the accepted breakout to schedule.",
        ]
    }
    assert ScheduleItem.objects.count() == 0


def test_the_model_refuses_to_schedule_a_breakout_that_is_not_accepted(event, track, room):
    breakout = BreakoutProposalFactory(event=event)
    item = ScheduleItem(
        event=event, kind="breakout", breakout=breakout, track=track, room=room, starts_at=at(9)
    )

    with pytest.raises(ValidationError) as refusal:
        item.full_clean()

    assert refusal.value.message_dict["breakout"] == [
        f"breakout proposal instance with id {breakout.pk} is not a valid choice.",
        "Only accepted breakouts can be scheduled.",
    ]


def test_the_admin_refuses_a_breakout_that_would_end_after_its_tracks_window(
    client, organizer, event, track, room
):
    breakout = AcceptedBreakoutFactory(event=event)
    client.force_login(organizer)

    response = client.post(
        ADD,
        admin_form(event, breakout=breakout.pk, track=track.pk, room=room.pk, starts_at_1="11:40"),
    )

    assert response.status_code == 200
    assert errors_of(response) == {
        "starts_at": [
            "Morning (Americas) breakouts run from 09:00 to 12:00 (America/Los_Angeles); "
            "this one would run 11:40–12:20."
        ]
    }
    assert ScheduleItem.objects.count() == 0


def test_the_admin_refuses_a_breakout_that_would_start_before_its_tracks_window(
    client, organizer, event, track, room
):
    breakout = AcceptedBreakoutFactory(event=event)
    client.force_login(organizer)

    response = client.post(
        ADD,
        admin_form(event, breakout=breakout.pk, track=track.pk, room=room.pk, starts_at_1="08:50"),
    )

    assert response.status_code == 200
    assert errors_of(response) == {
        "starts_at": [
            "Morning (Americas) breakouts run from 09:00 to 12:00 (America/Los_Angeles); "
            "this one would run 08:50–09:30."
        ]
    }
    assert ScheduleItem.objects.count() == 0


def test_a_breakout_ending_exactly_when_its_window_closes_is_scheduled(
    client, organizer, event, track, room
):
    breakout = AcceptedBreakoutFactory(event=event)
    client.force_login(organizer)

    response = client.post(
        ADD,
        admin_form(event, breakout=breakout.pk, track=track.pk, room=room.pk, starts_at_1="11:20"),
    )

    assert response.status_code == 302
    assert ScheduleItem.objects.get().ends_at == datetime(2021, 4, 21, 19, 0, tzinfo=UTC)


def test_the_admin_shows_scheduled_times_in_the_events_zone(client, organizer, event, track, room):
    item = ScheduledBreakoutFactory(event=event, track=track, room=room, starts_at=at(10, 20))
    client.force_login(organizer)

    page = client.get(f"/admin/breakouts/scheduleitem/{item.pk}/change/").content.decode()

    assert 'name="starts_at_0" value="2021-04-21"' in page
    assert 'name="starts_at_1" value="10:20:00"' in page
    assert 'name="ends_at_1" value="11:00:00"' in page


def test_rejecting_a_scheduled_breakout_takes_it_off_the_schedule(
    event, organizer, track, room, django_capture_on_commit_callbacks, queued_mail
):
    item = ScheduledBreakoutFactory(
        event=event, track=track, room=room, breakout__title="Changed our minds"
    )

    with django_capture_on_commit_callbacks(execute=True):
        change_breakout_status(item.breakout, "rejected", by=organizer)

    assert ScheduleItem.objects.filter(pk=item.pk).exists() is False
    item.breakout.refresh_from_db()
    assert item.breakout.status == BreakoutProposal.Status.REJECTED
    assert [message.subject for message in queued_mail] == [
        "Your breakout was not accepted: Changed our minds"
    ]


def test_a_freed_slot_can_be_booked_again(event, organizer, track, room):
    item = ScheduledBreakoutFactory(event=event, track=track, room=room)
    change_breakout_status(item.breakout, "waitlisted", by=organizer)

    replacement = ScheduledBreakoutFactory(event=event, track=track, room=room)

    assert list(ScheduleItem.objects.filter(room=room)) == [replacement]


def test_the_model_refuses_a_breakout_that_does_not_last_the_events_length(event, track, room):
    item = ScheduleItem(
        event=event,
        kind="breakout",
        breakout=AcceptedBreakoutFactory(event=event),
        track=track,
        room=room,
        starts_at=at(9),
        ends_at=at(11),
    )

    with pytest.raises(ValidationError) as refusal:
        item.full_clean()

    assert refusal.value.message_dict == {
        "ends_at": ["Breakouts last 40 minutes; this one runs 09:00–11:00 (120 minutes): move it."]
    }


def test_moving_a_scheduled_breakout_later_in_the_admin_does_not_clash_with_itself(
    client, organizer, event, track, room
):
    item = ScheduledBreakoutFactory(event=event, track=track, room=room)
    client.force_login(organizer)

    response = client.post(
        f"/admin/breakouts/scheduleitem/{item.pk}/change/",
        admin_form(
            event, breakout=item.breakout.pk, track=track.pk, room=room.pk, starts_at_1="09:20"
        ),
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.starts_at, item.ends_at) == (
        datetime(2021, 4, 21, 16, 20, tzinfo=UTC),
        datetime(2021, 4, 21, 17, 0, tzinfo=UTC),
    )
    assert ScheduleItem.objects.count() == 1


def test_an_item_cannot_use_a_track_room_or_breakout_of_another_event(event):
    other = EventFactory(is_current=False)
    item = ScheduleItem(
        event=event,
        kind=ScheduleItem.Kind.BREAKOUT,
        breakout=AcceptedBreakoutFactory(event=other),
        track=TrackFactory(event=other),
        room=RoomFactory(event=other),
        starts_at=datetime(2021, 4, 21, 9, tzinfo=ZoneInfo("America/Los_Angeles")),
    )

    with pytest.raises(ValidationError) as refusal:
        item.full_clean()

    assert refusal.value.message_dict == {
        "track": ["This track belongs to another event."],
        "room": ["This room belongs to another event."],
        "breakout": ["This breakout belongs to another event."],
    }
