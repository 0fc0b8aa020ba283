"""The rules every proposal (poster or breakout) follows when its status changes.

Each app's transition functions (posters/services.py, sessions/services.py) lock their
rows in the one global order (a poster before its breakouts, never the event), then call
`record_status_change`, which checks the rule, saves, writes the history and queues the
email, all inside the caller's transaction.
"""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ecosystem_day.event.models import PublicVersion
from ecosystem_day.infra.mail import prepare_email, queue_emails
from ecosystem_day.infra.text import clean_text

from .models import ACCEPTED_STATES, DECIDED_STATES
from .models import ProposalStatus as Status

# Which status a proposal may move to from each status. Withdrawn is final.
ALLOWED_CHANGES = {
    Status.SUBMITTED: {Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED, Status.WITHDRAWN},
    Status.WAITLISTED: {Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN},
    Status.ACCEPTED: {Status.WAITLISTED, Status.REJECTED, Status.WITHDRAWN},
    Status.REJECTED: {Status.ACCEPTED, Status.WAITLISTED, Status.WITHDRAWN},
    Status.WITHDRAWN: set(),
}


class InvalidStatusChange(Exception):
    """A status change the rules do not allow, such as accepting a withdrawn proposal."""


def lock(model, pk):
    """The proposal's row, locked until the transaction ends (its event is read, not locked)."""
    return (
        model.objects.select_for_update(of=("self",))
        .select_related("event", "submitter")
        .get(pk=pk)
    )


def check_permission(locked, to_status, by):
    """Decisions are for organizers; withdrawal for the submitter or an organizer."""
    may_decide = by.has_perm(locked.decide_permission)
    if to_status in DECIDED_STATES and not may_decide:
        raise PermissionDenied("Only organizers can decide on proposals.")
    if to_status == Status.WITHDRAWN and not (locked.submitter_id == by.pk or may_decide):
        raise PermissionDenied("Only the submitter or an organizer can withdraw a proposal.")


def record_status_changes(locked_rows, to_status, *, by, note="", at=None, seen=None):
    """Move proposals of one kind whose rows the caller has locked, all at once.

    Returns (moved, refused): `moved` holds (row, the status it had) for every change made,
    `refused` an InvalidStatusChange for every row the rules keep where it is (including one
    someone else moved a moment before). `seen` ({pk: status}, optional) is what the organizer
    confirmed: a row whose status has changed since is left alone, so of two organizers
    deciding one proposal at once, one decides and its submitter gets one email. Whatever
    their number, the changes cost one update, one history insert and one mail queue insert.
    """
    to_status = Status(to_status)
    note = clean_text(note)  # the history rows are bulk-created: no save() cleans them
    moved, refused = [], []
    for row in locked_rows:
        from_status = Status(row.status)
        if seen is not None and seen.get(row.pk, from_status) != from_status:
            refused.append(
                InvalidStatusChange(
                    f"“{row.title}” became {from_status.label.lower()} while you were "
                    "confirming: someone else decided it first, so it was left as it is."
                )
            )
        elif to_status in ALLOWED_CHANGES[from_status]:
            moved.append((row, from_status))
        else:
            refused.append(
                InvalidStatusChange(
                    f"“{row.title}” is {from_status.label.lower()}; it cannot become "
                    f"{to_status.label.lower()}."
                )
            )
    if not moved:
        return moved, refused
    model = type(moved[0][0])
    now = timezone.now()
    model.objects.filter(pk__in=[row.pk for row, _ in moved]).update(
        status=to_status, updated_at=now
    )
    history = model._meta.get_field("status_changes").related_model
    history.objects.bulk_create(
        history(
            proposal=row,
            changed_by=by,
            changed_at=at or now,
            from_status=from_status,
            to_status=to_status,
            note=note,
        )
        for row, from_status in moved
    )
    for row, from_status in moved:
        row.status, row.updated_at = to_status, now
        if {from_status, to_status} & ACCEPTED_STATES:
            PublicVersion.bump(row.event_id)  # it joins or leaves the public pages
    template = f"{model.email_prefix}-{to_status.value}"
    queue_emails([notice(row, template, note=note) for row, _ in moved])
    return moved, refused


def record_status_change(locked, to_status, *, by, note="", at=None):
    """Move one locked proposal; return the status it had, or raise InvalidStatusChange."""
    moved, refused = record_status_changes([locked], to_status, by=by, note=note, at=at)
    if refused:
        raise refused[0]
    return moved[0][1]


def notice(proposal, template_name, **context):
    """The email of `template_name` to the proposal's submitter, ready to queue; None while
    the proposal has no submitter (an imported poster, until its presenter claims it)."""
    if proposal.submitter_id is None:
        return None
    return prepare_email(
        template_name, proposal.submitter.email, {**proposal.email_context(), **context}
    )


def notify(proposal, template_name, **context):
    """Queue the organizers' template `template_name` to the proposal's submitter, if it has
    one yet (an imported poster has none until its presenter claims it)."""
    queue_emails([notice(proposal, template_name, **context)])
