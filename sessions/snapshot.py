"""The one reader of what a schedule release published.

A release stores the day as JSON (written by sessions/releases.py `snapshot`); every page,
feed, email and admin screen reads it here, as frozen, typed objects, and nowhere else
indexes its dicts (tests/test_architecture.py holds that). The JSON carries
`schema_version`; a release made before it was recorded reads as version 1.

Version 2 gives each session of the day its span (`starts_at`, `ends_at`: when it runs) and
its breakout window apart. A version-1 snapshot kept only the window: its span reads as the
window widened to that session's items (the 8:00 opening before the 9:00 breakouts), as
pages showed it then.

Releases are never edited (ScheduleRelease.save refuses), so a release's snapshot is
decoded once per process and kept by the release's id (ecosystem_day/infra/memo.py).
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection
from django.utils import timezone

from ecosystem_day.infra.memo import Memo, memoize

from .models import ScheduleRelease

SCHEMA_VERSION = 2
READABLE_VERSIONS = (1, 2)


class UnknownSchemaVersion(ValueError):
    """A snapshot written by a newer version of the site than this one reads."""


@dataclass(frozen=True, slots=True)
class ReleasedEvent:
    name: str
    slug: str
    date: date
    time_zone: str


@dataclass(frozen=True, slots=True)
class ReleasedTrack:
    """A session of the day (Morning, Evening): its span (when it runs) and its breakout
    window (None: it had none), as released."""

    id: int
    slug: str
    name: str
    position: int
    starts_at: datetime
    ends_at: datetime
    breakouts_start_at: datetime | None
    breakouts_end_at: datetime | None


@dataclass(frozen=True, slots=True)
class ReleasedPresenter:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class ReleasedPoster:
    id: int
    title: str


@dataclass(frozen=True, slots=True)
class ReleasedBreakout:
    id: int
    format: str
    format_label: str
    presenter: ReleasedPresenter
    poster: ReleasedPoster


@dataclass(frozen=True, slots=True)
class ReleasedTopic:
    """The breakout's poster's topic, which the schedule filters on."""

    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class ReleasedSpeaker:
    id: int
    name: str
    affiliation: str
    bio: str


@dataclass(frozen=True, slots=True)
class ReleasedItem:
    """One item of the programme; `track` and `room` are names (None for both sessions, or
    no room), `breakout` and `topic` None for programme blocks."""

    id: int
    guid: str
    kind: str
    kind_label: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    track: str | None
    track_slug: str | None
    room: str | None
    join_url: str
    room_access: str  # "public" (a livestream) or "registered"
    recording_url: str
    breakout: ReleasedBreakout | None
    topic: ReleasedTopic | None
    speakers: tuple[ReleasedSpeaker, ...]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The day as one release published it: the event, its sessions, its items in time order.
    Two snapshots that publish the same day are equal, whatever version stored them."""

    schema_version: int = field(compare=False)
    event: ReleasedEvent
    tracks: tuple[ReleasedTrack, ...]
    items: tuple[ReleasedItem, ...]


@dataclass(frozen=True, slots=True)
class PublishedRelease:
    """The latest release as pages need it: its number, when, and what it published."""

    id: int
    number: int
    released_at: datetime
    snapshot: Snapshot


def _breakout(data):
    if data is None:
        return None
    return ReleasedBreakout(
        id=data["id"],
        format=data["format"],
        format_label=data["format_label"],
        presenter=ReleasedPresenter(**data["presenter"]),
        poster=ReleasedPoster(**data["poster"]),
    )


def _item(data):
    topic = data.get("topic")  # releases made before topics were recorded lack it
    return ReleasedItem(
        id=data["id"],
        guid=data["guid"],
        kind=data["kind"],
        kind_label=data["kind_label"],
        title=data["title"],
        description=data["description"],
        starts_at=datetime.fromisoformat(data["starts_at"]),
        ends_at=datetime.fromisoformat(data["ends_at"]),
        track=data["track"],
        track_slug=data["track_slug"],
        room=data["room"],
        join_url=data["join_url"],
        # Releases made before rooms had an access setting: registered-only, the default.
        room_access=data.get("room_access") or "registered",
        recording_url=data["recording_url"],
        breakout=_breakout(data["breakout"]),
        topic=ReleasedTopic(**topic) if topic else None,
        speakers=tuple(ReleasedSpeaker(**speaker) for speaker in data["speakers"]),
    )


