"""Every change to a breakout, and to its place on the schedule, goes through here.

The rule of the house: a breakout needs its proposer's accepted poster. Every function
locks its rows in one order, checks, saves, records the history and queues the email in one
transaction. The order: the session of the day's row (placing and moving only: the target
session; a change of its window or of the breakout length locks it too), then the poster's,
the breakout's, and the breakout's slot; the event's row is never locked. Decisions and
history reuse the proposal machinery of posters/proposals.py. Placing, moving and removing
slots change the draft schedule, each checked by the one check of a slot (slots.py);
sessions/releases.py publishes it and tells presenters.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateformat import format as format_date

from ecosystem_day.event.frozen import check_writable
from ecosystem_day.event.models import Event, Track
from ecosystem_day.infra.constraints import refused_by_constraints
from posters.call import call_for
from posters.models import ACCEPTED_STATES, OPEN_STATES, PosterProposal
from posters.models import ProposalStatus as Status
from posters.proposals import InvalidStatusChange, check_permission, lock, notify
from posters.proposals import record_status_changes as record_many
from posters.services import lock_poster

from . import slots
from .breakout_settings import breakout_settings_for
from .models import BreakoutProposal, BreakoutStatusChange, ScheduleItem, SlotChange
from .slots import slot_problems


class BreakoutsClosed(PermissionDenied):
    def __init__(self, event):
        if breakout_settings_for(event).deadline is None:
            message = "Breakout proposals are not open yet."
        else:
            local = timezone.localtime(breakout_settings_for(event).deadline, event.tz)
            message = (
                f"Breakout proposals closed on {format_date(local, 'l, F j, Y, g:i:s A T')} "
                f"({event.time_zone})."
            )
        super().__init__(message)


class NoAcceptedPoster(PermissionDenied):
    """The proposer has no accepted poster to attach a breakout to; says what to do next."""


def breakout_gate(user, event):
    """Why `user` cannot propose a breakout for `event` now, or None if they can."""
    posters = PosterProposal.objects.filter(event=event, submitter=user)
    statuses = set(posters.values_list("status", flat=True))
    if statuses & ACCEPTED_STATES:
        return None
    if statuses & OPEN_STATES:
        return NoAcceptedPoster(
            "Breakouts are for presenters of an accepted poster, and your poster is still "
            "being reviewed. We will email you the decision; if it is accepted, come back here."
        )
    if call_for(event).is_open():
        return NoAcceptedPoster(
            "Breakouts are for presenters of an accepted poster. Propose a poster first; "
            "once it is accepted you can propose a breakout."
        )
    return NoAcceptedPoster(
        f"Breakouts are for presenters of an accepted poster, and you have none for {event.name}."
    )


def accepted_posters_of(user, event):
    return PosterProposal.objects.filter(
        event=event, submitter=user, status__in=ACCEPTED_STATES
    ).order_by("title")


def lock_breakout(breakout):
    """The breakout's poster's row, then the breakout's own: the house's one lock order."""
    poster = lock_poster(breakout.poster_id)
    locked = lock(BreakoutProposal, breakout.pk)
    locked.poster = poster
    return locked


def propose_breakout(*, event, submitter, poster, at=None, **fields):
    """Create a breakout attached to `poster`, which must be the submitter's and accepted.

    The poster's row stays locked until commit, so a poster withdrawn or rejected at the
    same moment either sees this breakout (and withdraws it) or makes this call fail.
    """
    check_writable(event)
    at = at or timezone.now()
    with transaction.atomic():
        if not breakout_settings_for(event).is_open(at):
            raise BreakoutsClosed(event)
        locked = (
            PosterProposal.objects.select_for_update(of=("self",))
            .filter(pk=poster.pk, event=event, submitter=submitter)
            .first()
        )
        if locked is None or locked.status not in ACCEPTED_STATES:
            raise breakout_gate(submitter, event) or NoAcceptedPoster(
                "That poster is not one of your accepted posters."
            )
        breakout = BreakoutProposal(
            event=event, submitter=submitter, poster=locked, created_at=at, **fields
        )
        breakout.full_clean()
        breakout.save()
        BreakoutStatusChange.objects.create(
            proposal=breakout, changed_by=submitter, changed_at=at, to_status=Status.SUBMITTED
        )
        notify(breakout, "breakout-submitted")
    return breakout


def change_breakout_status(breakout, to_status, *, by, note="", at=None):
    """Accept, wait-list or reject a breakout (organizers), or withdraw it (its proposer too).

    Only a breakout whose poster is accepted can be accepted; one that stops being accepted
    leaves the schedule.
    """
    changed, refused = change_breakout_statuses([breakout], to_status, by=by, note=note, at=at)
    if refused:
        raise refused[0]
    if not changed:
        raise BreakoutProposal.DoesNotExist(f"No breakout {breakout.pk}.")
    return changed[0]


def change_breakout_statuses(breakouts, to_status, *, by, note="", at=None, seen=None):
    """Decide several breakouts at once, in one transaction: their posters' rows locked first,
    then theirs, each in id order; `seen` as for posters. Returns (changed breakouts,
    refusals)."""
    ids = [breakout.pk for breakout in breakouts]
    with transaction.atomic():
        poster_ids = BreakoutProposal.objects.filter(pk__in=ids).values_list("poster_id")
        posters = {
            poster.pk: poster
            for poster in PosterProposal.objects.select_for_update(of=("self",))
            .filter(pk__in=poster_ids)
            .order_by("pk")
        }
        locked = list(
            BreakoutProposal.objects.select_for_update(of=("self",))
            .select_related("event", "submitter")
            .filter(pk__in=ids)
            .order_by("pk")
        )
        candidates, refused = [], []
        for row in locked:
            check_writable(row.event)
            row.poster = posters[row.poster_id]
            check_permission(row, to_status, by)
            if to_status in ACCEPTED_STATES and row.poster.status not in ACCEPTED_STATES:
                refused.append(
                    InvalidStatusChange(
                        f"“{row.title}” cannot be accepted: its poster “{row.poster.title}” is "
                        f"{row.poster.get_status_display().lower()}."
                    )
                )
            else:
                candidates.append(row)
        moved, also_refused = record_many(candidates, to_status, by=by, note=note, at=at, seen=seen)
        for row, from_status in moved:
            if from_status in ACCEPTED_STATES:
                _take_off_schedule(row, by=by, note=f"The breakout is {row.status}.")
    return [row for row, _ in moved], refused + also_refused


def withdraw_breakouts_of(poster, *, by):
    """A poster that is not accepted takes its breakouts with it, and their proposers are told.

    Called inside the poster's own status change, whose row is already locked.
    """
    check_writable(poster.event)
    if poster.status in ACCEPTED_STATES:
        return
    note = (
        f"Its poster “{poster.title}” is no longer accepted, and a breakout needs an "
        "accepted poster."
    )
    live = (
        BreakoutProposal.objects.select_for_update(of=("self",))
        .select_related("event", "submitter")
        .filter(poster=poster)
        .exclude(status=Status.WITHDRAWN)
        .order_by("pk")
    )
    breakouts = list(live)
    for breakout in breakouts:
        breakout.poster = poster
    moved, _ = record_many(breakouts, Status.WITHDRAWN, by=by, note=note)
    for breakout, from_status in moved:
        if from_status in ACCEPTED_STATES:
            _take_off_schedule(breakout, by=by, note=note)


def lock_track(track):
    """A session of the day's row: the first lock of a placement, so that a change of its
    window or of the breakout length (which lock it too) waits for the placement, or the
    placement for the change and then sees it. Returns the row as it is now."""
    if track is None:
        return None
    return Track.objects.select_for_update(no_key=True).get(pk=track.pk)


def schedule_breakout(breakout, *, track, room, starts_at, by, at=None, item=None):
    """Put an accepted breakout on the schedule, in a room of a session, for the event's length.

    `item`: the new item as the admin's form built it (its texts), saved here once.
    Locks the session, then the poster and the breakout.
    """
    with transaction.atomic():
        track = lock_track(track)
        locked = lock_breakout(breakout)
        if ScheduleItem.objects.filter(breakout=locked).exists():
            raise ValidationError({"breakout": "This breakout is already scheduled: move it."})
        item = item or ScheduleItem(event=locked.event, kind=ScheduleItem.Kind.BREAKOUT)
        return _place(item, locked, None, track=track, room=room, starts_at=starts_at, by=by, at=at)


def move_breakout(breakout, *, track, room, starts_at, by, at=None, item=None):
    """Give a scheduled breakout another session, room or time, in the draft schedule.

    `item`: its item as the admin's form changed it (its texts), saved here once.
    Locks the new session, then the poster, the breakout and its slot.
    """
    with transaction.atomic():
        track = lock_track(track)
        locked = lock_breakout(breakout)
        current = (
            ScheduleItem.objects.select_for_update(of=("self",))
            .select_related("room")
            .filter(breakout=locked)
            .first()
        )
        if current is None:
            raise ValidationError({"breakout": "This breakout is not scheduled yet."})
        return _place(
            item or current,
            locked,
            current,
            track=track,
            room=room,
            starts_at=starts_at,
            by=by,
            at=at,
        )


def unschedule_breakout(breakout, *, by, note=""):
    """Take a breakout off the draft schedule (it stays accepted)."""
    with transaction.atomic():
        locked = lock_breakout(breakout)
        return _take_off_schedule(locked, by=by, note=note)


def _place(item, breakout, current, *, track, room, starts_at, by, at):
    """Save `item` in its new slot, for the event's length as it is now, if the one check of a
    slot and the database's constraints allow it; record the change against `current`."""
    before = (current.starts_at, current.ends_at, current.room.name) if current else (None,) * 3
    if item.event_id == breakout.event_id:
        item.event = breakout.event  # read after the session's lock: its length is current
    item.breakout, item.track, item.room, item.starts_at = breakout, track, room, starts_at
    item.ends_at = starts_at + breakout_settings_for(breakout.event).length
    if problems := slot_problems(item):
        raise ValidationError(problems)
    item.full_clean()  # fields, same event, no double booking: as the database will
    item.save()
    if (item.starts_at, item.ends_at, room.name) != before:
        SlotChange.objects.create(
            breakout=breakout,
            changed_by=by,
            changed_at=at or timezone.now(),
            starts_at_before=before[0],
            room_before=before[2] or "",
            starts_at_after=item.starts_at,
            room_after=room.name,
        )
    return item


