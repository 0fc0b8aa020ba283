"""Schedule releases: organizers edit the schedule as a draft; a release publishes it.

`snapshot` writes the day as plain data (what pages and feeds show; sessions/snapshot.py
reads it back, typed), `changes_between` the change log between two snapshots' items, and
`release_schedule` is the transition: a numbered release with its snapshot and change log,
one email per presenter whose own slots changed, and the public version bumped. Attendees
and every feed read only the latest release.
"""

from collections import defaultdict
from dataclasses import asdict
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import slugify

from ecosystem_day.accounts.models import User
from ecosystem_day.event.frozen import check_writable
from ecosystem_day.event.models import PublicVersion
from ecosystem_day.event.object_urls import edition_url
from ecosystem_day.infra.constraints import refused_by_constraints
from ecosystem_day.infra.mail import prepare_email, queue_emails, site_link, zone_of

from .breakout_window import breakout_window_of
from .models import ScheduleRelease, Speaker
from .reminders import plan_after_release
from .slots import refuse_a_broken_draft
from .snapshot import SCHEMA_VERSION, latest_release, read_snapshot, snapshot_of

DETAIL_FIELDS = ("title", "description", "kind", "speakers", "recording_url", "join_url")
TOLD_TO_PRESENTERS = {"added", "moved", "cancelled"}


class NothingToRelease(ValidationError):
    """The draft is the schedule attendees already see."""


class ReleasedMeanwhile(ValidationError):
    """Another organizer released a version after the one this organizer's page showed."""

    def __init__(self, release):
        by = release.released_by.name if release.released_by else "another organizer"
        moment = format_date(release.released_at.astimezone(release.event.tz), "l, F j, g:i A T")
        super().__init__(
            f"Version {release.number} of the schedule was released by {by} on {moment}, after "
            "the version your page showed: yours was not. Review its changes below and release "
            "again if the draft still differs."
        )


def _iso(moment):
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def snapshot(event):
    """The event's programme as it stands, as plain data, in three queries."""
    items = (
        event.schedule_items.on_the_programme()
        .select_related("track", "room", "breakout__submitter", "breakout__poster__topic")
        .prefetch_related(Prefetch("speakers", queryset=Speaker.objects.order_by("position")))
        .order_by("starts_at", "track__position", "room__position", "pk")
    )
    tracks = list(event.tracks.select_related("breakout_window"))
    return {
        "schema_version": SCHEMA_VERSION,
        "event": {
            "name": event.name,
            "slug": event.slug,
            "date": event.date.isoformat(),
            "time_zone": event.time_zone,
        },
        "tracks": [
            {
                "id": track.pk,
                "slug": track.slug,
                "name": track.name,
                "position": track.position,
                "starts_at": _iso(track.starts_at),
                "ends_at": _iso(track.ends_at),
                **_window(breakout_window_of(track)),
            }
            for track in tracks
        ],
        "items": [_item(item) for item in items],
    }


def _window(window):
    if window is None:
        return {"breakouts_start_at": None, "breakouts_end_at": None}
    return {
        "breakouts_start_at": _iso(window.starts_at),
        "breakouts_end_at": _iso(window.ends_at),
    }


def _topic(breakout):
    """The breakout's poster's topic, which the schedule filters on; slugged from its name."""
    if breakout is None:
        return None
    topic = breakout.poster.topic
    return {"slug": slugify(topic.name) or f"topic-{topic.pk}", "name": topic.name}


