"""Every change to a registration goes through here: the form, "My registration", the admin.

Each function runs in one transaction and locks the edition's registration settings row first
(so seats are counted by one registration at a time, and the event's row is never locked),
then the registration's row; it checks the rule, saves, records the history and queues the
email. A seat that frees up goes to the first on the wait list in the same transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ecosystem_day.event.frozen import check_writable
from ecosystem_day.infra.constraints import refused_by_constraints
from ecosystem_day.infra.text import clean_text

from ..accounts.models import User
from . import notices
from .models import (
    ACTIVE_STATES,
    Answer,
    Registration,
    RegistrationChange,
    RegistrationSettings,
    Status,
)
from .reminders import withdraw_all
from .signals import registration_changed


class RegistrationClosed(PermissionDenied):
    """Registering or changing outside the dates organizers set; a 403 page says when."""

    def __init__(self, registration_settings, at=None):
        self.settings = registration_settings
        if registration_settings.has_not_opened(at):
            super().__init__("Registration has not opened yet.")
        else:
            super().__init__("Registration is closed.")


class RegistrationNotChangeable(PermissionDenied):
    """A cancelled or deleted registration, or one of someone else."""


def lock_settings(event):
    """The edition's registration settings, locked: the first lock of every transition here."""
    check_writable(event)
    try:
        return RegistrationSettings.objects.select_for_update().get(event=event)
    except RegistrationSettings.DoesNotExist:
        raise PermissionDenied(f"Registration for {event.name} is not set up.") from None


def lock_registration(pk):
    return Registration.objects.select_related("event").select_for_update(of=("self",)).get(pk=pk)


def _check_open(registration_settings, at):
    if registration_settings.is_external:
        raise PermissionDenied("Registration for this edition happens at another address.")
    if not registration_settings.is_open(at):
        raise RegistrationClosed(registration_settings, at)


def _record(registration, from_status, *, by, at, note=""):
    RegistrationChange.objects.create(
        registration=registration,
        from_status=from_status,
        to_status=registration.status,
        changed_by=by,
        changed_at=at,
        note=note,
    )


def _seats_left(registration_settings):
    if registration_settings.capacity is None:
        return None
    taken = Registration.objects.filter(
        event_id=registration_settings.event_id, status=Status.REGISTERED
    ).count()
    return registration_settings.capacity - taken


def _account_of(email):
    """The account a new registration belongs to at once: one whose address is verified.
    Anyone else proves the address with the sign-in link."""
    return User.objects.filter(email__iexact=email, email_verified_at__isnull=False).first()


def register(*, event, name, email, tracks, time_zone, answers=None, by=None, at=None, **fields):
    """Register `email` for `event` and its sessions `tracks`, while registration is open:
    a seat if one is left, else a place on the wait list. Queues the confirmation (with the
    sessions' calendar and a sign-in link). An address whose registration was cancelled
    registers again on that same row (one per address and edition), its history kept."""
    at = at or timezone.now()
    with transaction.atomic():
        registration_settings = lock_settings(event)
        _check_open(registration_settings, at)
        seats = _seats_left(registration_settings)
        status = Status.REGISTERED if seats is None or seats > 0 else Status.WAIT_LISTED
        registration = _cancelled_one(event, email) or Registration(
            event=event, email=email, status=""
        )
        from_status = registration.status
        registration.name, registration.time_zone, registration.status = name, time_zone, status
        registration.user = registration.user or _account_of(email)
        # Registering again joins the wait list at its end, like anyone registering now.
        registration.created_at = registration.changed_at = at
        registration.code_of_conduct_accepted_at = at
        for field in fields:
            setattr(registration, field, fields[field])
        registration.full_clean(exclude=["tracks"], validate_constraints=False)
        with refused_by_constraints():
            registration.save()
        _save_choices(registration, tracks, answers or {})
        _record(registration, from_status, by=_person(by), at=at)
        notices.confirmation(registration)
        _changed(registration)
    return registration


def _cancelled_one(event, email):
    """The edition's cancelled registration of `email` (its data not deleted), locked."""
    return (
        Registration.objects.select_for_update()
        .filter(
            event=event,
            email__iexact=email,
            status=Status.CANCELLED,
            anonymised_at__isnull=True,
        )
        .first()
    )


def _changed(registration):
    """Tell the apps above (their reminders follow), in the transaction, the row locked."""
    registration_changed.send(sender=Registration, registration=registration)


def _person(by):
    return by if by is not None and by.is_authenticated else None


def _save_choices(registration, tracks, answers):
    if not tracks:
        raise ValidationError({"tracks": "Choose at least one session."})
    if any(track.event_id != registration.event_id for track in tracks):
        raise ValidationError({"tracks": "Choose among this edition's sessions."})
    registration.tracks.set(tracks)
    registration.answers.all().delete()
    Answer.objects.bulk_create(
        Answer(registration=registration, question=question, value=clean_text(answers[question]))
        for question in answers
        if answers[question]
    )


def _own_active(registration, by):
    if registration.user_id is None or by is None or registration.user_id != by.pk:
        raise RegistrationNotChangeable("This is not your registration.")
    if not registration.is_active:
        raise RegistrationNotChangeable("This registration is cancelled: it cannot change.")


