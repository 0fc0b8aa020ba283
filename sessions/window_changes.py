"""A session of the day's new breakout window: the one transition that changes it.

Lock order: the session's (track's) row, then its window's, then its scheduled slots
(services.follow_breakout_times). Placing a breakout locks its session's row first, so a
change and a placement into that session never interleave. The event's row is not locked.
"""

from django.db import transaction

from ecosystem_day.event.frozen import check_writable
from ecosystem_day.event.models import Track
from ecosystem_day.infra.constraints import refused_by_constraints

from .breakout_window import BreakoutWindow, check_inside_span
from .services import follow_breakout_times


def change_breakout_window(track, *, starts_at, ends_at, by=None):
    """Give `track` a breakout window from `starts_at` to `ends_at` (its first, or a new one),
    if its span holds it and every breakout scheduled in it still fits; refused otherwise,
    naming each breakout it would leave outside. Returns the window."""
    with transaction.atomic():
        locked = Track.objects.select_for_update().select_related("event").get(pk=track.pk)
        check_writable(locked.event)
        window = BreakoutWindow.objects.select_for_update().filter(track=locked).first()
        if window is None:
            window = BreakoutWindow(track=locked)
        window.starts_at, window.ends_at = starts_at, ends_at
        window.validate_constraints()
        check_inside_span(locked, starts_at, ends_at)
        locked.breakout_window = window  # the window as it would be, for the slots' check
        follow_breakout_times(locked.event, [locked], by=by)
        with refused_by_constraints():
            window.save()
    return window