def _item(item):
    breakout = item.breakout
    return {
        "id": item.pk,
        "guid": str(item.guid),
        "kind": item.kind,
        "kind_label": item.get_kind_display(),
        "title": item.display_title,
        "description": item.description or (breakout.description if breakout else ""),
        "starts_at": _iso(item.starts_at),
        "ends_at": _iso(item.ends_at),
        "track": item.track.name if item.track_id else None,
        "track_slug": item.track.slug if item.track_id else None,
        "room": item.room.name if item.room_id else None,
        "join_url": item.room.join_url if item.room_id else "",
        "room_access": item.room.access if item.room_id else "",
        "recording_url": item.recording_url,
        "breakout": {
            "id": breakout.pk,
            "format": breakout.format,
            "format_label": breakout.get_format_display(),
            "presenter": {"id": breakout.submitter_id, "name": breakout.submitter.name},
            "poster": {"id": breakout.poster_id, "title": breakout.poster.title},
        }
        if breakout
        else None,
        "topic": _topic(breakout),
        "speakers": [
            {
                "id": speaker.pk,
                "name": speaker.name,
                "affiliation": speaker.affiliation,
                "bio": speaker.bio,
            }
            for speaker in item.speakers.all()
        ],
    }


def _slot(item):
    """Where and when an item is, as the change log stores it."""
    return {
        "starts_at": _iso(item.starts_at),
        "ends_at": _iso(item.ends_at),
        "room": item.room,
        "track": item.track,
    }


def _detail(item, name):
    value = getattr(item, name)
    return [asdict(speaker) for speaker in value] if name == "speakers" else value


def changes_between(before, after):
    """The change log from one snapshot's items to another's (snapshot.ReleasedItems): added,
    moved, cancelled, and changed (same place, new details such as the title). Items are
    matched by their guid."""
    old = {item.guid: item for item in before}
    new = {item.guid: item for item in after}
    changes = []
    for guid, item in new.items():
        if guid not in old:
            changes.append(_change("added", item, after=_slot(item)))
        elif _slot(old[guid]) != _slot(item):
            changes.append(_change("moved", item, before=_slot(old[guid]), after=_slot(item)))
        else:
            details = {
                name: _detail(old[guid], name)
                for name in DETAIL_FIELDS
                if getattr(old[guid], name) != getattr(item, name)
            }
            if details:
                changes.append(_change("changed", item, before=details))
    for guid, item in old.items():
        if guid not in new:
            changes.append(_change("cancelled", item, before=_slot(item)))
    return sorted(changes, key=lambda change: (change["when"], change["title"]))


def _change(what, item, before=None, after=None):
    presenter = item.breakout.presenter if item.breakout else None
    return {
        "what": what,
        "guid": item.guid,
        "id": item.id,
        "title": item.title,
        "presenter": {"id": presenter.id, "name": presenter.name} if presenter else None,
        "join_url": item.join_url,
        "before": before,
        "after": after,
        "when": (after or before)["starts_at"] if what != "changed" else _iso(item.starts_at),
    }


def latest_release_row(event):
    """The latest release's row (who released it, its note and change log), or None."""
    return event.schedule_releases.select_related("released_by").order_by("-number").first()


def draft_changes(event, latest):
    """(the draft as a snapshot.Snapshot, its changes against `latest`, a release row or
    None): what the next release would publish and tell."""
    draft = read_snapshot(snapshot(event))
    before = snapshot_of(latest).items if latest else ()
    return draft, changes_between(before, draft.items)


def release_schedule(event, *, by, note="", at=None, seen=None):
    """Publish the draft as the next release, with its change log; each presenter whose own
    slots changed is emailed once. Raises NothingToRelease when nothing changed,
    slots.BrokenSlots, naming them, when items break the scheduling rules, and
    PastEditionReadOnly for a past edition (its calendar events keep their SEQUENCE).

    `seen` is the number of the release the organizer's page showed (0 for none): when another
    was released since, or is released at this very moment (the number's unique constraint),
    ReleasedMeanwhile says which and by whom, and nothing is released."""
    check_writable(event)
    with transaction.atomic():
        refuse_a_broken_draft(event)
        previous = latest_release(event)
        if seen is not None and previous is not None and previous.number > seen:
            raise ReleasedMeanwhile(latest_release_row(event))
        programme = snapshot(event)
        draft = read_snapshot(programme)
        changes = changes_between(previous.snapshot.items if previous else (), draft.items)
        if previous and draft == previous.snapshot:
            raise NothingToRelease(
                f"Nothing changed since version {previous.number}: there is nothing to release."
            )
        release = ScheduleRelease(
            event=event,
            number=previous.number + 1 if previous else 1,
            released_at=at or timezone.now(),
            released_by=by,
            note=note,
            programme=programme,
            changes=changes,
        )
        try:
            with refused_by_constraints():
                release.save()
        except ValidationError as refusal:
            winner = latest_release_row(event)  # committed by the other release, which won
            if winner is None or winner.number < release.number:
                raise
            raise ReleasedMeanwhile(winner) from refusal
        queue_emails(_presenters_emails(event, release))
        PublicVersion.bump(event.pk)
        plan_after_release(event)
    return release


