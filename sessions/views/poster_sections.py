"""What a poster's pages show about its breakouts (Posters asks through a signal)."""

from django.template.loader import render_to_string
from django.urls import reverse

from ..models import BreakoutProposal, ScheduleRelease
from ..published import PublishedItem


def published_breakouts(poster):
    """The poster's breakouts on the latest schedule release, in time order (one query)."""
    release = ScheduleRelease.objects.filter(event_id=poster.event_id).order_by("-number").first()
    if release is None:
        return []
    return [
        PublishedItem(item, reverse("schedule_item", args=[item["id"]]))
        for item in release.programme["items"]
        if item["breakout"] and item["breakout"]["poster"]["id"] == poster.pk
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
