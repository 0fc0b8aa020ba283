"""The programme attendees see: the latest release's snapshot (sessions/snapshot.py), with
what changes by the minute (what is on now, next, over) and what a page filters.

Pages and feeds never read ScheduleItem rows: a draft change is invisible until organizers
release it (sessions/releases.py). The snapshot is shared, read-only, by every page of the
process; each request wraps its items in PublishedItems.
"""

from operator import attrgetter

from django.urls import reverse
from django.utils import timezone

from .snapshot import empty_snapshot, latest_release, released_at_or_now


def _released(name):
    """The released item's field of that name, read through the wrapper."""
    return property(attrgetter(f"released.{name}"))


class PublishedItem:
    """One item of a release (`released`, a snapshot.ReleasedItem) with its page and its
    state for this request: on now, next, over, shown by the page's filters."""

    __slots__ = ("released", "url", "is_now", "is_next", "is_over", "shown")

    id = pk = _released("id")
    guid = _released("guid")
    kind = _released("kind")
    kind_label = _released("kind_label")
    title = _released("title")
    description = _released("description")
    starts_at = _released("starts_at")
    ends_at = _released("ends_at")
    track = _released("track")
    track_slug = _released("track_slug")
    room = _released("room")
    join_url = _released("join_url")
    room_access = _released("room_access")
    recording_url = _released("recording_url")
    breakout = _released("breakout")
    topic = _released("topic")
    speakers = _released("speakers")

    def __init__(self, released, url):
        self.released = released
        self.url = url
        self.is_now = self.is_next = self.is_over = False
        self.shown = True

    def get_absolute_url(self):
        return self.url

    @property
    def format(self):
        return self.breakout.format if self.breakout else ""

    @property
    def topic_slug(self):
        return self.topic.slug if self.topic else ""

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


def item_urls():
    """item id → its page, from one reverse() for every item."""
    page = reverse("schedule_item", args=[0])
    prefix = page[: page.rindex("0/")]
    return lambda pk: f"{prefix}{pk}/"


class Programme:
    """A release's items in time order, its tracks and its topics; empty before the first.
    `release` is a snapshot.PublishedRelease, or None."""

    def __init__(self, event, release, now=None):
        self.event = event
        self.release = release
        self.now = now or timezone.now()
        self.snapshot = release.snapshot if release else empty_snapshot(event)
        self.tracks = self.snapshot.tracks
        url_of = item_urls()
        self.items = [PublishedItem(item, url_of(item.id)) for item in self.snapshot.items]
        for item in self.items:
            item.is_over = item.ends_at <= self.now
        mark_now_and_next(self.items, event, self.now)

    def __bool__(self):
        return bool(self.items)

    @property
    def number(self):
        return self.release.number if self.release else 0

    @property
    def released_at(self):
        return released_at_or_now(self.release, self.event)

    def item(self, pk):
        return next((item for item in self.items if item.id == pk), None)

    def topics(self):
        """The breakouts' topics, by name: what the topic filter offers."""
        found = {item.topic.slug: item.topic.name for item in self.items if item.topic}
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
