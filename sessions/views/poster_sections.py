"""What a poster's pages show about its breakouts (Posters asks through a signal)."""

from django.template.loader import render_to_string

from ..models import BreakoutProposal, ScheduleItem


def breakouts(poster, request, audience):
    """Attendees see the poster's breakouts on the programme; its owner, every breakout."""
    if audience == "public":
        items = (
            ScheduleItem.objects.on_the_programme()
            .filter(event_id=poster.event_id, breakout__poster=poster)
            .select_related("breakout", "room", "track")
            .order_by("starts_at")
        )
        context = {"items": items}
        template = "sessions/_poster_breakouts_public.html"
    else:
        context = {
            "breakouts": BreakoutProposal.objects.filter(poster=poster).order_by("-created_at")
        }
        template = "sessions/_poster_breakouts_owner.html"
    return render_to_string(template, {"poster": poster, **context}, request=request)
