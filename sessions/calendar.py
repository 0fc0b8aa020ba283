"""The one calendar writer: every .ics the site serves (the whole schedule, one item, one
session of the day, someone's agenda) is a `CalendarFeed`, shaped like Django's syndication
Feed: the view says which items and what to call the calendar; the header, the events and
their DESCRIPTION are written here, the same for all.

Times are in UTC (no TZID to get wrong); an event's UID is its item's guid, so a calendar
that subscribed updates the event in place, and its SEQUENCE counts the releases that changed
that item, so only what changed is updated. Written line by line (RFC 5545): the icalendar
library took ten times as long for the same text.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.http import HttpResponse

from ecosystem_day.infra.ical import CONTROL, PRODID, ical_line, ical_text, ical_utc

from .models import ScheduleRelease


def speaker_line(speaker):
    if speaker.affiliation:
        return f"{speaker.name} ({speaker.affiliation})"
    return speaker.name


def description(item, page_url):
    """What, who, where to join (until it is over; then the recording), where to read more.

    The one place a calendar says "Join": public feeds will stop carrying room links here.
    """
    lines = [item.description, ""] if item.description else []
    if breakout := item.breakout:
        lines.append(
            f"{breakout.format_label} by {breakout.presenter.name} · "
            f"poster: {breakout.poster.title}"
        )
    if item.speakers:
        lines.append("Speakers: " + ", ".join(speaker_line(s) for s in item.speakers))
    if item.joinable:
        lines.append(f"Join: {page_url}join")  # checks the registration, then the room
    elif item.is_over and item.recording_url:
        lines.append(f"Recording: {item.recording_url}")
    lines.append(f"Details: {page_url}")
    return "\n".join(lines)


@dataclass(frozen=True)
class CancelledItem:
    """An item a release took off the schedule, as the change log last saw it."""

    id: int
    guid: str
    title: str
    starts_at: datetime
    ends_at: datetime
    room: str | None

    @classmethod
    def from_change_log(cls, found):
        """From sessions.agenda.cancelled_items's values."""
        return cls(
            id=found["id"],
            guid=found["guid"],
            title=found["title"],
            starts_at=datetime.fromisoformat(found["starts_at"]),
            ends_at=datetime.fromisoformat(found["ends_at"]),
            room=found.get("room"),
        )


# How many releases changed each item (added, moved, changed or cancelled), counted by
# PostgreSQL from the change logs: one query, and no change log decoded here.
SEQUENCES_SQL = """
SELECT change->>'guid', count(*)
FROM {table} AS release, jsonb_array_elements(release.changes) AS change
WHERE release.event_id = %s
GROUP BY 1
"""


def sequences(event):
    """{guid: SEQUENCE}: the number of the event's releases that changed the item, so a
    release that leaves an item alone leaves its calendar event alone too."""
    table = connection.ops.quote_name(ScheduleRelease._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(SEQUENCES_SQL.format(table=table), [event.pk])
        return dict(cursor.fetchall())


class CalendarFeed:
    """One calendar file of `programme` (sessions.published): `name` and `filename` say what it
    is, `items` what is on it and `cancelled` what was taken off since (CancelledItem).
    `origin` is the site's scheme and host, for each item's page."""

    def __init__(self, programme, *, name, filename, items, origin, cancelled=()):
        self.programme = programme
        self.event = programme.event
        self.name = name
        self.filename = filename
        self.items = items
        self.cancelled = cancelled
        self.origin = origin

    def lines(self):
        self.stamp = b"DTSTAMP:" + ical_utc(self.programme.released_at).encode()
        known = sequences(self.event) if self.items or self.cancelled else {}
        lines = [
            b"BEGIN:VCALENDAR",
            b"VERSION:2.0",
            ical_line("PRODID", PRODID),
            b"METHOD:PUBLISH",
            ical_line("X-WR-CALNAME", ical_text(self.name)),
            b"X-PUBLISHED-TTL:PT1H",
        ]
        for item in self.items:
            page_url = self.origin + item.url
            lines += self.event_start(item, known.get(item.guid, 0))
            lines += [
                b"STATUS:CONFIRMED",
                ical_line("DESCRIPTION", ical_text(description(item, page_url))),
                *self.location(item),
                ical_line("URL", page_url),
                b"END:VEVENT",
            ]
        for item in self.cancelled:
            lines += self.event_start(item, known.get(item.guid, 0))
            lines += [
                b"STATUS:CANCELLED",
                b"DESCRIPTION:Removed from the schedule.",
                *self.location(item),
                b"END:VEVENT",
            ]
        lines.append(b"END:VCALENDAR")
        return lines

    def event_start(self, item, sequence):
        return [
            b"BEGIN:VEVENT",
            ical_line("UID", f"{item.guid}@{self.event.slug}"),
            b"SEQUENCE:%d" % sequence,
            self.stamp,
            b"DTSTART:" + ical_utc(item.starts_at).encode(),
            b"DTEND:" + ical_utc(item.ends_at).encode(),
            ical_line("SUMMARY", ical_text(item.title)),
        ]

    @staticmethod
    def location(item):
        return [ical_line("LOCATION", ical_text(item.room))] if item.room else []

    def response(self):
        """The file. Text is escaped field by field; a control character stored before the
        text rule (or in a release made then) is dropped here, so the file always parses."""
        content = (b"\r\n".join(self.lines()) + b"\r\n").translate(None, CONTROL)
        response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response
