"""Who may join an item's room: the rule the join endpoint (sessions) asks, kept with the
registrations it reads. A seat (not the wait list) at the edition, and, for an item of one
session of the day, that session among the ones they registered for; an item of the whole
day (the opening, networking) is open to every registered attendee."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from ecosystem_day.event.models import Track

from .models import Registration, Status

ANONYMOUS, NOT_REGISTERED, WAIT_LISTED, CANCELLED, OTHER_TRACK = (
    "anonymous",
    "not-registered",
    "wait-listed",
    "cancelled",
    "other-session",
)


@dataclass(frozen=True)
class Admission:
    registration_id: int | None
    refusal: str = ""  # one of the names above; "" when admitted
    sessions: tuple = ()  # the names of the sessions they registered for

    @property
    def admitted(self):
        return self.registration_id is not None and not self.refusal


def admission(user, event, track_slug):
    """The person's admission to an item of `event` in the session `track_slug` (None for
    an item of the whole day), in one query."""
    if not user.is_authenticated:
        return Admission(None, ANONYMOUS)
    in_track = Track.objects.filter(
        registrations=OuterRef("pk"), slug=track_slug or "", event=event
    )
    row = (
        Registration.objects.filter(event=event, user=user, anonymised_at__isnull=True)
        .annotate(in_track=Exists(in_track))
        .values("pk", "status", "in_track")
        .first()
    )
    if row is None:
        return Admission(None, NOT_REGISTERED)
    if row["status"] == Status.WAIT_LISTED:
        return Admission(row["pk"], WAIT_LISTED)
    if row["status"] == Status.CANCELLED:
        return Admission(row["pk"], CANCELLED)
    if track_slug and not row["in_track"]:
        return Admission(row["pk"], OTHER_TRACK)
    return Admission(row["pk"])
