"""The rules every proposal (poster or breakout) follows when its status changes.

Each app's transition functions (posters/services.py, sessions/services.py) lock their
rows in the one global order (a poster before its breakouts, never the event), then call
`record_status_change`, which checks the rule, saves, writes the history and queues the
email, all inside the caller's transaction.
"""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ecosystem_day.mail import queue_email
from ecosystem_day.models import PublicVersion

from .models import ProposalStatus as Status

# Which status a proposal may move to from each status. Withdrawn is final.
ALLOWED_CHANGES = {
    Status.SUBMITTED: {Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED, Status.WITHDRAWN},
    Status.WAITLISTED: {Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN},
    Status.ACCEPTED: {Status.WAITLISTED, Status.REJECTED, Status.WITHDRAWN},
    Status.REJECTED: {Status.ACCEPTED, Status.WAITLISTED, Status.WITHDRAWN},
    Status.WITHDRAWN: set(),
}
DECISIONS = {Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED}


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
    if to_status in DECISIONS and not may_decide:
        raise PermissionDenied("Only organizers can decide on proposals.")
    if to_status == Status.WITHDRAWN and not (locked.submitter_id == by.pk or may_decide):
        raise PermissionDenied("Only the submitter or an organizer can withdraw a proposal.")


def record_status_change(locked, to_status, *, by, note="", at=None):
    """Move a proposal whose row the caller has locked; return the status it had.

    Raises InvalidStatusChange when the rules forbid the change, including when someone
    else made the same change a moment before.
    """
    to_status = Status(to_status)
    from_status = Status(locked.status)
    if to_status not in ALLOWED_CHANGES[from_status]:
        raise InvalidStatusChange(
            f"“{locked.title}” is {from_status.label.lower()}; it cannot become "
            f"{to_status.label.lower()}."
        )
    locked.status = to_status
    locked.save(update_fields=["status", "updated_at"])
    locked.status_changes.create(
        changed_by=by,
        changed_at=at or timezone.now(),
        from_status=from_status,
        to_status=to_status,
        note=note,
    )
    if from_status == Status.ACCEPTED:
        PublicVersion.bump(locked.event_id)  # it leaves the public pages
    notify(locked, f"{locked.email_prefix}-{to_status.value}", note=note)
    return from_status


def notify(proposal, template_name, **context):
    """Queue the organizers' template `template_name` to the proposal's submitter, if it has
    one yet (an imported poster has none until its presenter claims it)."""
    if proposal.submitter_id is None:
        return None
    return queue_email(
        template_name, proposal.submitter.email, {**proposal.email_context(), **context}
    )