def change_breakout_length(settings, *, minutes, by=None):
    """Give the edition's breakouts a new length (with any other edit made to `settings`), if
    every scheduled breakout can follow it; they do, each with a line in its slot history.

    Locks the sessions' rows, in id order, then their slots: placing a breakout locks its
    session's row first, so a placement and a new length never interleave.
    """
    check_writable(Event.objects.get(pk=settings.event_id))
    with transaction.atomic():
        tracks = list(
            Track.objects.select_for_update().filter(event_id=settings.event_id).order_by("pk")
        )
        settings.minutes = minutes
        settings.validate_constraints()
        event = Event.objects.get(pk=settings.event_id)
        event.breakout_settings = settings  # the length as it would be
        follow_breakout_times(event, tracks, by=by)
        with refused_by_constraints():
            settings.save()
    return settings


def follow_breakout_times(event, tracks, *, by, at=None):
    """A session's breakout window (window_changes.py) or the breakout length is changing:
    refuse, naming every breakout scheduled in `tracks` that would break the rules as they
    would be, or re-time them to the edition's length, each with a line in its history.

    Called with the sessions' rows locked (and their windows, as they would be, on them);
    locks their slots (the lock order).
    """
    windows = {track.pk: track for track in tracks}
    items = list(
        ScheduleItem.objects.select_for_update(of=("self",))
        .filter(event=event, kind=ScheduleItem.Kind.BREAKOUT, track__in=list(windows))
        .select_related("room", "breakout__poster")
        .order_by("starts_at", "track__position", "room__position", "pk")
    )
    length, broken, retimed = breakout_settings_for(event).length, [], []
    for item in items:
        was, item.event, item.track = item.ends_at, event, windows[item.track_id]
        item.ends_at = item.starts_at + length
        found = slots.reasons(slot_problems(item))
        if item.ends_at > was:  # starts stay put, so a longer slot checked against the others
            found += clashes(item)  # as they stand finds every clash
        if found:
            broken.append((item, found))
        elif item.ends_at != was:
            retimed.append((item, was))
    if broken:
        raise slots.BrokenSlots(slots.CHANGE_REFUSED, broken)
    ScheduleItem.objects.filter(pk__in=[item.pk for item, _ in retimed]).update(
        ends_at=F("starts_at") + length
    )
    SlotChange.objects.bulk_create(_retimed(item, was, by, at) for item, was in retimed)


