"""Reviews of proposals (posters and breakouts alike): saving one, and what to review next.

`save_review` is the one way a review is written (the proposal's page, the reviews' own admin
pages): it locks the proposal's row, so a double-clicked "Save" makes one review, and refuses
a past edition like every transition. A review changes no status: no history row, no email.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from ecosystem_day.event.frozen import check_writable

from . import proposals
from .models import ProposalStatus as Status


def review_permission(review_model, action):
    return f"{review_model._meta.app_label}.{action}_{review_model._meta.model_name}"


ALREADY_REVIEWED = "You have already reviewed this proposal: edit your review instead."


def save_review(review_model, proposal, *, reviewer, by=None, new=False, **values):
    """`reviewer`'s one review of `proposal` (created, or changed) with `values` (score,
    comment, …). `by` (the reviewer unless said) must be the reviewer or an organizer;
    `new`: a form that adds a review is refused if one was saved meanwhile."""
    by = by or reviewer
    with transaction.atomic():
        locked = proposals.lock(type(proposal), proposal.pk)
        check_writable(locked.event)
        review = review_model.objects.filter(proposal=locked, reviewer=reviewer).first()
        if new and review is not None:
            raise ValidationError(ALREADY_REVIEWED)
        action = "change" if review else "add"
        if not by.has_perm(review_permission(review_model, action)):
            raise PermissionDenied("Only reviewers and organizers review proposals.")
        if by.pk != reviewer.pk and not by.has_perm(locked.decide_permission):
            raise PermissionDenied("Only organizers change another reviewer's review.")
        review = review or review_model(proposal=locked, reviewer=reviewer)
        for name, value in values.items():
            setattr(review, name, value)
        review.full_clean()
        review.save()
    return review


def awaiting_my_review(model, review_model, event, reviewer):
    """The edition's proposals awaiting a decision that `reviewer` has not reviewed, in the
    queue's order (newest first)."""
    mine = review_model.objects.filter(proposal=OuterRef("pk"), reviewer=reviewer)
    return (
        model.objects.filter(event=event, status=Status.SUBMITTED)
        .filter(~Exists(mine))
        .order_by("-created_at", "-pk")
    )


def next_to_review(proposal, review_model, reviewer):
    """The proposal after `proposal` in the queue that awaits `reviewer`'s review (from the
    top again past the last one), or None when every one of its edition has theirs."""
    waiting = awaiting_my_review(type(proposal), review_model, proposal.event, reviewer).exclude(
        pk=proposal.pk
    )
    after = Q(created_at__lt=proposal.created_at) | Q(
        created_at=proposal.created_at, pk__lt=proposal.pk
    )
    return waiting.filter(after).first() or waiting.first()
