"""The event's models: the edition and its public version (event.py), what it offers on its
day, its topics and sessions (day.py)."""

from .day import OnPublicPages, OnPublicPagesQuerySet, Topic, Track
from .event import (
    Event,
    EventQuerySet,
    PublicVersion,
    current_edition,
    current_public_version,
    forget_current_version,
    past_edition_slugs,
    past_editions_by_slug,
    validate_time_zone,
)

__all__ = [
    "Event",
    "EventQuerySet",
    "OnPublicPages",
    "OnPublicPagesQuerySet",
    "PublicVersion",
    "Topic",
    "Track",
    "current_edition",
    "current_public_version",
    "forget_current_version",
    "past_edition_slugs",
    "past_editions_by_slug",
    "validate_time_zone",
]
