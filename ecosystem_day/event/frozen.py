"""The past is frozen: a past edition is read-only through every path (the site, the admin and
its actions, commands, and the transition functions themselves, which call `check_writable`).

A *past* edition, defined here and only here: one that is not current and whose day is over
in its own time zone. An upcoming edition being prepared (not current yet) stays editable, and
so does the current edition after its day (organizers add the recordings). Only a superuser's
explicit reopen lifts the rule, with a reason; reopening and closing again are recorded in the
admin's log (who, when, why) and shown on the edition's admin page.
"""

from datetime import datetime, time, timedelta

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

REOPENED = "Reopened"  # how the log's change messages of this module begin
CLOSED = "Closed again"


def day_is_over(day, zone, at=None):
    """True from the midnight after `day` in `zone` (an edition's day, in its own zone)."""
    return (at or timezone.now()) >= datetime.combine(day + timedelta(days=1), time(0), zone)


def is_past(event, at=None):
    """Not current, and its day is over: whether or not a superuser reopened it."""
    return not event.is_current and day_is_over(event.date, event.tz, at)


def is_read_only(event, at=None):
    """A past edition nobody reopened: nothing of it may change."""
    return is_past(event, at) and event.reopened_at is None


class PastEditionReadOnly(PermissionDenied):
    """A change to a past edition; the site and the admin answer 403 with this message."""

    def __init__(self, event):
        self.event = event
        super().__init__(f"{event.name} is a past edition: it is read-only.")


def check_writable(event, at=None):
    """The first line of every transition: raise if `event` (as the caller read it in its
    transaction) is a past edition."""
    if is_read_only(event, at):
        raise PastEditionReadOnly(event)


def reopen(event, *, by, reason):
    """A superuser lifts the rule for a past edition, saying why; recorded with who and when."""
    reason = reason.strip()
    with transaction.atomic():
        locked = _lock_as_superuser(event, by, "reopen")
        if not is_past(locked):
            raise ValidationError(f"{locked.name} is not a past edition: it is not read-only.")
        if locked.reopened_at is not None:
            raise ValidationError(f"{locked.name} is already reopened.")
        if not reason:
            raise ValidationError({"reason": "Say why it is reopened: the reason is recorded."})
        locked.reopened_at, locked.reopened_by, locked.reopen_reason = timezone.now(), by, reason
        locked.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
        _record(locked, by, f"{REOPENED}: {reason}")
    return locked


def close(event, *, by, reason=""):
    """A superuser makes a reopened edition read-only again; recorded like the reopen."""
    reason = reason.strip()
    with transaction.atomic():
        locked = _lock_as_superuser(event, by, "close")
        if locked.reopened_at is None:
            raise ValidationError(f"{locked.name} is not reopened: there is nothing to close.")
        locked.reopened_at, locked.reopened_by, locked.reopen_reason = None, None, ""
        locked.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
        _record(locked, by, f"{CLOSED}: {reason}" if reason else f"{CLOSED}.")
    return locked


def history(event):
    """The reopenings and closings of `event`, newest first, as the admin's log has them."""
    return list(
        LogEntry.objects.filter(
            Q(change_message__startswith=REOPENED) | Q(change_message__startswith=CLOSED),
            content_type=ContentType.objects.get_for_model(event),
            object_id=str(event.pk),
        )
        .select_related("user")
        .order_by("-action_time", "-pk")
    )


def _lock_as_superuser(event, by, verb):
    if not (by.is_active and by.is_superuser):
        raise PermissionDenied(f"Only a superuser can {verb} a past edition.")
    return type(event).objects.select_for_update().get(pk=event.pk)


def _record(event, by, message):
    LogEntry.objects.create(
        user=by,
        content_type=ContentType.objects.get_for_model(event),
        object_id=str(event.pk),
        object_repr=str(event)[:200],
        action_flag=CHANGE,
        change_message=message,
    )
