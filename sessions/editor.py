"""The schedule editor's board: each session of the day as a grid (the edition's rooms as
columns, 5-minute rows as the public grid has them, time to scale), what is booked, the free
slots, and the accepted breakouts not on the schedule yet, each with the free slots it may
take. Read in a fixed number of queries, whatever the number of breakouts.

Times are written in the event's zone and in the organizer's own (their profile's zone),
each with its name. The choices post to the admin's editor view, which places, moves or
unschedules through the scheduling transitions (services.py).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.dateformat import format as format_date

from ecosystem_day.event import frozen
from posters.models import ACCEPTED_STATES

from .breakout_window import breakout_window_of
from .free_slots import free_slots, overlaps, slots_for
from .grid import ROW_MINUTES
from .models import BreakoutProposal, ScheduleItem

ROW = timedelta(minutes=ROW_MINUTES)
LABEL_EVERY = 15  # minutes: the time axis names every quarter hour


class Clock:
    """Writes moments in the event's zone and, when it differs, the organizer's."""

    def __init__(self, event, user):
        self.event_zone = event.tz
        self.day = event.date
        mine = getattr(user, "tz", None)
        self.my_zone = mine if mine and mine.key != event.tz.key else None

    def _span(self, starts_at, ends_at, zone, with_day):
        starts, ends = starts_at.astimezone(zone), ends_at.astimezone(zone)
        day = f"{format_date(starts, 'D')} " if with_day and starts.date() != self.day else ""
        return f"{day}{starts:%H:%M}–{ends:%H:%M} {format_date(ends, 'T')}"

    def span(self, starts_at, ends_at):
        """ "09:45–10:25 PDT (02:45–03:25 JST Thu)": the event's zone, then the organizer's."""
        text = self._span(starts_at, ends_at, self.event_zone, with_day=False)
        if self.my_zone:
            text += f" ({self._span(starts_at, ends_at, self.my_zone, with_day=True)})"
        return text

    def names(self, moment):
        """ "PST (JST)": the zones' short names at `moment`, for the time axis's heading."""
        text = format_date(moment.astimezone(self.event_zone), "T")
        if self.my_zone:
            text += f" ({format_date(moment.astimezone(self.my_zone), 'T')})"
        return text

    def at(self, moment):
        """(the event's time, the organizer's or ""), for the time axis."""
        mine = ""
        if self.my_zone:
            local = moment.astimezone(self.my_zone)
            mine = f"{local:%H:%M}"
        return f"{moment.astimezone(self.event_zone):%H:%M}", mine


@dataclass
class Card:
    """A breakout on the board, scheduled (`item`) or not, with the slots it may take."""

    breakout: object
    item: object = None
    options: list = field(default_factory=list)  # [(session, [(Slot, its time)])]

    @property
    def keys(self):
        return " ".join(slot.key for _track, slots in self.options for slot, _when in slots)


@dataclass
class Cell:
    rows: int
    item: object = None
    card: Card = None
    slot: object = None
    when: str = ""  # its real times, also for an item the window clips


@dataclass
class Row:
    labels: tuple
    labelled: bool
    cells: list = field(default_factory=list)


@dataclass
class SessionGrid:
    track: object
    window: str
    zones: str = ""
    rows: list = field(default_factory=list)
    roomless: list = field(default_factory=list)  # items of the window that have no room
    free_count: int = 0

    @property
    def anchor(self):
        return f"session-{self.track.pk}"


@dataclass
class Board:
    event: object
    read_only: bool
    clock: Clock
    rooms: list
    sessions: list
    unscheduled: list


def board(event, user):
    """The board of `event` as `user` reads it: five queries."""
    clock = Clock(event, user)
    tracks = list(event.tracks.select_related("breakout_window").order_by("position", "pk"))
    rooms = list(event.rooms.all())
    items = list(
        ScheduleItem.objects.filter(event=event)
        .select_related("track__breakout_window", "room", "breakout__submitter", "breakout__poster")
        .order_by("starts_at", "pk")
    )
    waiting = list(
        BreakoutProposal.objects.filter(
            event=event, status__in=ACCEPTED_STATES, schedule_item__isnull=True
        )
        .select_related("submitter", "poster", "preferred_track")
        .order_by("title", "pk")
    )
    for item in items:
        item.event = event
    read_only = frozen.is_read_only(event)
    slots = [] if read_only else free_slots(event, tracks, rooms, items)
    spans = {slot.key: clock.span(slot.starts_at, slot.ends_at) for slot in slots}
    cards = {}
    for breakout, item in [(b, None) for b in waiting] + [
        (item.breakout, item) for item in items if item.breakout_id
    ]:
        breakout.event = event
        card = Card(breakout, item)
        if not read_only:
            card.options = _grouped(slots_for(breakout, slots, items, event), tracks, spans)
        cards[breakout.pk] = card
    sessions = [_session(track, rooms, items, slots, cards, clock) for track in tracks]
    return Board(
        event=event,
        read_only=read_only,
        clock=clock,
        rooms=rooms,
        sessions=sessions,
        unscheduled=[cards[breakout.pk] for breakout in waiting],
    )


def _grouped(slots, tracks, spans):
    by_track = {track.pk: [] for track in tracks}
    for slot in slots:
        by_track[slot.track.pk].append((slot, spans[slot.key]))
    return [(track, by_track[track.pk]) for track in tracks if by_track[track.pk]]


def _row_of(moment, origin):
    return int((moment - origin).total_seconds() // 60) // ROW_MINUTES


def _session(track, rooms, items, slots, cards, clock):
    """One session's grid: a row per 5 minutes of its breakout window (of its span before it
    has one), a column per room."""
    window = breakout_window_of(track) or track
    start, end = window.starts_at, window.ends_at
    origin = start - timedelta(minutes=start.astimezone(clock.event_zone).minute % ROW_MINUTES)
    origin = origin.replace(second=0, microsecond=0)
    count = max(1, -(-int((end - origin).total_seconds() // 60) // ROW_MINUTES))
    grid = SessionGrid(track, clock.span(start, end), clock.names(start))
    shown = [item for item in items if overlaps(item.starts_at, item.ends_at, start, end)]
    grid.roomless = [
        (item, clock.span(item.starts_at, item.ends_at)) for item in shown if not item.room_id
    ]
    mine = [slot for slot in slots if slot.track.pk == track.pk]
    grid.free_count = len(mine)
    columns = []
    for room in rooms:
        blocks = [
            (item.starts_at, item.ends_at, Cell(0, item=item, card=cards.get(item.breakout_id)))
            for item in shown
            if item.room_id == room.pk
        ]
        blocks += [
            (slot.starts_at, slot.ends_at, Cell(0, slot=slot))
            for slot in mine
            if slot.room.pk == room.pk
        ]
        columns.append(_placed(blocks, origin, count, start, end, clock))
    for index in range(count):
        moment = origin + index * ROW
        labelled = moment.astimezone(clock.event_zone).minute % LABEL_EVERY == 0
        row = Row(clock.at(moment), labelled)
        for column in columns:
            cell = column.get(index)
            if cell is not None:
                row.cells.append(cell)
        grid.rows.append(row)
    return grid


def _placed(blocks, origin, count, start, end, clock):
    """{row: the cell that starts there} for one room's column; None where an earlier cell
    spans the row, an empty cell (rows=1) where nothing is. Blocks are clipped to the window;
    one that would start inside the one before starts after it."""
    column, next_free = {}, 0
    for starts_at, ends_at, cell in sorted(blocks, key=lambda block: (block[0], block[1])):
        first = max(_row_of(max(starts_at, start), origin), next_free)
        last = min(count, max(first + 1, -(-_minutes(min(ends_at, end) - origin) // ROW_MINUTES)))
        if first >= count:
            continue
        cell.rows = last - first
        cell.when = clock.span(starts_at, ends_at)
        for index in range(next_free, first):
            column[index] = Cell(1)
        column[first] = cell
        for index in range(first + 1, last):
            column[index] = None
        next_free = last
    for index in range(next_free, count):
        column[index] = Cell(1)
    return column


def _minutes(duration):
    return int(duration.total_seconds() // 60)
