"""What each registrant is reminded of, read from the released schedule, in their own zone.

- The day before: at DAY_BEFORE_AT in the registrant's zone, on the day before their first
  session of the day begins there: their sessions, what is on, each item's Join route
  (/schedule/<id>/join, which checks the registration; never a room's link) and how to change
  or cancel. Once per registrant and edition.
- Before each starred item, for those who asked (`Registration.remind_before_items`):
  ITEM_REMINDER_MINUTES before it starts, with its Join route. Once per person and item.

`plan` works out the reminders one registration should have now and hands them to
registration/reminders.py, which queues, re-plans or withdraws them (and never sends one
twice). It runs in every change that alters them: the registration's transitions (through
`registration_changed`), a star added or removed, a release (an item moved, cancelled or
renamed; after it commits), and `manage.py plan_reminders`, which catches up on everything.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from ecosystem_day.event.frozen import is_read_only
from ecosystem_day.event.models import Event
from ecosystem_day.event.object_urls import edition_url
from ecosystem_day.infra.mail import prepare_email, site_link
from ecosystem_day.registration.models import (
    DAY_BEFORE_AT,
    ITEM_REMINDER_MINUTES,
    Registration,
    Status,
)
from ecosystem_day.registration.notices import span
from ecosystem_day.registration.reminders import PENDING, Reminder, Wanted, reconcile

from .published import published
from .stars import Star


def _clock(item, zone):
    """ "Wednesday, April 21, 5:00 PM – 5:40 PM CEST": an item in the registrant's zone."""
    start, end = item.starts_at.astimezone(zone), item.ends_at.astimezone(zone)
    return f"{format_date(start, 'l, F j, g:i A')} – {format_date(end, 'g:i A T')}"


def _links(event, item):
    """Its page, and its Join route when it has a room (else "")."""
    page = site_link(edition_url(event, "schedule_item", [item.id]))
    join = site_link(edition_url(event, "schedule_join", [item.id])) if item.join_url else ""
    return page, join


def _item_values(event, item, zone):
    page, join = _links(event, item)
    return {
        "title": item.title,
        "times": _clock(item, zone),
        "room": item.room or "",
        "item_url": page,
        "join_url": join,
    }


def first_start(tracks, items):
    """When the registrant's day begins: the earliest start of their sessions (their spans) and
    of their sessions' own items (an item for both sessions, such as all-day networking, does
    not move it)."""
    starts = [track.starts_at for track in tracks]
    starts += [item.starts_at for item in items if item.track_slug]
    return min(starts, default=None)


def day_before_moment(starts_at, zone):
    """DAY_BEFORE_AT on the day before `starts_at`'s date, both in `zone`."""
    day = starts_at.astimezone(zone).date() - timedelta(days=1)
    return datetime.combine(day, DAY_BEFORE_AT, tzinfo=zone)


def _session_times(track, items, zone):
    own = [item for item in items if item.track_slug == track.slug]
    starts = min([track.starts_at, *(item.starts_at for item in own)])
    ends = max([track.ends_at, *(item.ends_at for item in own)])
    return span(starts, ends, zone)


def _day_before(registration, tracks, items, at):
    """The day-before reminder, if it is still wanted: before their day begins, and either
    its moment is ahead or they registered before it (a planner that ran late sends it at once;
    someone registering after it has a confirmation minutes old)."""
    starts_at = first_start(tracks, items)
    if starts_at is None or at >= starts_at:
        return []
    zone, event = registration.tz, registration.event
    moment = day_before_moment(starts_at, zone)
    if at >= moment and registration.created_at > moment:
        return []
    context = {
        "name": registration.name,
        "event": {"name": event.name},
        "time_zone": zone.key,
        "sessions_of_the_day": [
            {"name": track.name, "times": _session_times(track, items, zone)} for track in tracks
        ],
        "items": [_item_values(event, item, zone) for item in items],
        "schedule_url": site_link(edition_url(event, "schedule")),
        "my_registration_url": site_link(reverse("my_registration")),
        "sign_in_request_url": site_link(reverse("registration_sign_in_request")),
    }
    email = prepare_email("reminder-day-before", registration.email, context)
    return [Wanted(Reminder.Kind.DAY_BEFORE, None, moment, email)]


def _before_items(registration, items, starred, at):
    """A reminder before each starred item of theirs (`starred`: guids) that has not started."""
    zone, event = registration.tz, registration.event
    lead = timedelta(minutes=ITEM_REMINDER_MINUTES)
    wanted = []
    for item in items:
        if item.guid not in starred or at >= item.starts_at:
            continue
        context = {
            "name": registration.name,
            "event": {"name": event.name},
            "time_zone": zone.key,
            "minutes": ITEM_REMINDER_MINUTES,
            "item": _item_values(event, item, zone),
            "agenda_url": site_link(reverse("agenda")),
        }
        email = prepare_email("reminder-before-item", registration.email, context)
        wanted.append(Wanted(Reminder.Kind.BEFORE_ITEM, item.guid, item.starts_at - lead, email))
    return wanted


