"""A release in the frab format that conference apps read (Giggity, Confclerk, c3voc tools).

The XML follows the c3voc project's schedule.xml XSD and the JSON its schedule JSON schema
(repository voc/schedule, folder validator/): schedule → conference → day → room → event,
each event with its stable guid, a slug, a start and duration in the event's zone, its
persons and links. Built from a release's snapshot alone, so it changes only on a release.
"""

import uuid
import xml.etree.ElementTree as ET

from django.utils.text import slugify

GENERATOR = {"name": "ecosystem-day", "version": "1"}
# The frab event types the schedule apps know.
TYPES = {"opening": "talk", "keynote": "talk", "posters": "other", "networking": "meeting"}
BREAKOUT_TYPES = {"talk": "talk", "demo": "hands-on", "tutorial": "workshop"}
BREAKOUT_TYPES["discussion"] = "discussion"
ONLINE = "Online"
BOTH_SESSIONS_OF_THE_DAY = "Both sessions"


def acronym(event_slug):
    """Lower-case letters, digits and underscores: "pytorch_ecosystem_day_2021"."""
    return event_slug.replace("-", "_").lower()


class FrabSchedule:
    """One release, arranged by day and room; `xml()` and `json()` write it out."""

    def __init__(self, snapshot, *, number, zone, base_url, item_url):
        self.snapshot = snapshot  # sessions.snapshot.Snapshot
        self.number = number  # the release's; 0 before the first
        self.event = snapshot.event
        self.zone = zone
        self.base_url = base_url
        self.item_url = item_url  # item id → absolute URL of its page
        self.acronym = acronym(self.event.slug)

    def _local(self, moment):
        return moment.astimezone(self.zone)

    def days(self):
        """[(index, date, start, end, {room: [events]})], in time order."""
        by_day = {}
        for item in self.snapshot.items:
            starts = self._local(item.starts_at)
            by_day.setdefault(starts.date(), []).append(item)
        days = []
        for index, (day, items) in enumerate(sorted(by_day.items()), start=1):
            rooms = {}
            for item in items:
                rooms.setdefault(item.room or ONLINE, []).append(self.event_of(item))
            start = min(self._local(item.starts_at) for item in items)
            end = max(self._local(item.ends_at) for item in items)
            days.append((index, day, start, end, rooms))
        return days

    def event_of(self, item):
        starts, ends = self._local(item.starts_at), self._local(item.ends_at)
        minutes = int((ends - starts).total_seconds() // 60)
        breakout = item.breakout
        links = [{"url": item.recording_url, "title": "Recording"}] if item.recording_url else []
        if breakout:
            kind = BREAKOUT_TYPES.get(breakout.format, "other")
            persons = [self.person("presenter", breakout.presenter)]
            subtitle = f"{breakout.format_label} · poster: {breakout.poster.title}"
        else:
            kind = TYPES.get(item.kind, "other")
            persons = [self.person("speaker", speaker) for speaker in item.speakers]
            subtitle = ""
        title_slug = slugify(item.title)[:60].strip("-_")
        return {
            "id": item.id,
            "guid": item.guid,
            "date": starts.isoformat(),
            "start": starts.strftime("%H:%M"),
            "duration": f"{minutes // 60:02d}:{minutes % 60:02d}",
            "room": item.room or ONLINE,
            "slug": "-".join(part for part in (self.acronym, str(item.id), title_slug) if part),
            "url": self.item_url(item.id),
            "title": item.title,
            "subtitle": subtitle,
            "track": item.track or BOTH_SESSIONS_OF_THE_DAY,
            "type": kind,
            "language": "en",
            "abstract": item.description,
            "description": item.description,
            "persons": persons,
            "links": links,
        }

    def person(self, role, person):
        """Presenters are accounts, keynote speakers are not: their ids never meet."""
        number = 2 * person.id + (1 if role == "speaker" else 0)
        seed = f"{self.base_url}#{role}-{person.id}"
        return {
            "id": number,
            "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, seed)),
            "public_name": person.name,
        }

    def _conference(self):
        days = self.days()
        first, last = days[0][1] if days else None, days[-1][1] if days else None
        day = self.event.date
        return {
            "acronym": self.acronym,
            "title": self.event.name,
            "start": (first or day).isoformat(),
            "end": (last or day).isoformat(),
            "daysCount": len(days) or 1,
            "timeslot_duration": "00:05",
            "time_zone_name": self.event.time_zone,
        }, days

    def json(self):
        conference, days = self._conference()
        rooms = sorted({room for *_, by_room in days for room in by_room})
        conference["url"] = self.base_url
        conference["rooms"] = [
            {
                "name": room,
                "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.base_url}#room-{room}")),
            }
            for room in rooms
        ]
        conference["days"] = [
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": start.isoformat(),
                "day_end": end.isoformat(),
                "rooms": by_room,
            }
            for index, day, start, end, by_room in days
        ]
        return {
            "$schema": "https://c3voc.de/schedule/schema.json",
            "generator": GENERATOR,
            "schedule": {
                "version": str(self.number),
                "base_url": self.base_url,
                "conference": conference,
            },
        }

    def xml(self):
        conference, days = self._conference()
        root = ET.Element("schedule")
        ET.SubElement(root, "generator", GENERATOR)
        ET.SubElement(root, "version").text = str(self.number)
        element = ET.SubElement(root, "conference")
        for name in ("title", "acronym", "start", "end"):
            ET.SubElement(element, name).text = conference[name]
        ET.SubElement(element, "days").text = str(conference["daysCount"])
        ET.SubElement(element, "timeslot_duration").text = conference["timeslot_duration"]
        ET.SubElement(element, "base_url").text = self.base_url
        ET.SubElement(element, "time_zone_name").text = conference["time_zone_name"]
        for index, day, start, end, by_room in days:
            day_element = ET.SubElement(
                root,
                "day",
                {
                    "index": str(index),
                    "date": day.isoformat(),
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                },
            )
            for room, events in by_room.items():
                room_element = ET.SubElement(day_element, "room", {"name": room})
                for event in events:
                    _event_xml(room_element, event)
        ET.indent(root)
        return xml_safe(ET.tostring(root, encoding="utf-8", xml_declaration=True))


# The characters XML 1.0 forbids that ElementTree writes as they are: C0 controls but tab,
# line feed and carriage return, and U+FFFE and U+FFFF (three bytes each in UTF-8).
XML_FORBIDDEN = bytes(range(0x09)) + b"\x0b\x0c" + bytes(range(0x0E, 0x20))
NON_CHARACTERS = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")


def xml_safe(document):
    """The UTF-8 document without the characters no XML parser accepts, wherever they hide:
    text stored before the text rule (ecosystem_day/infra/text.py), or a release made then."""
    document = document.translate(None, XML_FORBIDDEN)
    for character in NON_CHARACTERS:
        if character in document:
            document = document.replace(character, b"")
    return document


def _event_xml(parent, event):
    element = ET.SubElement(parent, "event", {"id": str(event["id"]), "guid": event["guid"]})
    for name in ("room", "title", "subtitle", "type", "date", "start", "duration"):
        ET.SubElement(element, name).text = event[name]
    for name in ("abstract", "slug", "track", "language", "description", "url"):
        ET.SubElement(element, name).text = event[name]
    persons = ET.SubElement(element, "persons")
    for person in event["persons"]:
        ET.SubElement(persons, "person", {"id": str(person["id"])}).text = person["public_name"]
    links = ET.SubElement(element, "links")
    for link in event["links"]:
        ET.SubElement(links, "link", {"href": link["url"]}).text = link["title"]
