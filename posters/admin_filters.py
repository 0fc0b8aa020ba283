"""The review queue's filters and the title they give the list, read as a desk: "Posters
awaiting a decision — PyTorch Ecosystem Day 2026", not "Select poster proposal to change"."""

from django.contrib import admin
from django.db.models import Exists, F, OuterRef

from ecosystem_day.event.admin_editions import WithoutAllChoice

from .conflicts import authorship
from .models import ProposalStatus as Status

AWAITING = "awaiting"
ALL = "all"


class StatusFilter(WithoutAllChoice, admin.SimpleListFilter):
    """Opens on what awaits a decision; "All" and each status are a click away."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(AWAITING, "Awaiting a decision"), *Status.choices, (ALL, "All")]

    def value(self):
        return super().value() or AWAITING

    def queryset(self, request, queryset):
        value = self.value()
        if value == AWAITING:
            return queryset.filter(status=Status.SUBMITTED)
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset


NOT_MINE, MINE, WANTED, ASSIGNED = "not-mine", "mine", "wanted", "assigned"


class ReviewsFilter(admin.SimpleListFilter):
    """For reviewers: what they have not reviewed yet; for organizers: what lacks reviews."""

    title = "reviews"
    parameter_name = "reviews"

    def __init__(self, request, params, model, model_admin):
        self.review_model = model_admin.review_model
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [
            (ASSIGNED, "Assigned to me, not reviewed yet"),
            (NOT_MINE, "Not yet reviewed by me"),
            (MINE, "Reviewed by me"),
            (WANTED, "Fewer reviews than wanted"),
        ]

    def queryset(self, request, queryset):
        mine = Exists(
            self.review_model.objects.filter(proposal=OuterRef("pk"), reviewer=request.user)
        )
        if self.value() == ASSIGNED:
            assigned = queryset.filter(assignments__reviewer=request.user).values("pk")
            return queryset.filter(~mine, pk__in=assigned)
        if self.value() == NOT_MINE:  # what they wrote is someone else's to review
            return queryset.filter(~mine).exclude(authorship(queryset.model, request.user))
        if self.value() == MINE:
            return queryset.filter(mine)
        if self.value() == WANTED:
            return queryset.filter(review_count__lt=F("event__call_for_posters__reviews_wanted"))
        return queryset


AWAITING_TITLES = {
    ASSIGNED: "{kind} assigned to you",
    NOT_MINE: "{kind} awaiting your review",
    WANTED: "{kind} awaiting reviews",
    MINE: "{kind} you have reviewed, awaiting a decision",
    None: "{kind} awaiting a decision",
}
REVIEWS_SUFFIX = {
    ASSIGNED: " assigned to you, not reviewed yet",
    NOT_MINE: " you have not reviewed",
    WANTED: " with fewer reviews than wanted",
    MINE: " you have reviewed",
}


def queue_title(kind, status, reviews, edition):
    """The list's heading from its filters; `kind` is "Posters" or "Breakouts"."""
    if status in Status.values:
        what = f"{Status(status).label} {kind.lower()}{REVIEWS_SUFFIX.get(reviews, '')}"
    elif status == ALL:
        what = f"All {kind.lower()}{REVIEWS_SUFFIX.get(reviews, '')}"
    else:
        what = AWAITING_TITLES.get(reviews, AWAITING_TITLES[None]).format(kind=kind)
    return f"{what} — {edition.name}" if edition else what