def clashes(item):
    """The double bookings PostgreSQL would refuse for `item` (room, presenter), as messages."""
    try:
        item.validate_constraints(exclude={"event", "kind", "breakout"})
    except ValidationError as refusal:
        return refusal.messages
    return []


def _retimed(item, was, by, at):
    zone, minutes = item.event.tz, breakout_settings_for(item.event).minutes
    lasted = int((was - item.starts_at).total_seconds() // 60)
    return SlotChange(
        breakout=item.breakout,
        changed_by=by,
        changed_at=at or timezone.now(),
        starts_at_before=item.starts_at,
        room_before=item.room.name,
        starts_at_after=item.starts_at,
        room_after=item.room.name,
        note=f"Breakouts now last {minutes} minutes (they lasted {lasted}): this one runs "
        f"{item.starts_at.astimezone(zone):%H:%M}–{item.ends_at.astimezone(zone):%H:%M} "
        f"({zone.key}).",
    )


def _take_off_schedule(breakout, *, by, note):
    """Delete the breakout's slot, if it has one, and record it (the next release tells the
    presenter)."""
    item = (
        ScheduleItem.objects.select_for_update(of=("self",))
        .select_related("room", "event")
        .filter(breakout=breakout)
        .first()
    )
    if item is None:
        return None
    SlotChange.objects.create(
        breakout=breakout,
        changed_by=by,
        starts_at_before=item.starts_at,
        room_before=item.room.name if item.room_id else "",
        note=note,
    )
    item.delete()
    return item
