"""The public programme: the schedule as a grid and one item's page.

Both read the latest schedule release (sessions/published.py), never the draft rows, in a
fixed number of queries; sessions/urls.py serves anonymous visitors a copy cached per
public version (which a release bumps) until the next item starts or ends.
"""

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from ecosystem_day.event.mixins import CurrentEventMixin
from ecosystem_day.event.models import current_edition

from ..grid import now_or_next, sections
from ..models import BreakoutFormat
from ..published import published


def visitor_zone_apart(request, event):
    """The visitor's zone when it is known and not the event's, else None."""
    zone = getattr(request, "visitor_tz", None)
    return zone if zone is not None and zone.key != event.time_zone else None


def chosen_filters(params, programme):
    """The format and topic asked for in the query string; unknown values mean "all"."""
    formats = dict(BreakoutFormat.choices)
    topics = dict(programme.topics())
    fmt = params.get("format", "")
    topic = params.get("topic", "")
    return (fmt if fmt in formats else ""), (topic if topic in topics else "")


def apply_filters(items, fmt, topic):
    """Breakouts of another format or topic are hidden; programme blocks always show.
    Returns (breakouts shown, breakouts in all)."""
    shown = total = 0
    for item in items:
        if item.breakout is None:
            continue
        total += 1
        item.shown = (not fmt or item.format == fmt) and (not topic or item.topic_slug == topic)
        shown += item.shown
    return shown, total


class PublishedProgrammeMixin(CurrentEventMixin):
    """The latest release of the current event; pages are kept until it would change."""

    def get(self, request, *args, **kwargs):
        self.programme = published(self.event)
        response = super().get(request, *args, **kwargs)
        response.changes_at = self.programme.changes_at()
        return response


class ScheduleView(PublishedProgrammeMixin, TemplateView):
    template_name = "sessions/schedule.html"

    def get_context_data(self, **kwargs):
        programme = self.programme
        fmt, topic = chosen_filters(self.request.GET, programme)
        shown, total = apply_filters(programme.items, fmt, topic)
        found = sections(programme)
        current = None if self.event.is_current else current_edition(self.request)
        return super().get_context_data(
            day_starts=min((item.starts_at for item in programme.items), default=None),
            day_ends=max((item.ends_at for item in programme.items), default=None),
            current_edition=current,
            current_schedule_url=reverse("schedule", urlconf=settings.ROOT_URLCONF),
            programme=programme,
            sections=found,
            now_item=now_or_next(found),
            formats=BreakoutFormat.choices,
            topics=programme.topics(),
            chosen_format=fmt,
            chosen_topic=topic,
            breakouts_shown=shown,
            breakouts_total=total,
            visitor_zone=visitor_zone_apart(self.request, self.event),
            **kwargs,
        )


class ScheduleItemView(PublishedProgrammeMixin, TemplateView):
    template_name = "sessions/schedule_item.html"

    def get_context_data(self, **kwargs):
        item = self.programme.item(self.kwargs["pk"])
        if item is None:
            raise Http404("No item with this number is on the published schedule.")
        return super().get_context_data(
            item=item,
            visitor_zone=visitor_zone_apart(self.request, self.event),
            **kwargs,
        )
