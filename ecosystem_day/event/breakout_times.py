"""When breakouts may run: each session's window (the breakouts' length is the sessions app's).

The window is the event's data, but the breakouts it constrains are scheduled by the app
above. So each change is a transition here that locks the sessions' rows and sends
`breakout_times_changing` inside its transaction, with the rules as they would be: the app
above checks every breakout scheduled in those sessions and refuses the change (a
ValidationError naming each breakout it would break) or lets it be saved.

Lock order: the sessions' (tracks') rows, in id order, then whatever the receivers lock (the
scheduled slots). Placing a breakout locks its session's row before anything else, so a
change and a placement into that session never interleave. The event's row is not locked.
"""

from django.db import transaction
from django.dispatch import Signal

from ecosystem_day.infra.constraints import refused_by_constraints

from .frozen import check_writable
from .models import Track

# Sent inside the change's transaction, the sessions' rows locked, with `event`, `tracks` (the
# sessions concerned, their windows as they would be) and `by`. A receiver raises
# ValidationError to refuse the change; nothing is saved then.
breakout_times_changing = Signal()


def change_track_window(track, *, starts_at, ends_at, by=None):
    """Give a session a new breakout window (with any other edit made to `track`), if every
    breakout scheduled in it still fits."""
    with transaction.atomic():
        locked = Track.objects.select_for_update().select_related("event").get(pk=track.pk)
        check_writable(locked.event)
        track.breakouts_start_at, track.breakouts_end_at = starts_at, ends_at
        track.validate_constraints()
        breakout_times_changing.send(sender=Track, event=track.event, tracks=[track], by=by)
        with refused_by_constraints():
            track.save()
    return track
