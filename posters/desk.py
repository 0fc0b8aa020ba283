"""What Posters adds to the organizers' desk: its work on the admin index, its dashboard parts.

Each answer costs a fixed number of queries, however many proposals there are.
"""

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import TruncDate
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ecosystem_day.event.signals import DashboardPart, ProposalRow, WorkItem
from ecosystem_day.infra import charts

from .call import call_for
from .conflicts import authorship
from .models import PosterProposal, Review
from .models import ProposalStatus as Status


def queue_url(model, event, **filters):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode({'event__id__exact': event.pk, **filters})}"


def awaiting_counts(model, review_model, event, user):
    """Of the event's proposals awaiting a decision: how many, how many lack reviews, how
    many `user` has not reviewed (leaving out what they wrote), how many of those are
    assigned to them. One query."""
    mine = Exists(review_model.objects.filter(proposal=OuterRef("pk"), reviewer=user))
    assigned = Exists(
        model.assignments.rel.related_model.objects.filter(proposal=OuterRef("pk"), reviewer=user)
    )
    wrote = ExpressionWrapper(authorship(model, user), output_field=BooleanField())
    to_review = Q(reviewed_by_me=False, wrote_it=False)
    return (
        model.objects.filter(event=event, status=Status.SUBMITTED)
        .annotate(
            reviews_count=Count("reviews"),
            reviewed_by_me=mine,
            assigned_to_me=assigned,
            wrote_it=wrote,
        )
        .aggregate(
            awaiting=Count("pk"),
            wanted=Count("pk", filter=Q(reviews_count__lt=call_for(event).reviews_wanted)),
            not_mine=Count("pk", filter=to_review),
            mine=Count("pk", filter=Q(reviewed_by_me=True)),
            assigned=Count("pk", filter=to_review & Q(assigned_to_me=True)),
        )
    )


def work_items(model, review_model, event, request, kind):
    """The queue's share of the index: what awaits a decision, reviews, the user's reviews."""
    user = request.user
    if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
        return []
    counts = awaiting_counts(model, review_model, event, user)
    items = [
        WorkItem(
            f"{kind} awaiting a decision",
            counts["awaiting"],
            queue_url(model, event, status="awaiting"),
        ),
        WorkItem(
            f"{kind} awaiting reviews",
            counts["wanted"],
            queue_url(model, event, status="awaiting", reviews="wanted"),
            hint=f"Fewer than {call_for(event).reviews_wanted} reviews.",
        ),
        WorkItem(
            f"{kind} you have not reviewed",
            counts["not_mine"],
            queue_url(model, event, status="awaiting", reviews="not-mine"),
        ),
        WorkItem(
            f"{kind} assigned to you",
            counts["assigned"],
            queue_url(model, event, status="awaiting", reviews="assigned"),
            hint="Not reviewed yet.",
        ),
    ]
    if not user.has_perm(model.decide_permission):
        del items[0]  # reviewers review; deciding is for organizers
    return items


def desk_work(sender, request, event, **kwargs):
    return work_items(PosterProposal, Review, event, request, "Posters")


def status_row(model, event, kind):
    """The event's proposals of one kind, counted by status. One query."""
    counts = dict(
        model.objects.filter(event=event)
        .values_list("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return ProposalRow(
        kind=kind,
        statuses=[(status.value, status.label, counts.get(status.value, 0)) for status in Status],
        url=queue_url(model, event, status="all"),
    )


def reviews_missing(model, review_model, event, kind):
    """Proposals awaiting a decision with fewer reviews than wanted, and each reviewer's
    share: people in the Reviewers or Organizers group, and anyone who reviewed. 3 queries."""
    awaiting = model.objects.filter(event=event, status=Status.SUBMITTED)
    counts = awaiting.annotate(n=Count("reviews")).aggregate(
        all=Count("pk"), short=Count("pk", filter=Q(n__lt=call_for(event).reviews_wanted))
    )
    done = dict(
        review_model.objects.filter(proposal__in=awaiting)
        .values_list("reviewer")
        .annotate(count=Count("pk"))
        .order_by()
    )
    reviewers = (
        get_user_model()
        .objects.filter(
            Q(groups__name__in=["Reviewers", "Organizers"], is_active=True) | Q(pk__in=done)
        )
        .distinct()
        .order_by("name", "pk")
    )
    return {
        "kind": kind,
        "wanted": call_for(event).reviews_wanted,
        "short": counts["short"],
        "awaiting": counts["all"],
        "reviewers": [
            {
                "name": person.name or person.email,
                "done": done.get(person.pk, 0),
                "to_do": counts["all"] - done.get(person.pk, 0),
            }
            for person in reviewers
        ],
    }


def submissions_per_day(event):
    """Poster proposals received each day, in the event's zone, up to the deadline's day."""
    zone = event.tz
    per_day = dict(
        PosterProposal.objects.filter(event=event)
        .annotate(day=TruncDate("created_at", tzinfo=zone))
        .values_list("day")
        .annotate(count=Count("pk"))
        .order_by()
    )
    deadline_day = timezone.localtime(call_for(event).deadline, zone).date()
    today = timezone.localtime(timezone.now(), zone).date()
    first = max(min([*per_day, today, deadline_day]), deadline_day - timedelta(days=180))
    days = [first + timedelta(days=n) for n in range((deadline_day - first).days + 1)]
    late = sum(count for day, count in per_day.items() if day > deadline_day)
    return days, per_day, deadline_day, late


def dashboard_parts(sender, request, event, **kwargs):
    days, per_day, deadline_day, late = submissions_per_day(event)
    columns = [(day.strftime("%b %-d"), per_day.get(day, 0)) for day in days]
    total = sum(value for _label, value in columns)
    busiest = max(columns, key=lambda column: column[1], default=None)
    chart = charts.column_chart(
        title="Poster proposals received per day",
        description=(
            f"{total} poster proposals from {columns[0][0]} to {columns[-1][0]} "
            f"({event.time_zone})"
            + (f"; the busiest day was {busiest[0]}, with {busiest[1]}" if total else "")
            + f". The call closes on {deadline_day:%b %-d}."
        ),
        columns=columns,
        unit="proposals",
        mark=deadline_day.strftime("%b %-d"),
    )
    sections = [
        render_to_string(
            "admin/desk/submissions.html",
            {"chart": chart, "event": event, "late": late, "deadline_day": deadline_day},
        ),
        render_to_string(
            "admin/desk/reviews_missing.html",
            reviews_missing(PosterProposal, Review, event, "Posters"),
        ),
    ]
    return DashboardPart(
        proposal_rows=[status_row(PosterProposal, event, "Posters")], sections=sections
    )