def _presenters_emails(event, release):
    """One email per presenter, listing only their own items that changed."""
    by_presenter = defaultdict(list)
    for change in release.changes:
        if change["presenter"] and change["what"] in TOLD_TO_PRESENTERS:
            by_presenter[change["presenter"]["id"]].append(change)
    people = User.objects.in_bulk(list(by_presenter))
    return [
        _presenters_email(people[person], event, release, changes)
        for person, changes in by_presenter.items()
        if person in people
    ]


def _presenters_email(person, event, release, changes):
    """Their changes in their own zone, each with its page and calendar file to add it."""
    zone = zone_of(person, event)
    told = []
    for change in changes:
        line = said(change, event, zone)
        if change["what"] != "cancelled":
            line["item_url"] = site_link(edition_url(event, "schedule_item", [change["id"]]))
            line["calendar_url"] = site_link(
                edition_url(event, "schedule_item_ics", [change["id"]])
            )
        told.append(line)
    return prepare_email(
        "schedule-released-to-presenter",
        person.email,
        {
            "name": person.name,
            "event": {"name": event.name, "date": event.date},
            "release": {"number": release.number, "note": release.note},
            "changes": told,
            "scheduled": any("item_url" in line for line in told),
            "schedule_url": site_link(edition_url(event, "schedule")),
            "time_zone": zone.key,
            "profile_url": site_link(reverse("profile")),
        },
    )


def when_and_where(slot, event, zone=None):
    """ "Wednesday, April 21, 2021, 9:00 AM–9:40 AM PDT (America/Los_Angeles), Breakout room 1",
    in `zone` (the event's unless given)."""
    zone = zone or event.tz
    starts = datetime.fromisoformat(slot["starts_at"]).astimezone(zone)
    ends = datetime.fromisoformat(slot["ends_at"]).astimezone(zone)
    place = f", {slot['room']}" if slot.get("room") else ""
    return (
        f"{format_date(starts, 'l, F j, Y, g:i A')}–{format_date(ends, 'g:i A T')} "
        f"({zone.key}){place}"
    )


def said(change, event, zone=None, *, with_join_url=True):
    """One change in words, for an email (in its recipient's zone) or the change log (public:
    `with_join_url=False`, the room's link is for its presenters and registered attendees)."""
    what = change["what"]
    join = ""
    if with_join_url and change["join_url"]:
        join = f"; presenters and attendees join at {change['join_url']}"
    before = when_and_where(change["before"], event, zone) if what in ("moved", "cancelled") else ""
    after = when_and_where(change["after"], event, zone) if what in ("added", "moved") else ""
    if what == "added":
        summary = f"now on the schedule: {after}{join}"
    elif what == "moved":
        summary = f"moved from {before} to {after}{join}"
    elif what == "cancelled":
        summary = f"no longer on the schedule (was {before})"
    elif "title" in change["before"]:
        summary = f"renamed (was “{change['before']['title']}”)"
    else:
        summary = f"{', '.join(sorted(change['before'])).replace('_', ' ')} updated"
    return {"title": change["title"], "what": what, "summary": summary}
