"""Editions: the site holds one edition of the day after another; each starts from the last.

`start_next_edition` copies what carries over (texts, topics, sessions of the day with their
spans, and through `edition_started` whatever the apps above carry over: their settings,
rooms, breakout windows) and moves every date by the days between the two days, on the
event's wall clock: 8:00 in Los Angeles stays 8:00 whether the new day falls in summer or
winter time. Proposals, reviews and the programme stay with the edition they belong to.

What is worded for one year (the texts in EDITION_TEXTS, and the links the apps name through
`carried_links`, such as each room's) is asked for anew when organizers start an edition:
the new wording and links come in `NextEdition.texts` and `NextEdition.links`.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal

from ecosystem_day.infra.constraints import refused_by_constraints

from .models import Event, Topic, Track

# Sent inside the transaction that creates `edition` from `previous`, with `move` (a function
# from a moment of the previous edition to the same wall-clock moment of the new one):
# receivers copy what their app carries over.
edition_started = Signal()

# Sent with `previous` (an edition) before organizers start the next one: each receiver returns
# the links its app would carry over ([CarriedLink]), so the form asks for each one anew.
carried_links = Signal()

CARRIED_OVER = [
    "time_zone",
    "tagline",
    "description",
]


# The texts that speak of one edition ("Our first PyTorch Ecosystem Day"): asked for anew.
EDITION_TEXTS = ["tagline", "description"]  # the call's guidance: on its edition's page (posters)


@dataclass(frozen=True)
class CarriedLink:
    """A link an app carries over to the next edition unless organizers give a new one."""

    key: str  # unique across apps, e.g. "room-12"
    label: str  # what organizers read, e.g. "Main stage: join link"
    url: str


def links_carried_over(previous):
    """Every app's links that would carry over from `previous`, in the apps' order."""
    return [
        link
        for _, links in carried_links.send(sender=Event, previous=previous)
        for link in links or ()
    ]


@dataclass(frozen=True)
class NextEdition:
    name: str
    slug: str
    date: object  # a date
    texts: dict = field(default_factory=dict)  # a field of EDITION_TEXTS → its new wording
    links: dict = field(default_factory=dict)  # a CarriedLink's key → the new edition's link


def wall_clock_move(zone, days):
    """Moves a moment by `days` on the wall clock of `zone`, across any change of UTC offset."""

    def move(moment):
        local = moment.astimezone(zone).replace(tzinfo=None) + timedelta(days=days)
        return local.replace(tzinfo=zone).astimezone(moment.tzinfo)

    return move


def start_next_edition(previous, next_edition, *, by=None):
    """Create the next edition from `previous`, every date moved by the days between them.

    The new edition is not current: organizers make it current when its pages should lead.
    """
    unknown = set(next_edition.texts) - set(EDITION_TEXTS)
    if unknown:
        raise ValueError(f"Not an edition's text: {', '.join(sorted(unknown))}.")
    move = wall_clock_move(previous.tz, (next_edition.date - previous.date).days)
    with transaction.atomic():
        if Event.objects.filter(slug=next_edition.slug).exists():
            raise ValidationError(
                {"slug": f"An edition already uses the address “{next_edition.slug}”."}
            )
        edition = Event(
            name=next_edition.name,
            slug=next_edition.slug,
            date=next_edition.date,
            is_current=False,
            **{name: getattr(previous, name) for name in CARRIED_OVER},
        )
        for name in EDITION_TEXTS:
            if name in next_edition.texts:
                setattr(edition, name, next_edition.texts[name])
        edition.full_clean()
        with refused_by_constraints():
            edition.save()
        Topic.objects.bulk_create(
            Topic(event=edition, name=topic.name, position=topic.position)
            for topic in previous.topics.all()
        )
        Track.objects.bulk_create(
            Track(
                event=edition,
                name=track.name,
                slug=track.slug,
                position=track.position,
                starts_at=move(track.starts_at),
                ends_at=move(track.ends_at),
            )
            for track in previous.tracks.all()
        )
        edition_started.send(
            sender=Event, edition=edition, previous=previous, move=move, links=next_edition.links
        )
    return edition
