"""Reading the feeds as strict clients do: every calendar line checked against RFC 5545 before
`icalendar` parses it, the frab XML parsed by expat (ElementTree) and held to the c3voc
schedule.xml XSD, the frab JSON to the c3voc schema, and JSON parsed by `json`.

The c3voc expectations, in our words. XML: <schedule> holds an optional <generator>, a
<version>, a <conference> (title, acronym, optionally start, end, days, timeslot_duration,
base_url, time_zone_name), then one or more <day date start end index>, each with <room name>
elements holding <event id guid> elements. Every event has exactly one room, title, subtitle,
type, date, start, duration, abstract, slug and track, and may have persons, language,
description, links and url; dates carry a zone offset, start is HH:MM, duration H:MM or HH:MM,
guid a UUID, id a positive integer; guids, ids, slugs and day indexes are unique.

JSON: {"schedule": {"version", "conference": {title, acronym (lower-case letters, digits,
underscores, a dash and year suffix allowed), start, end, daysCount, timeslot_duration,
days[...], rooms[{name, guid}], ...}}}, nothing else at the top but "$schema" and
"generator"; each day has index, date, day_start, day_end and rooms (a name → a list of
events); each event has abstract, date, duration, guid, id, language, links, persons, room,
slug (lower-case, digits, _ and -, ending in a letter or digit), start, subtitle, title,
track, type and url, and nothing outside the schema's list; a person is frab's {id,
public_name}.
"""

import json
import re
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime

import icalendar

HH_MM = re.compile(r"[0-2][0-9]:[0-5][0-9]")
DURATION = re.compile(r"[0-9]{1,2}:[0-9]{2}")
SLUG = re.compile(r"[a-z0-9_-]+[a-z0-9]")
ACRONYM = re.compile(r"[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?")
XML_EVENT_REQUIRED = {"room", "title", "subtitle", "type", "date", "start", "duration"}
XML_EVENT_REQUIRED |= {"abstract", "slug", "track"}
XML_EVENT_OPTIONAL = {"logo", "persons", "language", "description", "recording", "links"}
XML_EVENT_OPTIONAL |= {"attachments", "video_download_url", "url"}
XML_CONFERENCE = {"title", "acronym", "start", "end", "days", "timeslot_duration"}
XML_CONFERENCE |= {"base_url", "time_zone_name"}
JSON_EVENT_REQUIRED = {"abstract", "date", "duration", "guid", "id", "language", "links"}
JSON_EVENT_REQUIRED |= {"persons", "room", "slug", "start", "subtitle", "title", "track"}
JSON_EVENT_REQUIRED |= {"type", "url"}
JSON_EVENT_ALLOWED = JSON_EVENT_REQUIRED | {"logo", "description", "recording_license"}
JSON_EVENT_ALLOWED |= {"do_not_record", "do_not_stream", "attachments", "answers"}
CONFERENCE_ALLOWED = {"acronym", "title", "description", "start", "end", "daysCount"}
CONFERENCE_ALLOWED |= {"timeslot_duration", "time_zone_name", "logo", "colors", "keywords"}
CONFERENCE_ALLOWED |= {"url", "tracks", "rooms", "meta", "days"}
# RFC 5545 3.1: CONTROL = %x00-08 / %x0A-1F / %x7F; no content line may hold one.
ICAL_CONTROL = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")


def with_offset(value):
    moment = datetime.fromisoformat(value)
    return moment.tzinfo is not None and re.search(r"(Z|[+-][0-9]{1,2}:[0-9]{2})$", value)


def calendar(content):
    """The parsed calendar, once every line met RFC 5545: CRLF-terminated, at most 75
    octets, valid UTF-8, no control character; the header every feed shares."""
    assert content.endswith(b"\r\n")
    lines = content[:-2].split(b"\r\n")
    for line in lines:
        assert ICAL_CONTROL.search(line) is None, line
        assert len(line) <= 75, line
        line.decode()  # folding never splits a character
    assert lines[:4] == [
        b"BEGIN:VCALENDAR",
        b"VERSION:2.0",
        b"PRODID:-//Ecosystem Day//Schedule//EN",
        b"METHOD:PUBLISH",
    ]
    return icalendar.Calendar.from_ical(content)


def calendar_events(content):
    return calendar(content).walk("VEVENT")


def frab_xml(content):
    """The frab XML parsed by expat and held to the c3voc schedule.xml XSD."""
    root = ET.fromstring(content)
    assert root.tag == "schedule"
    assert [child.tag for child in root][:3] == ["generator", "version", "conference"]
    assert {child.tag for child in root[3:]} == {"day"}
    conference = root.find("conference")
    assert {child.tag for child in conference} <= XML_CONFERENCE
    assert ACRONYM.fullmatch(conference.findtext("acronym"))
    events = root.findall("day/room/event")
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
    return root


def frab_json(document):
    """The frab JSON (already decoded) held to the c3voc schedule JSON schema; its events."""
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
    for event in events:
        assert JSON_EVENT_REQUIRED <= set(event) <= JSON_EVENT_ALLOWED
        assert isinstance(event["id"], int) and event["id"] >= 1
        assert uuid.UUID(event["guid"])
        assert SLUG.fullmatch(event["slug"])
        assert DURATION.fullmatch(event["duration"])
        assert with_offset(event["date"])
        for person in event["persons"]:
            assert {"id", "public_name"} <= set(person) and "name" not in person
    return events


def every_feed(client, *, item_ids=(), track_slugs=()):
    """Every public feed of the current edition, fetched and read strictly:
    {"ics": [events], "item_ics": {id: [events]}, "track_ics": {slug: [events]},
    "xml": root, "json": feed, "frab_json": [events]}."""
    found = {
        "ics": calendar_events(client.get("/schedule.ics").content),
        "item_ics": {
            pk: calendar_events(client.get(f"/schedule/{pk}.ics").content) for pk in item_ids
        },
        "track_ics": {
            slug: calendar_events(client.get(f"/schedule/{slug}.ics").content)
            for slug in track_slugs
        },
        "xml": frab_xml(client.get("/schedule.xml").content),
        "json": json.loads(client.get("/schedule.json").content),
    }
    found["frab_json"] = frab_json(json.loads(client.get("/schedule.frab.json").content))
    return found
