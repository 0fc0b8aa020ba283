"""The schedule as a grid: one section per session of the day, rooms as columns, a time axis.

Rows are 5-minute steps from the section's first start; a block starts on the row of its
start and spans rows for its duration. The page's Content-Security-Policy forbids inline
styles, so each block carries classes from a bounded set that static/css/schedule.css
defines: `r-<row>` (first row), `s-<rows>` (rows spanned), `c-<column>`, `c-all` (a
programme block over every column) and `cols-<n>` on the grid. A section that would need
more rows or columns than the set holds is shown as a plain list, in time order.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

ROW_MINUTES = 5
MAX_ROWS = 288  # 24 hours
MAX_COLUMNS = 8
HEADER_ROWS = 1  # row 1 names the columns; the time axis starts on row 2
BOTH_SESSIONS_OF_THE_DAY = "Both sessions"


@dataclass
class Block:
    item: object
    classes: str = ""


@dataclass
class Section:
    slug: str
    name: str
    blocks: list = field(default_factory=list)
    grid: bool = False
    columns: list = field(default_factory=list)  # (name, class) of each room column
    hours: list = field(default_factory=list)  # (starts, ends, classes) of each axis band
    starts_at: object = None
    ends_at: object = None

    @property
    def column_count(self):
        """Room columns beside the time axis (one, for a session of programme blocks only)."""
        return max(1, len(self.columns))

    @property
    def anchor(self):
        return f"session-{self.slug}"


def now_or_next(found):
    """Where the switcher's "Now" jumps: the shortest item on now, a session's own before one
    for both sessions (an all-day Networking is on now too, but it is not what is on), else
    the first item next."""
    items = [block.item for section in found for block in section.blocks]
    on_now = [item for item in items if item.is_now]
    if on_now:
        return min(
            on_now,
            key=lambda item: (item.track_slug is None, item.ends_at - item.starts_at),
        )
    return next((item for item in items if item.is_next), None)


def sections(programme):
    """Items for both sessions (a list), then one grid per session of the day."""
    found = []
    shared = [item for item in programme.items if item.track_slug is None]
    if shared:
        found.append(_listed("both", BOTH_SESSIONS_OF_THE_DAY, shared))
    for track in programme.tracks:
        items = [item for item in programme.items if item.track_slug == track.slug]
        found.append(_gridded(track.slug, track.name, items))
    return found


def _listed(slug, name, items):
    section = Section(slug, name, [Block(item) for item in items])
    if items:
        section.starts_at = min(item.starts_at for item in items)
        section.ends_at = max(item.ends_at for item in items)
    return section


def _rows(start, end, origin):
    """The first row and row count of [start, end): starts round down, ends round up."""
    first = int((start - origin).total_seconds() // 60) // ROW_MINUTES
    last = -(-int((end - origin).total_seconds() // 60) // ROW_MINUTES)
    return first + HEADER_ROWS + 1, max(1, last - first)


def _overlaps(item, others):
    return any(
        other is not item and other.starts_at < item.ends_at and item.starts_at < other.ends_at
        for other in others
    )


def natural(name):
    """ "Breakout room 2" before "Breakout room 10": digits compare as numbers."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def _columns(items):
    """Lanes of items that never overlap, keyed by room: programme blocks' rooms first, then
    breakout rooms, each by name (so moving one breakout never reorders the columns); an
    overlap in one room (or among items without a room) opens another lane beside it."""
    lanes = []  # [name, end of its last item, [items], holds breakouts]
    for item in sorted(items, key=lambda item: (item.starts_at, item.ends_at, item.id)):
        name = item.room or "Programme"
        lane = next((lane for lane in lanes if lane[0] == name and lane[1] <= item.starts_at), None)
        if lane is None:
            lane = [name, item.ends_at, [], False]
            lanes.append(lane)
        lane[1] = max(lane[1], item.ends_at)
        lane[2].append(item)
        lane[3] = lane[3] or item.kind == "breakout"
    return sorted(lanes, key=lambda lane: (lane[3], natural(lane[0])))


def _gridded(slug, name, items):
    section = _listed(slug, name, items)
    if not items:
        return section
    origin = section.starts_at.replace(second=0, microsecond=0)
    origin -= timedelta(minutes=origin.minute % ROW_MINUTES)
    spanning = {
        id(item) for item in items if item.kind != "breakout" and not _overlaps(item, items)
    }
    lanes = _columns([item for item in items if id(item) not in spanning])
    last_row, _ = _rows(section.ends_at, section.ends_at, origin)
    if len(lanes) > MAX_COLUMNS or last_row > MAX_ROWS + HEADER_ROWS + 1:
        return section  # a list: no grid would fit
    column_of = {id(item): index for index, lane in enumerate(lanes, start=2) for item in lane[2]}
    for block in section.blocks:
        row, span = _rows(block.item.starts_at, block.item.ends_at, origin)
        column = "c-all" if id(block.item) in spanning else f"c-{column_of[id(block.item)]}"
        block.classes = f"r-{row} s-{span} {column}{_fit(span)}"
    section.grid = True
    section.columns = [(lane[0], f"c-{index}") for index, lane in enumerate(lanes, start=2)]
    section.hours = _hours(origin, section.ends_at)
    return section


def _fit(rows):
    """A short block (rows are a fixed height) keeps only what fits: its time, title, actions."""
    if rows * ROW_MINUTES <= 15:
        return " fit-xs"
    if rows * ROW_MINUTES <= 30:
        return " fit-s"
    return ""


def _hours(origin, end):
    """The axis: a band per hour (the first and last may be shorter)."""
    bands = []
    start = origin
    while start < end:
        next_hour = (start + timedelta(hours=1)).replace(minute=0)
        stop = min(next_hour, end)
        row, span = _rows(start, stop, origin)
        bands.append((start, stop, f"r-{row} s-{span}"))
        start = stop
    return bands
