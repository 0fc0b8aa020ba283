"""One edition after another: the next starts from the last, every date moved to its day."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from ecosystem_day.event.editions import NextEdition, start_next_edition
from ecosystem_day.event.models import Event
from posters.call import call_for
from sessions.breakout_settings import breakout_settings_for
from sessions.models import Room, ScheduleItem
from tests.factories import (
    AcceptedPosterFactory,
    RoomFactory,
    ScheduledBreakoutFactory,
    ScheduleItemFactory,
    SpeakerFactory,
    TopicFactory,
    TrackFactory,
    set_edition_settings,
)
from tests.sessions.helpers import at, ecosystem_day_2021

NEXT = NextEdition(
    name="PyTorch Ecosystem Day 2022", slug="ecosystem-day-2022", date=date(2022, 4, 20)
)


@pytest.fixture
def edition_2021(db):
    event = ecosystem_day_2021()
    event.tagline = "A virtual, one-day event."
    event.save()
    set_edition_settings(event, breakout_deadline=at(23, 59, day=7))
    TopicFactory(event=event, name="NLP", position=1)
    TopicFactory(event=event, name="Compilers", position=2)
    morning = TrackFactory(
        event=event,
        name="Morning (EMEA)",
        slug="morning",
        starts_at=at(8),
        ends_at=at(12),
        breakouts_start_at=at(9),
        breakouts_end_at=at(12),
    )
    stage = RoomFactory(event=event, name="Main stage", join_url="https://live.example.org/main")
    opening = ScheduleItemFactory(
        event=event,
        kind="opening",
        title="Morning opening talks",
        track=morning,
        room=stage,
        starts_at=at(8),
        ends_at=at(9),
        recording_url="https://www.youtube.com/watch?v=x",
    )
    opening.speakers.set([SpeakerFactory(event=event)])
    ScheduledBreakoutFactory(event=event, track=morning, starts_at=at(9))
    AcceptedPosterFactory(event=event)
    return event


def test_the_next_edition_carries_over_texts_topics_sessions_rooms_and_blocks_with_dates_moved(
    edition_2021,
):
    edition = start_next_edition(edition_2021, NEXT)

    shift = timedelta(days=364)
    assert (edition.name, edition.slug, edition.date, edition.is_current) == (
        "PyTorch Ecosystem Day 2022",
        "ecosystem-day-2022",
        date(2022, 4, 20),
        False,
    )
    assert (edition.tagline, edition.time_zone) == (
        "A virtual, one-day event.",
        "America/Los_Angeles",
    )
    assert call_for(edition).deadline == call_for(edition_2021).deadline + shift
    assert breakout_settings_for(edition).deadline == (
        breakout_settings_for(edition_2021).deadline + shift
    )
    assert list(edition.topics.values_list("name", "position")) == list(
        edition_2021.topics.values_list("name", "position")
    )
    assert {"NLP", "Compilers"} <= set(edition.topics.values_list("name", flat=True))
    assert edition.tracks.count() == edition_2021.tracks.count()
    track = edition.tracks.get(slug="morning")
    assert (track.slug, track.starts_at, track.ends_at) == (
        "morning",
        at(8) + shift,
        at(12) + shift,
    )
    window = track.breakout_window
    assert (window.starts_at, window.ends_at) == (at(9) + shift, at(12) + shift)
    assert Room.objects.filter(event=edition).count() == edition_2021.rooms.count()
    room = Room.objects.get(event=edition, name="Main stage")
    assert (room.name, room.join_url) == ("Main stage", "https://live.example.org/main")
    [block] = ScheduleItem.objects.filter(event=edition)
    assert (block.title, block.starts_at, block.track, block.room) == (
        "Morning opening talks",
        at(8) + shift,
        track,
        room,
    )
    assert (block.recording_url, list(block.speakers.all())) == ("", [])


def test_nothing_of_the_last_editions_own_work_moves_and_the_last_edition_is_untouched(
    edition_2021,
):
    before = {
        "posters": edition_2021.posters.count(),
        "items": edition_2021.schedule_items.count(),
        "speakers": edition_2021.speakers.count(),
    }

    edition = start_next_edition(edition_2021, NEXT)

    assert (edition.posters.count(), edition.breakouts.count(), edition.speakers.count()) == (
        0,
        0,
        0,
    )
    edition_2021.refresh_from_db()
    assert edition_2021.is_current is True
    assert {
        "posters": edition_2021.posters.count(),
        "items": edition_2021.schedule_items.count(),
        "speakers": edition_2021.speakers.count(),
    } == before


def test_an_address_already_used_by_an_edition_is_refused(edition_2021):
    with pytest.raises(ValidationError, match="already uses the address"):
        start_next_edition(edition_2021, NextEdition("Again", edition_2021.slug, date(2022, 4, 20)))

    assert Event.objects.count() == 1


def test_organizers_start_the_next_edition_from_the_admin(
    client, organizer, edition_2021, time_machine
):
    time_machine.move_to(at(12, day=30))  # April 2022 is ahead: the form refuses a day over
    client.force_login(organizer)
    url = f"/admin/ecosystem_day/event/{edition_2021.pk}/next-edition/"
    form = client.get(url).context["form"]
    assert form.initial["slug"] == "ecosystem-day-2022"

    response = client.post(
        url,
        {
            "name": NEXT.name,
            "slug": NEXT.slug,
            "date": "2022-04-20",
            **{
                f"link_room-{room.pk}": f"https://live.example.org/2022/{room.pk}"
                for room in edition_2021.rooms.all()
            },
        },
    )

    edition = Event.objects.get(slug="ecosystem-day-2022")
    assert response.status_code == 302
    assert response.url == f"/admin/ecosystem_day/event/{edition.pk}/change/"


def test_reviewers_cannot_start_an_edition(client, reviewer, edition_2021):
    client.force_login(reviewer)

    response = client.post(f"/admin/ecosystem_day/event/{edition_2021.pk}/next-edition/", {})

    assert response.status_code == 403
    assert Event.objects.count() == 1


def test_a_next_edition_in_winter_keeps_the_days_wall_clock_times(edition_2021):
    """April 2021 is daylight time in Los Angeles; December 2021 is not: 8:00 stays 8:00."""
    winter = NextEdition(name="Winter day", slug="winter-day", date=date(2021, 12, 8))

    edition = start_next_edition(edition_2021, winter)

    zone = edition.tz
    [block] = ScheduleItem.objects.filter(event=edition)
    opening = block.starts_at.astimezone(zone)
    assert (opening.date(), opening.hour, opening.minute, opening.tzname()) == (
        date(2021, 12, 8),
        8,
        0,
        "PST",
    )
    morning = edition.tracks.get(slug="morning")
    span, window = morning.starts_at.astimezone(zone), morning.breakout_window.starts_at
    assert (span.hour, window.astimezone(zone).hour, span.tzname()) == (8, 9, "PST")
    deadline = call_for(edition).deadline.astimezone(zone)
    before = call_for(edition_2021).deadline.astimezone(zone)
    assert (deadline.hour, deadline.minute) == (before.hour, before.minute)