def _moment(text):
    return datetime.fromisoformat(text) if text else None


def _track(data, items):
    """A v2 track as stored; a v1 track's span is its window widened to its items."""
    window = (_moment(data["breakouts_start_at"]), _moment(data["breakouts_end_at"]))
    if "starts_at" in data:
        span = (_moment(data["starts_at"]), _moment(data["ends_at"]))
    else:
        own = [item for item in items if item.track_slug == data["slug"]]
        span = (
            min([window[0], *(item.starts_at for item in own)]),
            max([window[1], *(item.ends_at for item in own)]),
        )
    return ReleasedTrack(
        id=data["id"],
        slug=data["slug"],
        name=data["name"],
        position=data["position"],
        starts_at=span[0],
        ends_at=span[1],
        breakouts_start_at=window[0],
        breakouts_end_at=window[1],
    )


def read_snapshot(data):
    """The Snapshot in a release's stored JSON (or in a draft `releases.snapshot` wrote)."""
    version = data.get("schema_version", 1)
    if version not in READABLE_VERSIONS:
        raise UnknownSchemaVersion(
            f"This release's snapshot is of schema version {version}; this site reads "
            f"versions {', '.join(map(str, READABLE_VERSIONS))}."
        )
    event = data["event"]
    items = tuple(_item(item) for item in data["items"])
    return Snapshot(
        schema_version=version,
        event=ReleasedEvent(
            name=event["name"],
            slug=event["slug"],
            date=date.fromisoformat(event["date"]),
            time_zone=event["time_zone"],
        ),
        tracks=tuple(_track(track, items) for track in data["tracks"]),
        items=items,
    )


def empty_snapshot(event):
    """Nothing on it: what feeds and pages read before the first release."""
    return Snapshot(
        schema_version=SCHEMA_VERSION,
        event=ReleasedEvent(event.name, event.slug, event.date, event.time_zone),
        tracks=(),
        items=(),
    )


# The snapshots this process has decoded, by release id.
DECODED = Memo(maxsize=8)

# One query: the latest release, and its snapshot unless this process holds it already.
# Through the ORM the same query cost twice as much as the rest of a cold feed.
LATEST_RELEASE_SQL = """
SELECT id, number, released_at,
       CASE WHEN id = ANY(%s) THEN NULL ELSE programme::text END
FROM {table} WHERE event_id = %s ORDER BY number DESC LIMIT 1
"""


def latest_release(event):
    """The event's latest release as a PublishedRelease, or None before the first."""
    return latest_release_of(event.pk)


def latest_release_of(event_id):
    """`latest_release` by the event's id, for a row that holds only that."""
    table = connection.ops.quote_name(ScheduleRelease._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(LATEST_RELEASE_SQL.format(table=table), [DECODED.keys(), event_id])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, number, released_at, text = row
    if text is None:
        snapshot = DECODED.get(pk)
        if snapshot is None:  # dropped by another thread since: read it again
            DECODED.cache_clear()
            return latest_release_of(event_id)
    else:
        snapshot = read_snapshot(json.loads(text))
        DECODED.put(pk, snapshot)
    return PublishedRelease(pk, number, released_at, snapshot)


def public_latest_release(event):
    """`latest_release` as the public pages show it: kept by this process per edition and
    public version, so a warm page makes no query. Releases are never edited and every
    release bumps the version (after it commits), so a new one shows as soon as the version
    does. Not for rules (a release's number, the desk): they read `latest_release`."""
    return _latest_release_at(event.pk, event.public_version_number)


@memoize(maxsize=16)
def _latest_release_at(event_id, version):
    return latest_release_of(event_id)


def snapshot_of(release):
    """The Snapshot of a ScheduleRelease row already loaded, decoded once per process."""
    snapshot = DECODED.get(release.pk)
    if snapshot is None:
        snapshot = read_snapshot(release.programme)
        DECODED.put(release.pk, snapshot)
    return snapshot


def released_at_or_now(release, event):
    """When attendees last saw the programme change: the release's time, else the event's
    last publication, else now (a feed's stamp before the first release)."""
    if release is not None:
        return release.released_at
    return event.last_published_at or timezone.now()
