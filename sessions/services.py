"""Breakout proposals: the rule that a breakout needs the proposer's accepted poster.

Decisions, withdrawal and history reuse posters.services.change_status.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date

from posters.models import PosterProposal, ProposalStatus
from posters.services import notify

from .models import BreakoutProposal, BreakoutStatusChange


class BreakoutsClosed(PermissionDenied):
    def __init__(self, event):
        if event.breakout_deadline is None:
            message = "Breakout proposals are not open yet."
        else:
            local = timezone.localtime(event.breakout_deadline, event.tz)
            message = (
                f"Breakout proposals closed on {format_date(local, 'l, F j, Y, g:i:s A T')} "
                f"({event.time_zone})."
            )
        super().__init__(message)


class NoAcceptedPoster(PermissionDenied):
    """The proposer has no accepted poster to attach a breakout to; says what to do next."""


def breakout_gate(user, event):
    """Why `user` cannot propose a breakout for `event` now, or None if they can."""
    posters = PosterProposal.objects.filter(event=event, submitter=user)
    statuses = set(posters.values_list("status", flat=True))
    if ProposalStatus.ACCEPTED in statuses:
        return None
    if statuses & {ProposalStatus.SUBMITTED, ProposalStatus.WAITLISTED}:
        return NoAcceptedPoster(
            "Breakouts are for presenters of an accepted poster, and your poster is still "
            "being reviewed. We will email you the decision; if it is accepted, come back here."
        )
    if event.cfp_is_open():
        return NoAcceptedPoster(
            "Breakouts are for presenters of an accepted poster. Propose a poster first; "
            "once it is accepted you can propose a breakout."
        )
    return NoAcceptedPoster(
        f"Breakouts are for presenters of an accepted poster, and you have none for {event.name}."
    )


def accepted_posters_of(user, event):
    return PosterProposal.objects.filter(
        event=event, submitter=user, status=ProposalStatus.ACCEPTED
    ).order_by("title")


def propose_breakout(*, event, submitter, poster, at=None, **fields):
    """Create a breakout attached to `poster`, which must be the submitter's and accepted.

    The poster's row stays locked until commit, so a poster withdrawn or rejected at the
    same moment either sees this breakout (and withdraws it) or makes this call fail.
    """
    with transaction.atomic():
        if not event.breakouts_are_open(at):
            raise BreakoutsClosed(event)
        locked = (
            PosterProposal.objects.select_for_update()
            .filter(pk=poster.pk, event=event, submitter=submitter)
            .first()
        )
        if locked is None or locked.status != ProposalStatus.ACCEPTED:
            raise breakout_gate(submitter, event) or NoAcceptedPoster(
                "That poster is not one of your accepted posters."
            )
        breakout = BreakoutProposal(event=event, submitter=submitter, poster=locked, **fields)
        breakout.full_clean()
        breakout.save()
        BreakoutStatusChange.objects.create(
            proposal=breakout, changed_by=submitter, to_status=ProposalStatus.SUBMITTED
        )
        notify(breakout, "breakout-submitted")
    return breakout


def breakout_slot_saved(item, *, created, changed_fields):
    """Tell the presenter when and where their breakout runs, when it is placed or moved."""
    if not item.breakout_id:
        return
    if not created and not {"starts_at", "room", "breakout"} & set(changed_fields):
        return
    zone = item.event.tz
    starts = timezone.localtime(item.starts_at, zone)
    ends = timezone.localtime(item.ends_at, zone)
    notify(
        item.breakout,
        "breakout-scheduled",
        item=item,
        when=f"{format_date(starts, 'l, F j, Y, g:i A')}–{format_date(ends, 'g:i A T')} "
        f"({zone.key})",
        item_url=settings.SITE_URL + item.get_absolute_url(),
    )
