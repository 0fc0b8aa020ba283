"""The programme attendees see: the latest release's snapshot, read as items pages can show.

Pages and feeds never read ScheduleItem rows: a draft change is invisible until organizers
release it (sessions/releases.py). Times are parsed once, into aware UTC datetimes.

A release's programme is decoded once per process and shared, read-only, by every later
page: on a cache miss the query sends it only when this process does not hold that version
of the row (sessions/published.py `latest_release`).
"""

import json
from datetime import datetime

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from .models import ScheduleRelease


class PublishedItem:
    """One item of a release: the snapshot's fields, its times as datetimes, its state now."""

    __slots__ = (
        "id",
        "guid",
        "kind",
        "kind_label",
        "title",
        "description",
        "starts_at",
        "ends_at",
        "track",
        "track_slug",
        "room",
        "join_url",
        "room_access",
        "recording_url",
        "breakout",
        "topic",
        "speakers",
        "url",
        "is_now",
        "is_next",
        "is_over",
        "shown",
    )

    def __init__(self, data, url):
        self.id = data["id"]
        self.guid = data["guid"]
        self.kind = data["kind"]
        self.kind_label = data["kind_label"]
        self.title = data["title"]
        self.description = data["description"]
        self.starts_at = datetime.fromisoformat(data["starts_at"])
        self.ends_at = datetime.fromisoformat(data["ends_at"])
        self.track = data["track"]
        self.track_slug = data["track_slug"]
        self.room = data["room"]
        self.join_url = data["join_url"]
        # Releases made before rooms had an access setting: registered-only, the default.
        self.room_access = data.get("room_access") or "registered"
        self.recording_url = data["recording_url"]
        self.breakout = data["breakout"]
        self.topic = data.get("topic")  # releases made before topics were recorded lack it
        self.speakers = data["speakers"]
        self.url = url
        self.is_now = self.is_next = self.is_over = False
        self.shown = True

    @property
    def pk(self):
        return self.id

    def get_absolute_url(self):
        return self.url

    @property
    def format(self):
        return self.breakout["format"] if self.breakout else ""

    @property
    def topic_slug(self):
        return self.topic["slug"] if self.topic else ""

    @property
    def joinable(self):
        """The Join button shows until the item is over; afterwards, the recording."""
        return bool(self.join_url) and not self.is_over

    @property
    def join_path(self):
        """Where Join goes: /schedule/<id>/join checks the registration, then redirects."""
        return f"{self.url}join"

    @property
    def public_join_url(self):
        """The room's link where anyone may have it (a public room), else ""."""
        return self.join_url if self.room_access == "public" else ""


class Programme:
    """A release's items in time order, its tracks and its topics; empty before the first."""

    def __init__(self, event, release, now=None):
        self.event = event
        self.release = release
        self.now = now or timezone.now()
        data = release.programme if release else {"tracks": [], "items": []}
        self.tracks = data["tracks"]
        page = reverse("schedule_item", args=[0])
        prefix = page[: page.rindex("0/")]  # one reverse() for every item's page
        self.items = [PublishedItem(item, f"{prefix}{item['id']}/") for item in data["items"]]
        for item in self.items:
            item.is_over = item.ends_at <= self.now
        mark_now_and_next(self.items, event, self.now)

    def __bool__(self):
        return bool(self.items)

    @property
    def number(self):
        return self.release.number if self.release else 0

    def item(self, pk):
        return next((item for item in self.items if item.id == pk), None)

    def topics(self):
        """The breakouts' topics, by name: what the topic filter offers."""
        found = {item.topic["slug"]: item.topic["name"] for item in self.items if item.topic}
        return sorted(found.items(), key=lambda pair: pair[1].casefold())

    def changes_at(self):
        """The next start or end of an item: where "now", "next" and Join buttons change."""
        return min(
            (
                moment
                for item in self.items
                for moment in (item.starts_at, item.ends_at)
                if moment > self.now
            ),
            default=None,
        )


def published(event, now=None):
    """The programme of the event's latest release (one query), or an empty one."""
    return Programme(event, latest_release(event), now)


# The programmes this process has decoded, by row version, the latest few (releases are
# never edited; a test that rewrites one makes a new row version).
DECODED = {}
DECODED_KEPT = 8

# One query: the latest release's row version (its id, and PostgreSQL's xmin and ctid, which
# change whenever the row is written) and its programme unless that version is held here.
# Through the ORM the same query cost twice as much as the rest of a cold feed.
LATEST_RELEASE_SQL = """
SELECT concat(id, ':', xmin, ':', ctid), id, number, released_at,
       CASE WHEN concat(id, ':', xmin, ':', ctid) = ANY(%s) THEN NULL ELSE programme::text END
FROM {table} WHERE event_id = %s ORDER BY number DESC LIMIT 1
"""
# The fields read; the note and the change log stay deferred (decoding the log cost as much
# as the programme).
RELEASE_FIELDS = ("id", "event_id", "number", "released_at", "programme")


def latest_release(event):
    """The event's latest release with its programme, or None before the first."""
    held = list(DECODED)
    table = connection.ops.quote_name(ScheduleRelease._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(LATEST_RELEASE_SQL.format(table=table), [held, event.pk])
        row = cursor.fetchone()
    if row is None:
        return None
    version, pk, number, released_at, text = row
    if text is None:
        programme = DECODED.get(version)
        if programme is None:  # dropped by another thread since: read it again
            DECODED.clear()
            return latest_release(event)
    else:
        programme = json.loads(text)
        DECODED[version] = programme
        while len(DECODED) > DECODED_KEPT:
            DECODED.pop(next(iter(DECODED)), None)
    release = ScheduleRelease.from_db(
        connection.alias, RELEASE_FIELDS, [pk, event.pk, number, released_at, programme]
    )
    release.event = event
    return release


def empty_release(event):
    """An unsaved release number 0 with nothing on it, for feeds before the first release."""
    return ScheduleRelease(
        event=event,
        number=0,
        released_at=event.last_published_at or timezone.now(),
        programme={
            "event": {
                "name": event.name,
                "slug": event.slug,
                "date": event.date.isoformat(),
                "time_zone": event.time_zone,
            },
            "tracks": [],
            "items": [],
        },
    )


def mark_now_and_next(items, event, now):
    """Flag what is on at `now` and what starts soonest after it, while the event is on."""
    if not items:
        return
    first_start = min(item.starts_at for item in items)
    last_end = max(item.ends_at for item in items)
    on_the_day = timezone.localtime(now, event.tz).date() == event.date
    if not (on_the_day or first_start <= now < last_end):
        return
    next_start = min((item.starts_at for item in items if item.starts_at > now), default=None)
    for item in items:
        item.is_now = item.starts_at <= now < item.ends_at
        item.is_next = item.starts_at == next_start
