"""An edition's recap, counted from its data: posters accepted, breakout sessions held,
keynote speakers, the recordings, and the topics with their poster counts."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from posters.models import ACCEPTED_STATES

from .snapshot import latest_release


@dataclass
class Recap:
    posters: int
    breakout_sessions: int
    keynote_speakers: int
    recordings: list = field(default_factory=list)  # (title, url, starts_at)
    topics: list = field(default_factory=list)  # (topic, accepted posters)


def recap(event):
    """In four queries: the latest release, the posters, the speakers, the topics."""
    release = latest_release(event)
    items = release.snapshot.items if release else ()
    topics = event.topics.annotate(
        accepted=Count("posters", filter=Q(posters__status__in=ACCEPTED_STATES))
    ).order_by("-accepted", "position", "name")
    return Recap(
        posters=event.posters.filter(status__in=ACCEPTED_STATES).count(),
        breakout_sessions=sum(1 for item in items if item.kind == "breakout"),
        keynote_speakers=event.speakers.count(),
        recordings=[
            (item.title, item.recording_url, item.starts_at) for item in items if item.recording_url
        ],
        topics=[(topic, topic.accepted) for topic in topics if topic.accepted],
    )
