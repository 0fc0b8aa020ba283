"""Reminders: emails queued ahead of time, each with its send time, for one registration.

A reminder is an email in post_office's queue whose `scheduled_time` is the moment to send it
(the mail worker claims only rows due by now: ecosystem_day/infra/mail/delivery.py `claimable`), and
a Reminder row that says what it reminds of: one row per registration, kind and item, held by a
PostgreSQL unique constraint, so nothing is queued twice. What to remind of is decided above
this layer (sessions/reminders.py reads the released schedule); here the wanted reminders are
put on the queue, re-planned when their time or text changed, and withdrawn (their queued email
deleted) when no longer wanted. A reminder already sent, or in a worker's hands at that moment,
is never touched again: it stays as the record that it went out.

Lock order: the registration's row (the caller's), then its reminders, then their emails.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import models, transaction
from django.utils import timezone
from post_office.models import STATUS, Email

from ecosystem_day.infra.mail import queue_emails

PENDING = (STATUS.queued, STATUS.requeued)


class Reminder(models.Model):
    class Kind(models.TextChoices):
        DAY_BEFORE = "day_before", "The day before"
        BEFORE_ITEM = "before_item", "Before a starred item"

    registration = models.ForeignKey(
        "registration.Registration", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    item_guid = models.UUIDField(null=True, blank=True, help_text="The starred item's guid.")
    send_at = models.DateTimeField()
    email = models.OneToOneField(
        Email, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    planned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "registration"
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "item_guid"],
                nulls_distinct=False,
                name="one_reminder_per_registration_kind_and_item",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="day_before", item_guid__isnull=True)
                | models.Q(kind="before_item", item_guid__isnull=False),
                name="reminder_names_an_item_when_it_is_about_one",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.send_at:%Y-%m-%d %H:%M} UTC"


@dataclass(frozen=True)
class Wanted:
    """A reminder a registration should have: its kind, its item (None for the day before),
    when to send it, and its message (an unsaved Email from `prepare_email`, or None while
    mail is held back)."""

    kind: str
    item_guid: str | None
    send_at: datetime
    email: Email | None


def _key(registration_id, kind, item_guid):
    return (registration_id, kind, str(item_guid) if item_guid else None)


def _claim_pending(email_ids):
    """The ids among `email_ids` still waiting in the queue, their rows locked; a row a worker
    holds (being sent now) is skipped: it counts as sent."""
    return set(
        Email.objects.filter(pk__in=email_ids, status__in=PENDING)
        .select_for_update(skip_locked=True)
        .values_list("pk", flat=True)
    )


def _same(email, wanted):
    return (email.scheduled_time, email.subject, email.message) == (
        wanted.send_at,
        wanted.email.subject,
        wanted.email.message,
    )


def reconcile(wanted_by_registration, *, kinds, at=None):
    """Make each registration's reminders of `kinds` what `wanted_by_registration` ({registration
    id: [Wanted]}) lists: queue the missing, re-plan the waiting ones whose time or text
    changed, withdraw the waiting ones no longer wanted. Returns the (queued, re-planned,
    withdrawn) counts. The caller holds the registrations' rows locked, in its transaction.
    A fixed number of queries however many registrations."""
    at = at or timezone.now()
    held, wanted = set(), {}
    # (No dict.items() in this layer: the architecture spec reads `.items` as the accessor.)
    for registration_id in wanted_by_registration:
        for item in wanted_by_registration[registration_id]:
            key = _key(registration_id, item.kind, item.item_guid)
            if item.email is None:
                held.add(key)  # mail held back: left as it is
            else:
                wanted[key] = item
    existing = {
        _key(reminder.registration_id, reminder.kind, reminder.item_guid): reminder
        for reminder in Reminder.objects.filter(
            registration_id__in=list(wanted_by_registration), kind__in=kinds
        )
        .select_related("email")
        .select_for_update(of=("self",))
    }
    pending = _claim_pending([r.email_id for r in existing.values() if r.email_id])
    gone, replaced = [], []
    for key in existing:
        reminder = existing[key]
        if reminder.email_id not in pending or key in held:
            continue  # sent, failed, in flight or cleaned up (it went out once), or held back
        if key not in wanted:
            gone.append(reminder)
        elif not _same(reminder.email, wanted[key]):
            replaced.append((reminder, wanted[key]))
    added = [(key, wanted[key]) for key in wanted if key not in existing]
    outgoing = [item for _, item in added] + [item for _, item in replaced]
    for item in outgoing:
        item.email.scheduled_time = item.send_at
    if gone or outgoing:
        _write(gone, replaced, added, at)
    return len(added), len(replaced), len(gone)


def _write(gone, replaced, added, at):
    outgoing = [item for _, item in added] + [item for _, item in replaced]
    with transaction.atomic():
        old_emails = [r.email_id for r in gone] + [r.email_id for r, _ in replaced]
        Reminder.objects.filter(pk__in=[r.pk for r in gone]).delete()
        queue_emails([item.email for item in outgoing])
        for reminder, item in replaced:
            reminder.email, reminder.send_at, reminder.planned_at = item.email, item.send_at, at
        Reminder.objects.bulk_update(
            [reminder for reminder, _ in replaced], ["email", "send_at", "planned_at"]
        )
        Reminder.objects.bulk_create(
            Reminder(
                registration_id=key[0],
                kind=item.kind,
                item_guid=item.item_guid,
                send_at=item.send_at,
                email=item.email,
                planned_at=at,
            )
            for key, item in added
        )
        Email.objects.filter(pk__in=old_emails).delete()


def withdraw_all(registration):
    """Withdraw every reminder of the registration still waiting (it was cancelled or its
    data deleted); those already sent stay as they are. The caller holds its row locked."""
    return reconcile({registration.pk: []}, kinds=Reminder.Kind.values)[2]
