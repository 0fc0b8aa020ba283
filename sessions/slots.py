"""One check of a slot on the schedule, for every path that places, moves or re-times one.

`slot_problems(item)` is the rule. The model's `clean` (so the admin's form), the scheduling
transitions, a change of a session's window or of the breakout length (run over every
breakout it constrains) and the release all call it, so a slot is judged the same way
wherever it changes. It reads only the item and the rows it points at.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError

from posters.models import ACCEPTED_STATES

from .breakout_settings import breakout_settings_for
from .breakout_window import breakout_window_of

RELEASE_REFUSED = (
    "The draft breaks the scheduling rules, so it was not released. Fix these items first:"
)
CHANGE_REFUSED = (
    "Nothing was changed: these scheduled breakouts would break the rules. Move them first:"
)


class BrokenSlots(ValidationError):
    """A change or a release refused because of the slots it names, each with its reasons."""

    def __init__(self, lead, broken):
        super().__init__(
            [lead, *(f"{described(item)}: {' '.join(reasons)}" for item, reasons in broken)]
        )


def slot_problems(item):
    """What is wrong with `item`'s place, by field ({} if nothing). Any item uses rows of its
    own event and ends after it starts; a breakout is accepted, has a room and a session,
    runs inside that session's breakout window and lasts the event's breakout length."""
    problems = defaultdict(list)
    for name in ("track", "room", "breakout"):
        related = getattr(item, name) if getattr(item, f"{name}_id") else None
        if related is not None and item.event_id and related.event_id != item.event_id:
            problems[name].append(f"This {name} belongs to another event.")
    if problems:  # the other rules would be another event's
        return dict(problems)
    if item.kind != item.Kind.BREAKOUT:
        if item.breakout_id:
            problems["breakout"].append("Only breakout items take a breakout.")
        if not item.ends_at:
            problems["ends_at"].append("Give the end time.")
        elif item.starts_at and item.ends_at <= item.starts_at:
            problems["ends_at"].append("The end must come after the start.")
        return dict(problems)
    if not item.breakout_id:
        return {"breakout": ["Choose the accepted breakout to schedule."]}
    breakout = item.breakout
    if breakout.status not in ACCEPTED_STATES or breakout.poster.status not in ACCEPTED_STATES:
        problems["breakout"].append("Only accepted breakouts can be scheduled.")
    if not item.room_id:
        problems["room"].append("A breakout needs a room.")
    if not item.track_id:
        problems["track"].append("A breakout belongs to a track.")
    if item.starts_at and item.ends_at and item.event_id:
        for field, message in _time_problems(item):
            problems[field].append(message)
    return dict(problems)


def _time_problems(item):
    zone, length = item.event.tz, breakout_settings_for(item.event).length
    starts, ends = item.starts_at.astimezone(zone), item.ends_at.astimezone(zone)
    track = item.track if item.track_id else None
    window = breakout_window_of(track) if track else None
    if track and window is None:
        yield ("track", f"{track.name} has no breakout window yet: give it one first.")
    elif window and (item.starts_at < window.starts_at or item.ends_at > window.ends_at):
        yield (
            "starts_at",
            f"{track.name} breakouts run from {window.starts_at.astimezone(zone):%H:%M} "
            f"to {window.ends_at.astimezone(zone):%H:%M} ({zone.key}); "
            f"this one would run {starts:%H:%M}–{ends:%H:%M}.",
        )
    if item.ends_at - item.starts_at != length:
        yield (
            "ends_at",
            f"Breakouts last {_minutes(length)} minutes; this one runs {starts:%H:%M}–"
            f"{ends:%H:%M} ({_minutes(item.ends_at - item.starts_at)} minutes): move it.",
        )


def _minutes(duration):
    return int(duration.total_seconds() // 60)


def described(item):
    """ "“Title”, 09:00–09:40 (America/Los_Angeles) in Room A": how organizers find it."""
    zone = item.event.tz
    room = f" in {item.room.name}" if item.room_id else ""
    return (
        f"“{item.display_title}”, {item.starts_at.astimezone(zone):%H:%M}–"
        f"{item.ends_at.astimezone(zone):%H:%M} ({zone.key}){room}"
    )


def reasons(problems):
    """The messages of `slot_problems`' answer, in one list."""
    return [message for messages in problems.values() for message in messages]


def refuse_a_broken_draft(event):
    """Raise BrokenSlots naming every item of the draft that breaks the rules (one query)."""
    items = (
        event.schedule_items.on_the_programme()
        .select_related("event", "track__breakout_window", "room", "breakout__poster")
        .order_by("starts_at", "track__position", "room__position", "pk")
    )
    broken = [(item, found) for item in items if (found := reasons(slot_problems(item)))]
    if broken:
        raise BrokenSlots(RELEASE_REFUSED, broken)
