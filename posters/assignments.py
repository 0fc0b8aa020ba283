"""Who reviews what: organizers assign reviewers to proposals, or balance them automatically.

Every assignment goes through `assign` or `balance` (and `unassign` takes one back); each locks
the proposals' rows first, in id order, as every transition does, so two organizers balancing
at once give each proposal N reviewers, not 2N: the second waits for the first, then sees its
assignments. Nobody is assigned a proposal they wrote (posters/conflicts.py).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count

from ecosystem_day.event.frozen import check_writable

from .conflicts import authorship
from .models import ProposalStatus as Status
from .reviews import review_permission

REVIEWERS_GROUP = "Reviewers"


@dataclass
class Assigned:
    """What an assignment did: the rows it made, and the pairs it left out and why."""

    made: list = field(default_factory=list)
    authors: list = field(default_factory=list)  # (proposal, reviewer): they wrote it
    already: int = 0  # pairs that were assigned before
    short: list = field(default_factory=list)  # proposals left with fewer than asked


def assignment_model(model):
    return model._meta.get_field("assignments").related_model


def reviewer_pool(review_model):
    """Who may be assigned: active members of the Reviewers group who may review, by id."""
    users = (
        get_user_model()
        .objects.filter(groups__name=REVIEWERS_GROUP, is_active=True)
        .distinct()
        .order_by("pk")
    )
    return [user for user in users if may_review(user, review_model)]


def may_review(user, review_model):
    return user.is_active and user.has_perm(review_permission(review_model, "add"))


def _lock(model, pks):
    return list(
        model.objects.select_for_update(of=("self",))
        .select_related("event")
        .filter(pk__in=pks)
        .order_by("pk")
    )


def _check(locked, by):
    for proposal in locked:
        if not by.has_perm(proposal.decide_permission):
            raise PermissionDenied("Only organizers assign reviewers.")
        check_writable(proposal.event)


def _authors_among(model, reviewers, locked):
    """{reviewer id: ids of the locked proposals they wrote}: one query per reviewer."""
    pks = [proposal.pk for proposal in locked]
    return {
        reviewer.pk: set(
            model.objects.filter(authorship(model, reviewer), pk__in=pks).values_list(
                "pk", flat=True
            )
        )
        for reviewer in reviewers
    }


def _existing(model, locked):
    rows = assignment_model(model).objects.filter(proposal__in=locked)
    return set(rows.values_list("proposal_id", "reviewer_id"))


def _row(model, proposal, reviewer, by):
    return assignment_model(model)(proposal=proposal, reviewer=reviewer, assigned_by=by)


def assign(model, proposals, reviewers, *, by):
    """Assign each of `reviewers` to each of `proposals` (posters or breakouts of `model`),
    but none to a proposal they wrote; pairs already assigned stay as they are."""
    for reviewer in reviewers:
        if not may_review(reviewer, model._meta.get_field("reviews").related_model):
            raise ValidationError(f"{reviewer} may not review: add them to the Reviewers group.")
    result = Assigned()
    with transaction.atomic():
        locked = _lock(model, [proposal.pk for proposal in proposals])
        _check(locked, by)
        existing = _existing(model, locked)
        authors = _authors_among(model, reviewers, locked)
        rows = []
        for proposal in locked:
            for reviewer in reviewers:
                if proposal.pk in authors[reviewer.pk]:
                    result.authors.append((proposal, reviewer))
                elif (proposal.pk, reviewer.pk) in existing:
                    result.already += 1
                else:
                    rows.append(
                        assignment_model(model)(
                            proposal=proposal, reviewer=reviewer, assigned_by=by
                        )
                    )
        result.made = assignment_model(model).objects.bulk_create(rows)
    return result


def balance(model, event, *, per_proposal, by, reviewers=None):
    """Give each of `event`'s proposals awaiting a decision `per_proposal` reviewers: the ones
    it has, then, one proposal at a time in id order, the reviewers with the fewest
    assignments in the edition (the lower id on a tie), never an author. The same call on
    the same data assigns the same people."""
    if per_proposal < 1:
        raise ValidationError("Ask for at least one reviewer per proposal.")
    review_model = model._meta.get_field("reviews").related_model
    result = Assigned()
    with transaction.atomic():
        locked = _lock(model, model.objects.filter(event=event, status=Status.SUBMITTED))
        if not locked:
            return result
        _check(locked, by)
        pool = reviewers if reviewers is not None else reviewer_pool(review_model)
        if not pool:
            raise ValidationError("Nobody to assign: the Reviewers group is empty.")
        existing = _existing(model, locked)
        load = Counter(
            dict(
                assignment_model(model)
                .objects.filter(proposal__event=event)
                .values_list("reviewer")
                .annotate(n=Count("pk"))
                .order_by()
            )
        )
        authors = _authors_among(model, pool, locked)
        rows = []
        for proposal in locked:
            has = {reviewer for pk, reviewer in existing if pk == proposal.pk}
            free = [
                reviewer
                for reviewer in pool
                if reviewer.pk not in has and proposal.pk not in authors[reviewer.pk]
            ]
            free.sort(key=lambda reviewer: (load[reviewer.pk], reviewer.pk))
            chosen = free[: max(per_proposal - len(has), 0)]
            for reviewer in chosen:
                load[reviewer.pk] += 1
                rows.append(_row(model, proposal, reviewer, by))
            if len(has) + len(chosen) < per_proposal:
                result.short.append(proposal)
        result.made = assignment_model(model).objects.bulk_create(rows)
    return result


def unassign(model, proposal, reviewer, *, by):
    """Take `reviewer` off `proposal` (their review, if any, stays)."""
    with transaction.atomic():
        locked = _lock(model, [proposal.pk])
        _check(locked, by)
        assignment_model(model).objects.filter(proposal__in=locked, reviewer=reviewer).delete()