def _wanted(registration, tracks, starred, programme, at):
    if registration.status != Status.REGISTERED or programme.release is None:
        return []
    slugs = {track.slug for track in tracks}
    items = [item for item in programme.items if item.track_slug in (None, *slugs)]
    wanted = _day_before(registration, tracks, items, at)
    if registration.remind_before_items and registration.user_id:
        wanted += _before_items(registration, items, starred, at)
    return wanted


def plan_many(registrations, *, event, programme=None, at=None):
    """Queue, re-plan or withdraw the reminders of `registrations` (of `event`, their rows
    locked by the caller in its transaction) so they match the schedule as released and their
    owners' choices now; (queued, re-planned, withdrawn). A fixed number of queries however
    many. Nothing is planned before the schedule's first release (there is nothing to join
    yet); a past edition's are left as they are."""
    at = at or timezone.now()
    if is_read_only(event, at) or not registrations:
        return (0, 0, 0)
    programme = programme or published(event, at)
    for registration in registrations:
        registration.event = event  # read once, for all
    tracks, starred = defaultdict(list), defaultdict(set)
    chosen = Registration.tracks.through.objects.filter(
        registration__in=registrations
    ).select_related("track")
    for choice in sorted(chosen, key=lambda c: (c.track.position, c.track.name)):
        tracks[choice.registration_id].append(choice.track)
    users = [r.user_id for r in registrations if r.user_id and r.remind_before_items]
    for user_id, guid in Star.objects.filter(event=event, user_id__in=users).values_list(
        "user_id", "guid"
    ):
        starred[user_id].add(str(guid))
    wanted = {
        registration.pk: _wanted(
            registration, tracks[registration.pk], starred[registration.user_id], programme, at
        )
        for registration in registrations
    }
    return reconcile(wanted, kinds=Reminder.Kind.values, at=at)


def plan(registration, *, programme=None, at=None):
    """`plan_many` for one registration, its row locked by the caller."""
    return plan_many([registration], event=registration.event, programme=programme, at=at)


def plan_for(registration_id, *, programme=None, at=None):
    """`plan` in its own transaction, the registration's row locked first."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_related("event")
            .select_for_update(of=("self",))
            .get(pk=registration_id)
        )
        return plan(registration, programme=programme, at=at)


def plan_for_user(user, event):
    """After `user` starred or unstarred an item: re-plan their registration's reminders, if
    they asked for reminders before starred items."""
    found = Registration.objects.filter(
        event=event, user=user, status=Status.REGISTERED, remind_before_items=True
    ).values_list("pk", flat=True)
    for registration_id in found:
        plan_for(registration_id)


def to_plan(event):
    """The registrations whose reminders may change: those holding a seat, and any with a
    reminder still waiting in the queue."""
    seated = Registration.objects.filter(event=event, status=Status.REGISTERED)
    waiting = Reminder.objects.filter(registration__event=event, email__status__in=PENDING)
    return set(seated.values_list("pk", flat=True)) | set(
        waiting.values_list("registration_id", flat=True)
    )


BATCH = 200  # registrations planned in one transaction


def plan_event(event_id, at=None):
    """Re-plan every registration of the event, BATCH at a time (a transaction and a fixed
    number of queries each); the summed (queued, re-planned, withdrawn). A registration whose
    row another transaction holds is skipped, not waited for: that transaction is one of its
    transitions, which plans it itself (and a lock is never waited for while others are held,
    so this never deadlocks with a cancellation handing seats to the wait list)."""
    event = Event.objects.get(pk=event_id)
    at = at or timezone.now()
    if is_read_only(event, at):
        return (0, 0, 0)
    programme = published(event, at)
    totals = [0, 0, 0]
    ids = sorted(to_plan(event))
    for start in range(0, len(ids), BATCH):
        with transaction.atomic():
            batch = list(
                Registration.objects.filter(pk__in=ids[start : start + BATCH])
                .order_by("pk")
                .select_for_update(of=("self",), skip_locked=True, no_key=True)
            )
            counts = plan_many(batch, event=event, programme=programme, at=at)
        totals = [total + count for total, count in zip(totals, counts, strict=True)]
    return tuple(totals)


def plan_after_release(event):
    """A release moved, cancelled or renamed items: re-plan once it is committed. A failure
    here is logged and leaves the release done; `manage.py plan_reminders` catches up."""
    transaction.on_commit(lambda: plan_event(event.pk), robust=True)
