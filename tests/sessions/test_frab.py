"""The frab feeds, checked against what the c3voc schedule schemas require (spelled out, in
our words, in tests/sessions/feed_checks.py, which reads every feed this strictly)."""

import pytest

from sessions.frab import FrabSchedule
from sessions.releases import release_schedule
from sessions.snapshot import snapshot_of
from tests.factories import (
    AcceptedBreakoutFactory,
    RoomFactory,
    ScheduleItemFactory,
    SpeakerFactory,
)
from tests.sessions.feed_checks import frab_json, frab_xml
from tests.sessions.helpers import at, ecosystem_day_2021, morning_and_evening


@pytest.fixture
def release(db, organizer):
    event = ecosystem_day_2021()
    morning, evening = morning_and_evening(event)
    stage = RoomFactory(event=event, name="Main stage")
    keynote = ScheduleItemFactory(
        event=event,
        kind="opening",
        title="Morning opening talks",
        track=morning,
        room=stage,
        starts_at=at(8),
        ends_at=at(9),
        recording_url="https://www.youtube.com/watch?v=MYE01-XaSZA",
    )
    keynote.speakers.set([SpeakerFactory(event=event, name="Joe Spisak")])
    ScheduleItemFactory(event=event, title="Networking", room=None, starts_at=at(9), ends_at=at(19))
    from sessions.services import schedule_breakout

    for n, (track, hour) in enumerate([(morning, 9), (evening, 15)]):
        breakout = AcceptedBreakoutFactory(event=event, title=f"Démo № {n}: «tensors»")
        schedule_breakout(
            breakout,
            track=track,
            room=RoomFactory(event=event),
            starts_at=at(hour),
            by=organizer,
        )
    return release_schedule(event, by=organizer)


def frab(release):
    return FrabSchedule(
        snapshot_of(release),
        number=release.number,
        zone=release.event.tz,
        base_url="https://ecosystem.example.org/",
        item_url=lambda pk: f"https://ecosystem.example.org/schedule/{pk}/",
    )


def test_the_xml_has_the_structure_the_xsd_requires(release):
    root = frab_xml(frab(release).xml())

    assert root.findtext("version") == "1"
    assert root.findtext("conference/time_zone_name") == "America/Los_Angeles"
    assert len(root.findall("day/room/event")) == 4


def test_the_json_has_the_structure_the_schema_requires(release):
    events = frab_json(frab(release).json())

    assert len(events) == 4


def test_times_are_the_events_own_with_its_offset(release):
    document = frab(release).json()
    [day] = document["schedule"]["conference"]["days"]
    opening = day["rooms"]["Main stage"][0]

    assert (opening["date"], opening["start"], opening["duration"]) == (
        "2021-04-21T08:00:00-07:00",
        "08:00",
        "01:00",
    )
    assert opening["persons"][0]["public_name"] == "Joe Spisak"
    assert opening["links"] == [
        {"url": "https://www.youtube.com/watch?v=MYE01-XaSZA", "title": "Recording"}
    ]


def test_an_item_without_a_room_is_online_and_one_for_both_sessions_says_so(release):
    [day] = frab(release).json()["schedule"]["conference"]["days"]

    [networking] = day["rooms"]["Online"]
    assert (networking["title"], networking["track"]) == ("Networking", "Both sessions")


def test_guids_and_ids_stay_the_same_in_the_next_release(release, organizer):
    from sessions.models import ScheduleItem

    item = ScheduleItem.objects.get(title="Networking")
    item.ends_at = at(20)
    item.save()
    later = release_schedule(release.event, by=organizer)

    def identities(r):
        return sorted(
            (e["id"], e["guid"])
            for d in frab(r).json()["schedule"]["conference"]["days"]
            for events in d["rooms"].values()
            for e in events
        )

    assert identities(later) == identities(release)
    assert frab(later).json()["schedule"]["version"] == "2"
