"""What a poster's pages show about its breakouts and its hours in the poster hall (Posters
asks through a signal)."""

from django.template.loader import render_to_string
from django.utils import timezone

from ..models import BreakoutProposal
from ..published import PublishedItem, item_urls
from ..snapshot import latest_release_of


def published_breakouts(snapshot, poster):
    """The poster's breakouts on the released snapshot, in time order."""
    url_of = item_urls()
    return [
        PublishedItem(item, url_of(item.id))
        for item in snapshot.items
        if item.breakout and item.breakout.poster.id == poster.pk
    ]


def _window(track):
    """A session's breakout window as released, else its span (it had no window)."""
    return (
        track.breakouts_start_at or track.starts_at,
        track.breakouts_end_at or track.ends_at,
        None,
    )


def tending_windows(snapshot, poster, now):
    """When the presenters stand by the poster: for each session they tend it in, that
    session's poster exhibition on the released snapshot (else its breakout window), as
    dicts with `track`, `starts_at`, `ends_at`, `is_now` and the poster hall's `hall` (a
    PublishedItem whose Join goes through the join endpoint, or None without a room), in
    time order."""
    tended = {track.slug for track in poster.tending_tracks.all()}  # prefetched by the page
    url_of = item_urls()
    windows = []
    for track in snapshot.tracks:
        if track.slug not in tended:
            continue
        spans = [
            (item.starts_at, item.ends_at, PublishedItem(item, url_of(item.id)))
            for item in snapshot.items
            if item.kind == "posters" and item.track_slug == track.slug
        ] or [_window(track)]
        windows.extend(
            {
                "track": track.name,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "is_now": starts_at <= now < ends_at,
                "hall": hall if hall and hall.join_url and now < ends_at else None,
            }
            for starts_at, ends_at, hall in spans
        )
    return sorted(windows, key=lambda window: window["starts_at"])


def breakouts(poster, request, audience):
    """Attendees see when the presenters are at the poster and its breakouts on the published
    schedule; its owner, every breakout it has."""
    if audience == "public":
        release = latest_release_of(poster.event_id)  # one query
        snapshot = release.snapshot if release else None
        context = {
            "items": published_breakouts(snapshot, poster) if snapshot else [],
            "windows": tending_windows(snapshot, poster, timezone.now()) if snapshot else [],
        }
        template = "sessions/_poster_breakouts_public.html"
    else:
        context = {
            "breakouts": BreakoutProposal.objects.filter(poster=poster).order_by("-created_at")
        }
        template = "sessions/_poster_breakouts_owner.html"
    return render_to_string(template, {"poster": poster, **context}, request=request)
