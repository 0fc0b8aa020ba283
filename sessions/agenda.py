"""My agenda: the items an attendee starred, by guid, read against the latest release.

Stars name an item's guid, which stays the same across releases, so a starred breakout that
moves is still starred, and one cancelled later is shown as removed instead of vanishing.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse

from .models import AgendaFeed, ScheduleRelease, Star
from .reminders import plan_for_user

MERGE_LIMIT = 500  # more than any programme holds; a bigger list is not a browser's stars


def as_guid(value):
    """The UUID in `value`, or None when it is not one."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """One line of the agenda: an item of the latest release, or one a release cancelled
    (`cancelled_in` its number)."""

    id: int
    guid: str
    title: str
    track: str | None
    room: str | None
    starts: datetime
    ends: datetime
    cancelled_in: int | None = None

    @property
    def url(self):
        return reverse("schedule_item", args=[self.id])

    @classmethod
    def of_item(cls, item):
        """From a snapshot.ReleasedItem."""
        return cls(
            item.id, item.guid, item.title, item.track, item.room, item.starts_at, item.ends_at
        )

    @classmethod
    def of_cancelled(cls, found):
        """From one of `cancelled_items`' values."""
        return cls(
            found["id"],
            found["guid"],
            found["title"],
            found.get("track"),
            found.get("room"),
            datetime.fromisoformat(found["starts_at"]),
            datetime.fromisoformat(found["ends_at"]),
            found["cancelled_in"],
        )


def items_of(release):
    """The items of a snapshot.PublishedRelease (none before the first)."""
    return release.snapshot.items if release else ()


def guids_in(release):
    return {item.guid for item in items_of(release)}


def starred_guids(user, event):
    """The guids `user` starred for `event`, as strings, oldest star first."""
    return [
        str(guid)
        for guid in Star.objects.filter(user=user, event=event).values_list("guid", flat=True)
    ]


def set_star(user, event, guid, *, release, starred=None):
    """Star or unstar one item (`starred=None` toggles); returns whether it is now starred.

    Only an item of the latest release can be starred; any star can be taken off. The unique
    constraint settles two clicks at once: the second insert is a no-op.
    """
    with transaction.atomic():
        if starred is None:
            starred = not Star.objects.filter(user=user, event=event, guid=guid).exists()
        if not starred:
            Star.objects.filter(user=user, event=event, guid=guid).delete()
        elif str(guid) not in guids_in(release):
            raise LookupError("This item is not on the schedule.")
        else:
            Star.objects.bulk_create(
                [Star(user=user, event=event, guid=guid)], ignore_conflicts=True
            )
        plan_for_user(user, event)  # a reminder before it, if they asked for them
        return starred


def merge_stars(user, event, guids, *, release):
    """The stars a browser kept before its owner logged in, added to their account; returns
    how many of them are on the schedule (unknown or cancelled guids are dropped)."""
    wanted = {guid for guid in map(as_guid, list(guids)[:MERGE_LIMIT]) if guid}
    known = [guid for guid in wanted if str(guid) in guids_in(release)]
    with transaction.atomic():
        Star.objects.bulk_create(
            [Star(user=user, event=event, guid=guid) for guid in known], ignore_conflicts=True
        )
        plan_for_user(user, event)
    return len(known)


def cancelled_items(event, guids=None):
    """{guid: the item as last released} for the given guids (all, when None) that a release
    cancelled, from the change log (the latest cancellation wins), in one query."""
    if guids is not None and not guids:
        return {}
    found = {}
    releases = ScheduleRelease.objects.filter(event=event).defer("programme").order_by("number")
    for release in releases:
        for change in release.changes:
            if change["what"] == "cancelled" and (guids is None or change["guid"] in guids):
                found[change["guid"]] = {
                    "id": change["id"],
                    "guid": change["guid"],
                    "title": change["title"],
                    **change["before"],
                    "cancelled_in": release.number,
                }
    return found


def agenda(event, programme, starred=None):
    """(items, cancelled) of the published `programme`, in time order: the starred items and
    both sessions' blocks (as the schedule has them, marked now, next or over), and the starred
    items cancelled since (each an AgendaEntry). With `starred` None, every item and every
    cancelled one (a browser's stars narrow them on the page)."""
    on_schedule = {item.guid for item in programme.items}
    if starred is None:
        items = programme.items
        gone = cancelled_items(event)
    else:
        starred = set(starred)
        items = [item for item in programme.items if item.guid in starred or item.track is None]
        gone = cancelled_items(event, starred - on_schedule)
    cancelled = [item for guid, item in gone.items() if guid not in on_schedule]
    return (
        list(items),
        sorted((AgendaEntry.of_cancelled(item) for item in cancelled), key=lambda e: e.starts),
    )


def renew_feed(user, event):
    """A new secret address for `user`'s agenda feed; the old one stops working at once."""
    with transaction.atomic():
        feed = AgendaFeed.objects.select_for_update().filter(user=user, event=event).first()
        if feed is None:
            try:
                with transaction.atomic():
                    return AgendaFeed.objects.create(user=user, event=event)
            except IntegrityError:  # created by a request at the same moment: renew that one
                feed = AgendaFeed.objects.select_for_update().get(user=user, event=event)
        feed.token = AgendaFeed._meta.get_field("token").default()
        feed.save(update_fields=["token"])
        return feed
