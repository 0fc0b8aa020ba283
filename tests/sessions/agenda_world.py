"""A released day for the agenda, feed and change-log specs: both sessions' opening, a keynote
and a breakout in the morning, a breakout in the evening; released once as version 1."""

from datetime import timedelta

from sessions.models import ScheduleItem, ScheduleRelease
from sessions.releases import release_schedule
from sessions.services import schedule_breakout
from tests.factories import AcceptedBreakoutFactory, RoomFactory, ScheduleItemFactory
from tests.sessions.helpers import at, ecosystem_day_2021, morning_and_evening


def released_day(organizer):
    event = ecosystem_day_2021()
    morning, evening = morning_and_evening(event)
    rooms = [RoomFactory(event=event, name=f"Breakout room {n}", position=n) for n in (1, 2)]
    opening = ScheduleItemFactory(
        event=event,
        kind=ScheduleItem.Kind.OPENING,
        title="Opening for both sessions",
        starts_at=at(7),
        ends_at=at(8),
    )
    keynote = ScheduleItemFactory(
        event=event,
        kind=ScheduleItem.Kind.KEYNOTE,
        title="Morning keynote",
        track=morning,
        starts_at=at(8),
        ends_at=at(8, 40),
    )
    profiling = schedule_breakout(
        AcceptedBreakoutFactory(event=event, title="Profiling, live"),
        track=morning,
        room=rooms[0],
        starts_at=at(9),
        by=organizer,
    )
    tensors = schedule_breakout(
        AcceptedBreakoutFactory(event=event, title="Tensors at scale"),
        track=evening,
        room=rooms[1],
        starts_at=at(15),
        by=organizer,
    )
    release = release_schedule(event, by=organizer, note="The day, at last.")
    return {
        "event": event,
        "morning": morning,
        "evening": evening,
        "rooms": rooms,
        "opening": opening,
        "keynote": keynote,
        "profiling": profiling,
        "tensors": tensors,
        "release": release,
    }


def many_items(event, track, count):
    """`count` keynotes in `track`, added straight to a new release of the programme (no rows
    needed; a release is never edited)."""
    release = ScheduleRelease.objects.filter(event=event).order_by("-number").first()
    programme = release.programme
    template = programme["items"][1]
    start = at(8)
    programme["items"] += [
        {
            **template,
            "id": 10_000 + n,
            "guid": f"00000000-0000-4000-8000-{n:012d}",
            "title": f"Keynote {n}",
            "track": track.name,
            "track_slug": track.slug,
            "starts_at": (start + timedelta(minutes=n)).isoformat(),
            "ends_at": (start + timedelta(minutes=n + 20)).isoformat(),
        }
        for n in range(count)
    ]
    ScheduleRelease.objects.create(
        event=event,
        number=release.number + 1,
        released_at=release.released_at,
        released_by=release.released_by,
        programme=programme,
    )
    return [item["guid"] for item in programme["items"][-count:]]
