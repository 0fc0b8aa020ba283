"""The frab feeds, checked against what the c3voc schedule schemas require (in our words).

XML (schedule.xml XSD): <schedule> holds an optional <generator>, a <version>, a <conference>
(title, acronym, optionally start, end, days, timeslot_duration, base_url, time_zone_name),
then one or more <day date start end index>, each with <room name> elements holding <event
id guid> elements. Every event has exactly one room, title, subtitle, type, date, start,
duration, abstract, slug and track, and may have persons, language, description, links and
url; dates carry a zone offset, start is HH:MM, duration H:MM or HH:MM, guid a UUID, id a
positive integer; guids, ids, slugs and day indexes are unique in the document.

JSON (schedule JSON schema): {"schedule": {"version", "conference": {title, acronym (lower-case
letters, digits, underscores, a dash and year suffix allowed), start, end, daysCount,
timeslot_duration, days[...], rooms[{name, guid}], ...}}}, nothing else at the top but
"$schema" and "generator"; each day has index, date, day_start, day_end and rooms (a name → a
list of events); each event has abstract, date, duration, guid, id, language, links, persons,
room, slug (lower-case, digits, _ and -, ending in a letter or digit), start, subtitle, title,
track, type and url, and nothing outside the schema's list; a person is frab's {id,
public_name}.
"""

import re
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from sessions.frab import FrabSchedule
from sessions.releases import release_schedule
from tests.factories import (
    AcceptedBreakoutFactory,
    RoomFactory,
    ScheduleItemFactory,
    SpeakerFactory,
)
from tests.sessions.helpers import at, ecosystem_day_2021, morning_and_evening

HH_MM = re.compile(r"[0-2][0-9]:[0-5][0-9]")
DURATION = re.compile(r"[0-9]{1,2}:[0-9]{2}")
SLUG = re.compile(r"[a-z0-9_-]+[a-z0-9]")
ACRONYM = re.compile(r"[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?")
XML_EVENT_REQUIRED = {"room", "title", "subtitle", "type", "date", "start", "duration"}
XML_EVENT_REQUIRED |= {"abstract", "slug", "track"}
XML_EVENT_OPTIONAL = {"logo", "persons", "language", "description", "recording", "links"}
XML_EVENT_OPTIONAL |= {"attachments", "video_download_url", "url"}
JSON_EVENT_REQUIRED = {"abstract", "date", "duration", "guid", "id", "language", "links"}
JSON_EVENT_REQUIRED |= {"persons", "room", "slug", "start", "subtitle", "title", "track"}
JSON_EVENT_REQUIRED |= {"type", "url"}
JSON_EVENT_ALLOWED = JSON_EVENT_REQUIRED | {"logo", "description", "recording_license"}
JSON_EVENT_ALLOWED |= {"do_not_record", "do_not_stream", "attachments", "answers"}
CONFERENCE_ALLOWED = {"acronym", "title", "description", "start", "end", "daysCount"}
CONFERENCE_ALLOWED |= {"timeslot_duration", "time_zone_name", "logo", "colors", "keywords"}
CONFERENCE_ALLOWED |= {"url", "tracks", "rooms", "meta", "days"}


def with_offset(value):
    moment = datetime.fromisoformat(value)
    return moment.tzinfo is not None and re.search(r"(Z|[+-][0-9]{1,2}:[0-9]{2})$", value)


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
        release,
        base_url="https://ecosystem.example.org/",
        item_url=lambda pk: f"https://ecosystem.example.org/schedule/{pk}/",
    )


def test_the_xml_has_the_structure_the_xsd_requires(release):
    root = ET.fromstring(frab(release).xml())

    assert root.tag == "schedule"
    assert [child.tag for child in root][:3] == ["generator", "version", "conference"]
    assert {child.tag for child in root[3:]} == {"day"}
    assert root.findtext("version") == "1"
    conference = root.find("conference")
    assert {child.tag for child in conference} <= {
        "title",
        "acronym",
        "start",
        "end",
        "days",
        "timeslot_duration",
        "base_url",
        "time_zone_name",
    }
    assert ACRONYM.fullmatch(conference.findtext("acronym"))
    assert conference.findtext("time_zone_name") == "America/Los_Angeles"
    events = root.findall("day/room/event")
    assert len(events) == 4
    for day in root.findall("day"):
        assert int(day.get("index")) >= 1
        assert with_offset(day.get("start")) and with_offset(day.get("end"))
        assert {child.tag for child in day} <= {"room"}
    for event in events:
        tags = [child.tag for child in event]
        assert len(tags) == len(set(tags)), "each element at most once"
        assert XML_EVENT_REQUIRED <= set(tags) <= XML_EVENT_REQUIRED | XML_EVENT_OPTIONAL
        assert int(event.get("id")) > 0
        assert uuid.UUID(event.get("guid"))
        assert with_offset(event.findtext("date"))
        assert HH_MM.fullmatch(event.findtext("start"))
        assert DURATION.fullmatch(event.findtext("duration"))
        assert all(person.text for person in event.findall("persons/person"))
    for attribute in ("guid", "id"):
        values = [event.get(attribute) for event in events]
        assert len(values) == len(set(values))
    slugs = [event.findtext("slug") for event in events]
    assert len(slugs) == len(set(slugs))


def test_the_json_has_the_structure_the_schema_requires(release):
    document = frab(release).json()

    assert set(document) <= {"schedule", "$schema", "generator"}
    schedule = document["schedule"]
    assert {"conference", "version"} <= set(schedule) and "rooms" not in schedule
    conference = schedule["conference"]
    assert set(conference) <= CONFERENCE_ALLOWED
    required = {"title", "acronym", "days", "daysCount", "start", "end", "timeslot_duration"}
    assert required <= set(conference)
    assert ACRONYM.fullmatch(conference["acronym"])
    for room in conference["rooms"]:
        assert set(room) <= {"name", "guid", "description", "capacity"}
        assert uuid.UUID(room["guid"])
    events = []
    for day in conference["days"]:
        assert set(day) == {"index", "date", "day_start", "day_end", "rooms"}
        for room, room_events in day["rooms"].items():
            assert all(event["room"] == room for event in room_events)
            events += room_events
    assert len(events) == 4
    for event in events:
        assert JSON_EVENT_REQUIRED <= set(event) <= JSON_EVENT_ALLOWED
        assert isinstance(event["id"], int) and event["id"] >= 1
        assert uuid.UUID(event["guid"])
        assert SLUG.fullmatch(event["slug"])
        assert DURATION.fullmatch(event["duration"])
        assert with_offset(event["date"])
        for person in event["persons"]:
            assert {"id", "public_name"} <= set(person) and "name" not in person


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
