"""Helpers for the sessions specs: the 2021 edition, its day and tracks, an HTML tree, items."""

from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from django.utils import timezone

from sessions.models import ScheduleItem, Speaker
from sessions.releases import release_schedule
from tests.factories import (
    AcceptedBreakoutFactory,
    AcceptedPosterFactory,
    EventFactory,
    RoomFactory,
    ScheduledBreakoutFactory,
    ScheduleItemFactory,
    SpeakerFactory,
    TopicFactory,
    TrackFactory,
    UserFactory,
    set_edition_settings,
)

LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def at(hour, minute=0, day=21):
    """A moment on the event's day (April 21, 2021), in Los Angeles."""
    return datetime(2021, 4, day, hour, minute, tzinfo=LOS_ANGELES)


def ecosystem_day_2021():
    """The current edition, on April 21, 2021 in Los Angeles; its call closed on April 1."""
    return EventFactory(
        name="PyTorch Ecosystem Day",
        slug="ecosystem-day-2021",
        date=date(2021, 4, 21),
        cfp_deadline=at(23, 59, day=1),
    )


def morning_and_evening(event):
    """The day's two sessions as tracks, side by side: breakouts 9:00–12:00, then 15:00–19:00."""
    morning = TrackFactory(
        event=event,
        name="Morning (EMEA)",
        slug="morning-emea",
        position=0,
        breakouts_start_at=at(9),
        breakouts_end_at=at(12),
    )
    evening = TrackFactory(
        event=event,
        name="Evening (APAC / US)",
        slug="evening-apac-us",
        position=1,
        breakouts_start_at=at(15),
        breakouts_end_at=at(19),
    )
    return morning, evening


def released(event):
    """Publish the draft as the next release, as an organizer would: attendees see only that."""
    organizer = UserFactory(name="Olga Organizer", groups=["Organizers"])
    return release_schedule(event, by=organizer)


def open_for_breakouts(event):
    """The event, with breakout proposals open for three more days."""
    return set_edition_settings(event, breakout_deadline=timezone.now() + timedelta(days=3))


class Node:
    def __init__(self, tag, attrs):
        self.tag, self.attrs, self.children = tag, dict(attrs), []

    @property
    def text(self):
        parts = [child if isinstance(child, str) else child.text for child in self.children]
        return " ".join(" ".join(parts).split())

    def find_all(self, attr, value=None):
        """Descendants carrying `attr` (with `value`, when given), in document order."""
        for child in self.children:
            if isinstance(child, Node):
                if attr in child.attrs and value in (None, child.attrs[attr]):
                    yield child
                yield from child.find_all(attr, value)

    def texts(self, attr, value=None):
        return [node.text for node in self.find_all(attr, value)]

    def one(self, attr, value=None):
        (node,) = self.find_all(attr, value)
        return node


class _TreeBuilder(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack = [Node("document", [])]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs)
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        if tag not in self.VOID and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def page(response):
    """The response's HTML as a tree to query by attribute."""
    builder = _TreeBuilder()
    builder.feed(response.content.decode())
    return builder.stack[0]


def attribute_values(node, attr):
    return [found.attrs[attr] for found in node.find_all(attr)]


def make_items(event, tracks, count):
    """`count` keynotes, alternately in each track, each with a speaker, and no room."""
    speaker = Speaker.objects.create(event=event, name="Keynote Speaker", affiliation="PyTorch")
    items = ScheduleItem.objects.bulk_create(
        ScheduleItem(
            event=event,
            kind=ScheduleItem.Kind.KEYNOTE,
            title=f"Keynote {n}",
            starts_at=at(8) + timedelta(minutes=n),
            ends_at=at(8) + timedelta(minutes=n + 20),
            track=tracks[n % len(tracks)],
        )
        for n in range(count)
    )
    ScheduleItem.speakers.through.objects.bulk_create(
        ScheduleItem.speakers.through(scheduleitem_id=item.pk, speaker_id=speaker.pk)
        for item in items
    )
    for _ in range(3):
        track = tracks[0]
        ScheduledBreakoutFactory(
            event=event, track=track, starts_at=track.breakout_window.starts_at
        )
    ScheduleItemFactory(event=event, starts_at=at(20), ends_at=at(21))
    return count + 4


FORMATS = ["talk", "demo", "tutorial", "discussion"]


def the_2021_day(event):
    """The 2021 day as organizers set it up: opening talks, the poster exhibition, four
    breakout rooms with two rounds of breakouts in each session, networking for both."""
    morning, evening = morning_and_evening(event)
    stage = RoomFactory(event=event, name="Main stage", position=0)
    hall = RoomFactory(event=event, name="Poster hall", position=1)
    rooms = [RoomFactory(event=event, name=f"Breakout room {n}", position=1 + n) for n in (1, 2)]
    rooms += [RoomFactory(event=event, name=f"Breakout room {n}", position=1 + n) for n in (3, 4)]
    topics = [TopicFactory(event=event, name="Computer vision"), TopicFactory(event=event)]
    found = {"morning": morning, "evening": evening, "breakouts": []}
    for track, opening_start, window in ((morning, 8, 9), (evening, 15, 15)):
        opening = ScheduleItemFactory(
            event=event,
            kind=ScheduleItem.Kind.OPENING,
            title=f"{track.name} opening talks",
            track=track,
            room=stage,
            starts_at=at(opening_start),
            ends_at=at(opening_start + 1),
            recording_url="https://www.youtube.com/watch?v=MYE01-XaSZA",
        )
        opening.speakers.add(SpeakerFactory(event=event, name="Joe Spisak", affiliation="Meta"))
        found[f"{track.slug}-opening"] = opening
        found[f"{track.slug}-posters"] = ScheduleItemFactory(
            event=event,
            kind=ScheduleItem.Kind.POSTERS,
            title="Poster exhibition & breakout sessions",
            track=track,
            room=hall,
            starts_at=at(window),
            ends_at=at(window + 3),
        )
        for round_start in (at(window), at(window, 45)):
            for n, room in enumerate(rooms):
                poster = AcceptedPosterFactory(event=event, topic=topics[n % 2])
                found["breakouts"].append(
                    ScheduledBreakoutFactory(
                        event=event,
                        breakout=AcceptedBreakoutFactory(
                            event=event, poster=poster, format=FORMATS[n]
                        ),
                        track=track,
                        room=room,
                        starts_at=round_start,
                    )
                )
    found["networking"] = ScheduleItemFactory(
        event=event, title="Networking", starts_at=at(9), ends_at=at(19)
    )
    released(event)
    return found


def admin_form_as_is(client, url):
    """What the browser sends back from an admin change form left as it is (no speakers
    chosen is no value at all, not an empty one)."""
    from tests.ecosystem_day.test_cache_versions import form_values

    form = form_values(client.get(url).content.decode())
    if form.get("speakers") == "":
        del form["speakers"]
    return form
