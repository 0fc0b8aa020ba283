"""An edition's recap, counted from its data: posters accepted, breakout sessions held,
keynote speakers, the people registered (by session of the day and by country or region) and
those who joined, the attendance per item, the recordings, and the topics with their poster
counts."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from ecosystem_day.registration.tally import Seats, seats
from posters.models import ACCEPTED_STATES

from .attendance import attendance
from .snapshot import latest_release


@dataclass
class Recap:
    posters: int
    breakout_sessions: int
    keynote_speakers: int
    seats: Seats = field(default_factory=lambda: Seats(registered=0))
    attended: int = 0  # distinct people who joined at least one item
    attendance: list = field(default_factory=list)  # (title, starts_at or None, people joined)
    recordings: list = field(default_factory=list)  # (title, url, starts_at)
    topics: list = field(default_factory=list)  # (topic, accepted posters)


def recap(event):
    """In eight queries: the latest release, the posters, the speakers, the topics, the
    registrations by session and by country, the people who joined and the joins per item."""
    release = latest_release(event)
    items = release.snapshot.items if release else ()
    topics = event.topics.annotate(
        accepted=Count("posters", filter=Q(posters__status__in=ACCEPTED_STATES))
    ).order_by("-accepted", "position", "name")
    attended, per_item = attendance(event, items)
    return Recap(
        posters=event.posters.filter(status__in=ACCEPTED_STATES).count(),
        breakout_sessions=sum(1 for item in items if item.kind == "breakout"),
        keynote_speakers=event.speakers.count(),
        seats=seats(event),
        attended=attended,
        attendance=per_item,
        recordings=[
            (item.title, item.recording_url, item.starts_at) for item in items if item.recording_url
        ],
        topics=[(topic, topic.accepted) for topic in topics if topic.accepted],
    )
