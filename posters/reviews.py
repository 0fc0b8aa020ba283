"""Reviews of proposals (posters and breakouts alike): saving one, and what to review next.

`save_review` is the one way a review is written (the proposal's page, the reviews' own admin
pages): it locks the proposal's row, so a double-clicked "Save" makes one review, and refuses
a past edition like every transition. A review changes no status: no history row, no email.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Exists, OuterRef, Q, Value, When

from ecosystem_day.event.frozen import check_writable

from . import proposals
from .conflicts import authorship, check_not_author
from .models import ProposalStatus as Status
from .models import ReviewCriterion


def review_permission(review_model, action):
    return f"{review_model._meta.app_label}.{action}_{review_model._meta.model_name}"


ALREADY_REVIEWED = "You have already reviewed this proposal: edit your review instead."


def criteria_of(event):
    """The criteria `event`'s reviews score, in their order (none: one overall score)."""
    return list(ReviewCriterion.objects.filter(settings__event=event))


def save_review(review_model, proposal, *, reviewer, by=None, new=False, scores=None, **values):
    """`reviewer`'s one review of `proposal` (created, or changed) with `values` (score,
    comment, …) and, with `scores` ({criterion id: 1 to 5}), a score for each of the edition's
    criteria. `by` (the reviewer unless said) must be the reviewer or an organizer;
    `new`: a form that adds a review is refused if one was saved meanwhile. Nobody reviews a
    proposal they wrote (posters/conflicts.py)."""
    by = by or reviewer
    with transaction.atomic():
        locked = proposals.lock(type(proposal), proposal.pk)
        check_writable(locked.event)
        check_not_author(reviewer, locked)
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
        if scores is not None:
            save_scores(review, criteria_of(locked.event), scores)
    return review


def save_scores(review, criteria, scores):
    """One score per criterion of the edition, each 1 to 5: none missing, none foreign."""
    wanted = {criterion.pk for criterion in criteria}
    if set(scores) != wanted:
        raise ValidationError("Score each of the edition's criteria, and only those.")
    given = {row.criterion_id: row for row in review.criterion_scores.all()}
    for criterion in criteria:
        row = given.get(criterion.pk) or review.criterion_scores.model(
            review=review, criterion=criterion
        )
        row.score = scores[criterion.pk]
        row.full_clean()
        row.save()


def awaiting_my_review(model, review_model, event, reviewer):
    """The edition's proposals awaiting a decision that `reviewer` has not reviewed and did
    not write, in the queue's order (newest first)."""
    mine = review_model.objects.filter(proposal=OuterRef("pk"), reviewer=reviewer)
    return (
        model.objects.filter(event=event, status=Status.SUBMITTED)
        .filter(~Exists(mine))
        .exclude(authorship(model, reviewer))
        .order_by("-created_at", "-pk")
    )


def next_to_review(proposal, review_model, reviewer):
    """What `reviewer` reviews after `proposal`: the proposals assigned to them first, then
    the others awaiting their review; within each, the one after `proposal` in the queue's
    order (from the top again past the last one). None when every one has their review."""
    waiting = awaiting_my_review(type(proposal), review_model, proposal.event, reviewer).exclude(
        pk=proposal.pk
    )
    assigned = waiting.filter(assignments__reviewer=reviewer)
    after = Q(created_at__lt=proposal.created_at) | Q(
        created_at=proposal.created_at, pk__lt=proposal.pk
    )
    following = waiting.annotate(later=Case(When(after, then=Value(0)), default=Value(1))).order_by(
        "later", "-created_at", "-pk"
    )
    return following.filter(pk__in=assigned.values("pk")).first() or following.first()
