"""What a poster's pages show about its breakouts and its hours in the poster hall (Posters
asks through a signal)."""

from datetime import datetime

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..models import BreakoutProposal, ScheduleRelease
from ..published import PublishedItem


def latest_programme(poster):
    """The programme of the poster's event's latest release, or None before it (one query)."""
    release = ScheduleRelease.objects.filter(event_id=poster.event_id).order_by("-number").first()
    return release.programme if release else None


def published_breakouts(programme, poster):
    """The poster's breakouts on the released programme, in time order."""
    return [
        PublishedItem(item, reverse("schedule_item", args=[item["id"]]))
        for item in programme["items"]
        if item["breakout"] and item["breakout"]["poster"]["id"] == poster.pk
    ]


def tending_windows(programme, poster, now):
    """When the presenters stand by the poster: for each session they tend it in, that
    session's poster exhibition on the released programme (else its breakout window), as
    dicts with `track`, `starts_at`, `ends_at` and `is_now`, in time order."""
    tended = {track.slug for track in poster.tending_tracks.all()}  # prefetched by the page
    windows = []
    for track in programme["tracks"]:
        if track["slug"] not in tended:
            continue
        halls = [
            item
            for item in programme["items"]
            if item["kind"] == "posters" and item["track_slug"] == track["slug"]
        ]
        spans = [(item["starts_at"], item["ends_at"]) for item in halls] or [
            (track["breakouts_start_at"], track["breakouts_end_at"])
        ]
        for starts, ends in spans:
            starts_at, ends_at = datetime.fromisoformat(starts), datetime.fromisoformat(ends)
            windows.append(
                {
                    "track": track["name"],
                    "starts_at": starts_at,
                    "ends_at": ends_at,
                    "is_now": starts_at <= now < ends_at,
                }
            )
    return sorted(windows, key=lambda window: window["starts_at"])


def breakouts(poster, request, audience):
    """Attendees see when the presenters are at the poster and its breakouts on the published
    schedule; its owner, every breakout it has."""
    if audience == "public":
        programme = latest_programme(poster)
        context = {
            "items": published_breakouts(programme, poster) if programme else [],
            "windows": tending_windows(programme, poster, timezone.now()) if programme else [],
        }
        template = "sessions/_poster_breakouts_public.html"
    else:
        context = {
            "breakouts": BreakoutProposal.objects.filter(poster=poster).order_by("-created_at")
        }
        template = "sessions/_poster_breakouts_owner.html"
    return render_to_string(template, {"poster": poster, **context}, request=request)
