"""The free slots of a day's sessions, and which of them each accepted breakout may take.

A free slot is a room and a start inside a session's breakout window, for the event's
breakout length, in which the room has nothing booked. Starts are those the session's
breakouts already use (so a slot left by a move is offered again), then a packing from the
window's start, one length after another; in each room no two free slots overlap. Whether a
breakout may take a slot is the one check of a slot (slots.py) plus the two double bookings
PostgreSQL refuses (the room, the presenter), judged here on rows already read: no query.
The scheduling transitions judge again under lock when the organizer chooses.
"""

from dataclasses import dataclass
from datetime import datetime

from .breakout_settings import breakout_settings_for
from .breakout_window import breakout_window_of
from .models import ScheduleItem
from .slots import slot_problems


@dataclass(frozen=True)
class Slot:
    track: object
    room: object
    starts_at: datetime
    ends_at: datetime

    @property
    def key(self):
        """ "<session id>-<room id>-<start in Unix seconds>": what a choice of this slot posts."""
        return f"{self.track.pk}-{self.room.pk}-{int(self.starts_at.timestamp())}"


def overlaps(starts_at, ends_at, other_starts, other_ends):
    """Half-open ranges, as the exclusion constraints compare them."""
    return starts_at < other_ends and other_starts < ends_at


def _starts(track, window, breakout_items, length):
    used = sorted({item.starts_at for item in breakout_items if item.track_id == track.pk})
    packed, start = [], window.starts_at
    while start + length <= window.ends_at:
        packed.append(start)
        start += length
    return used + [start for start in packed if start not in used]


def free_slots(event, tracks, rooms, items):
    """Every free slot of the day, by session, start and room (the rooms in their order);
    `tracks` come with their breakout windows (none: no slot in that session)."""
    length = breakout_settings_for(event).length
    breakout_items = [item for item in items if item.kind == ScheduleItem.Kind.BREAKOUT]
    booked = {room.pk: [] for room in rooms}
    for item in items:
        if item.room_id in booked:
            booked[item.room_id].append((item.starts_at, item.ends_at))
    found = []
    for track in tracks:
        window = breakout_window_of(track)
        if window is None:
            continue
        starts = _starts(track, window, breakout_items, length)
        for room in rooms:
            taken = list(booked[room.pk])
            for start in starts:
                end = start + length
                if start < window.starts_at or end > window.ends_at:
                    continue
                if any(overlaps(start, end, *other) for other in taken):
                    continue
                taken.append((start, end))
                found.append(Slot(track, room, start, end))
    order = {room.pk: position for position, room in enumerate(rooms)}
    return sorted(
        found,
        key=lambda slot: (slot.track.position, slot.track.pk, slot.starts_at, order[slot.room.pk]),
    )


def slots_for(breakout, slots, items, event):
    """The free slots `breakout` may take: the one check of a slot passes, and its presenter
    has no other breakout at that time."""
    busy = [
        (item.starts_at, item.ends_at)
        for item in items
        if item.presenter_id == breakout.submitter_id and item.breakout_id != breakout.pk
    ]
    # One unsaved item, moved from slot to slot: the check reads only its fields and rows.
    candidate = ScheduleItem(event=event, kind=ScheduleItem.Kind.BREAKOUT, breakout=breakout)
    allowed = []
    for slot in slots:
        if any(overlaps(slot.starts_at, slot.ends_at, *other) for other in busy):
            continue
        candidate.track, candidate.room = slot.track, slot.room
        candidate.starts_at, candidate.ends_at = slot.starts_at, slot.ends_at
        if not slot_problems(candidate):
            allowed.append(slot)
    return allowed
