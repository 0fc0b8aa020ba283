"""What a poster's pages show about its breakouts (Posters asks through a signal)."""

from django.template.loader import render_to_string

from ..models import BreakoutProposal
from ..published import PublishedItem, item_urls
from ..snapshot import latest_release_of


def published_breakouts(poster):
    """The poster's breakouts on the latest schedule release, in time order (one query)."""
    release = latest_release_of(poster.event_id)
    if release is None:
        return []
    url_of = item_urls()
    return [
        PublishedItem(item, url_of(item.id))
        for item in release.snapshot.items
        if item.breakout and item.breakout.poster.id == poster.pk
    ]


def breakouts(poster, request, audience):
    """Attendees see the poster's breakouts on the published schedule; its owner, every
    breakout it has."""
    if audience == "public":
        context = {"items": published_breakouts(poster)}
        template = "sessions/_poster_breakouts_public.html"
    else:
        context = {
            "breakouts": BreakoutProposal.objects.filter(poster=poster).order_by("-created_at")
        }
        template = "sessions/_poster_breakouts_owner.html"
    return render_to_string(template, {"poster": poster, **context}, request=request)