def change_registration(registration, *, by, tracks, time_zone, answers=None, at=None, **fields):
    """Its owner changes their sessions, zone, answers or details while registration is open."""
    at = at or timezone.now()
    with transaction.atomic():
        registration_settings = lock_settings(registration.event)
        locked = lock_registration(registration.pk)
        _own_active(locked, by)
        _check_open(registration_settings, at)
        for name in fields:
            if name not in ("name", "affiliation", "country"):
                raise ValueError(f"{name} cannot be changed by its owner")
            setattr(locked, name, fields[name])
        locked.time_zone, locked.changed_at = time_zone, at
        locked.full_clean(exclude=["tracks"], validate_constraints=False)
        locked.save()
        _save_choices(locked, tracks, answers or {})
        notices.changed(locked)
        _changed(locked)
    return locked


def cancel_registration(registration, *, by, at=None, note="", by_organizer=False):
    """Cancel it (its owner, or organizers); a seat it held goes to the first on the wait list."""
    at = at or timezone.now()
    with transaction.atomic():
        registration_settings = lock_settings(registration.event)
        locked = lock_registration(registration.pk)
        if not by_organizer:
            _own_active(locked, by)
        elif not locked.is_active:
            raise RegistrationNotChangeable("This registration is already cancelled.")
        held_a_seat = locked.status == Status.REGISTERED
        _set_status(locked, Status.CANCELLED, by=by, at=at, note=note)
        notices.cancelled(locked)
        withdraw_all(locked)
        _changed(locked)
        if held_a_seat:
            fill_seats(registration_settings, at=at)
    return locked


def _set_status(registration, status, *, by, at, note=""):
    from_status = registration.status
    registration.status, registration.changed_at = status, at
    registration.save(update_fields=["status", "changed_at"])
    _record(registration, from_status, by=_person(by), at=at, note=note)


def fill_seats(registration_settings, *, at=None):
    """Give the free seats to the wait list, first come first served (the settings row is
    locked by the caller: a cancellation, or organizers raising the capacity)."""
    at = at or timezone.now()
    seats = _seats_left(registration_settings)
    waiting = Registration.objects.filter(
        event_id=registration_settings.event_id, status=Status.WAIT_LISTED
    ).select_for_update()
    promoted = list(waiting[:seats]) if seats is not None else list(waiting)
    for registration in promoted:
        _set_status(registration, Status.REGISTERED, by=None, at=at, note="A seat freed up.")
        notices.seat_given(registration)
        _changed(registration)
    return promoted


def change_capacity(event, capacity, *, at=None):
    """Organizers set the number of seats; more seats go to the wait list at once."""
    with transaction.atomic():
        registration_settings = lock_settings(event)
        registration_settings.capacity = capacity
        registration_settings.full_clean()
        registration_settings.save(update_fields=["capacity"])
        fill_seats(registration_settings, at=at)
    return registration_settings


def forget_registration(registration, *, by, at=None):
    """Delete its owner's data: what names them is blanked and their answers deleted; the row
    stays (cancelled), so the counts by session, region and day stay true."""
    at = at or timezone.now()
    with transaction.atomic():
        registration_settings = lock_settings(registration.event)
        locked = lock_registration(registration.pk)
        if locked.user_id is None or locked.user_id != by.pk:
            raise RegistrationNotChangeable("This is not your registration.")
        held_a_seat = locked.status == Status.REGISTERED
        if locked.is_active:
            _set_status(locked, Status.CANCELLED, by=None, at=at, note="Data deleted.")
        locked.answers.all().delete()
        locked.name = locked.email = locked.affiliation = ""
        locked.user, locked.anonymised_at, locked.changed_at = None, at, at
        locked.remind_before_items = False
        locked.save()
        withdraw_all(locked)
        _changed(locked)
        RegistrationChange.objects.filter(registration=locked).update(changed_by=None)
        if held_a_seat:
            fill_seats(registration_settings, at=at)
    return locked


def set_item_reminders(registration, *, by, on):
    """Its owner turns on or off the reminders before each starred item. Allowed while the
    registration is active, registration open or not (they matter most on the day)."""
    with transaction.atomic():
        lock_settings(registration.event)
        locked = lock_registration(registration.pk)
        _own_active(locked, by)
        locked.remind_before_items = on
        locked.save(update_fields=["remind_before_items"])
        _changed(locked)
    return locked


def registration_of(user, event):
    """The person's active-or-cancelled registration for `event`, or None."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user=user, anonymised_at__isnull=True)
        .prefetch_related("tracks", "answers__question")
        .first()
    )


def is_registered(user, event):
    """Whether `user` holds a seat at `event` (the wait list does not count)."""
    return (
        user.is_authenticated
        and Registration.objects.filter(event=event, user=user, status=Status.REGISTERED).exists()
    )


__all__ = [
    "ACTIVE_STATES",
    "RegistrationClosed",
    "RegistrationNotChangeable",
    "cancel_registration",
    "change_capacity",
    "change_registration",
    "fill_seats",
    "forget_registration",
    "register",
    "set_item_reminders",
]
