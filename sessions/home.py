"""What Sessions adds to the home page, read from the latest schedule release (what attendees
see): the programme at a glance, what is on now during the day, recordings after it."""

from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse

from ecosystem_day.event.signals import AFTER_THE_DAY, ON_THE_DAY, HomeSection
from ecosystem_day.infra.memo import Memo

from .snapshot import public_latest_release

ON_NOW, RECORDINGS, PROGRAMME = 10, 10, 30

# The programme at a glance as HTML, by everything it is written from (`_programme_key`).
PROGRAMMES = Memo(maxsize=64)


@dataclass
class Slot:
    """An item of a release, with real datetimes for the time tags."""

    id: int
    title: str
    kind_label: str
    track: str  # its slug, "" for items of both sessions
    track_name: str
    starts_at: datetime
    ends_at: datetime
    join_url: str
    recording_url: str

    @property
    def url(self):
        return reverse("schedule_item", args=[self.id])


def slots(snapshot):
    return sorted(
        (
            Slot(
                item.id,
                item.title,
                item.kind_label,
                item.track_slug or "",
                item.track or "",
                item.starts_at,
                item.ends_at,
                item.join_url,
                item.recording_url,
            )
            for item in snapshot.items
        ),
        key=lambda slot: (slot.starts_at, slot.id),
    )


def sessions_of_the_day(snapshot, items):
    """Each session (track) with its span as released, and its items other than breakouts
    (the opening talks, the poster hall)."""
    sessions = []
    for track in sorted(snapshot.tracks, key=lambda track: track.position):
        own = [slot for slot in items if slot.track == track.slug]
        sessions.append(
            {
                "name": track.name,
                "starts_at": track.starts_at,
                "ends_at": track.ends_at,
                "highlights": [slot for slot in own if slot.kind_label != "Breakout"],
            }
        )
    return sessions


def sessions_of_the_day_before_release(event):
    """Each session's span, known before any release (the 8:00 opening before the 9:00
    breakouts included), so the times shown do not jump when the schedule comes out. Only
    the span is shown, nothing of the draft."""
    return [
        {
            "name": track.name,
            "starts_at": track.starts_at,
            "ends_at": track.ends_at,
            "highlights": [],
        }
        for track in event.tracks.all()
    ]


def on_now_and_next(items, now):
    on_now = [slot for slot in items if slot.starts_at <= now < slot.ends_at]
    next_start = min((slot.starts_at for slot in items if slot.starts_at > now), default=None)
    up_next = [slot for slot in items if slot.starts_at == next_start]
    changes_at = min(
        (moment for slot in items for moment in (slot.starts_at, slot.ends_at) if moment > now),
        default=None,
    )
    return on_now, up_next, changes_at


def home_sections(event, request, stage, now):
    release = public_latest_release(event)  # no query once warm
    if release is None:  # the sessions' windows are known before any schedule is released
        sessions = sessions_of_the_day_before_release(event)
        return [
            _section(
                "sessions/home/_programme.html",
                request,
                PROGRAMME,
                sessions=sessions,
                unreleased=True,
            )
        ]
    items = slots(release.snapshot)
    sections = [_released_programme(event, request, release, items)]
    if stage == ON_THE_DAY:
        on_now, up_next, changes_at = on_now_and_next(items, now)
        sections.append(
            _section(
                "sessions/home/_on_now.html",
                request,
                ON_NOW,
                changes_at=changes_at,
                on_now=on_now,
                up_next=up_next,
            )
        )
    elif stage == AFTER_THE_DAY:
        recorded = [slot for slot in items if slot.recording_url]
        sections.append(
            _section("sessions/home/_recordings.html", request, RECORDINGS, recorded=recorded)
        )
    return sections


def _programme_key(event, request, release):
    """A release never changes; the rest is the edition's zone and day, the zone asked for
    with ?tz=, and where the links point (a past edition's pages live under its slug)."""
    zone = getattr(request, "visitor_tz", None)
    return (
        release.id,
        event.pk,
        event.time_zone,
        event.date,
        zone.key if zone else None,
        getattr(request, "urlconf", None),
        get_script_prefix(),
    )


def _released_programme(event, request, release, items):
    """The programme section, rendered once per process for what it is written from."""
    key = _programme_key(event, request, release)
    html = PROGRAMMES.get(key)
    if html is None:
        html = render_to_string(
            "sessions/home/_programme.html",
            {"sessions": sessions_of_the_day(release.snapshot, items)},
            request=request,
        )
        PROGRAMMES.put(key, html)
    return HomeSection(html=html, order=PROGRAMME, changes_at=None)


def _section(template, request, order, changes_at=None, **context):
    html = render_to_string(template, context, request=request)
    return HomeSection(html=html, order=order, changes_at=changes_at)
