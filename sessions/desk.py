"""What Sessions adds to the organizers' desk: breakouts and the schedule."""

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse

from ecosystem_day.event.signals import DashboardPart, WorkItem
from ecosystem_day.infra import charts
from posters.desk import queue_url, reviews_missing, status_row, work_items
from posters.models import ACCEPTED_STATES

from . import releases
from .attendance import attendance
from .models import BreakoutProposal, BreakoutReview, ScheduleItem
from .snapshot import latest_release


def accepted_and_scheduled(event):
    """Accepted breakouts, and how many of them are on the schedule, by session. One query."""
    return list(
        event.tracks.annotate(
            scheduled=Count(
                "items",
                filter=Q(items__kind=ScheduleItem.Kind.BREAKOUT)
                & Q(items__breakout__status__in=ACCEPTED_STATES),
            )
        ).values_list("name", "scheduled")
    ), BreakoutProposal.objects.filter(event=event, status__in=ACCEPTED_STATES).aggregate(
        accepted=Count("pk"), scheduled=Count("pk", filter=Q(schedule_item__isnull=False))
    )


def desk_work(sender, request, event, **kwargs):
    items = work_items(BreakoutProposal, BreakoutReview, event, request, "Breakouts")
    user = request.user
    if user.has_perm("breakouts.change_scheduleitem"):
        counts = BreakoutProposal.objects.filter(event=event, status__in=ACCEPTED_STATES).aggregate(
            unscheduled=Count("pk", filter=Q(schedule_item__isnull=True))
        )
        items.append(
            WorkItem(
                "Accepted breakouts not on the schedule",
                counts["unscheduled"],
                f"{reverse('admin:breakouts_scheduleitem_editor')}?event={event.pk}",
                hint="In the schedule editor, beside the day's free slots",
            )
        )
    if user.has_perm("breakouts.add_schedulerelease"):
        latest = releases.latest_release_row(event)
        _, pending = releases.draft_changes(event, latest)
        items.append(
            WorkItem(
                "Schedule changes not yet released",
                len(pending),
                reverse("admin:breakouts_schedulerelease_add") + f"?event={event.pk}",
                hint=f"Attendees see version {latest.number}" if latest else "Never released",
            )
        )
    if user.has_perm("breakouts.view_scheduleitem"):
        items.append(
            WorkItem(
                "Items on the schedule",
                ScheduleItem.objects.filter(event=event).count(),
                queue_url(ScheduleItem, event),
            )
        )
    return items


def dashboard_parts(sender, request, event, **kwargs):
    by_track, totals = accepted_and_scheduled(event)
    waiting = totals["accepted"] - totals["scheduled"]
    rows = [(name, {"scheduled": scheduled}) for name, scheduled in by_track]
    rows.append(("Not scheduled yet", {"rest": waiting}))
    chart = charts.stacked_bars(
        title="Accepted breakouts on the schedule",
        description=f"{totals['scheduled']} of {totals['accepted']} accepted breakouts are "
        "scheduled: "
        + ", ".join(f"{scheduled} in {name}" for name, scheduled in by_track)
        + f"; {waiting} not scheduled yet.",
        rows=rows,
        segments=[("scheduled", "Scheduled"), ("rest", "Not scheduled yet")],
    )
    sections = [
        render_to_string(
            "admin/desk/schedule.html", {"chart": chart, "totals": totals, "waiting": waiting}
        ),
        render_to_string(
            "admin/desk/reviews_missing.html",
            reviews_missing(BreakoutProposal, BreakoutReview, event, "Breakouts"),
        ),
    ]
    if request.user.has_perm("breakouts.view_attendance"):
        sections.append(attendance_section(event))
    return DashboardPart(
        proposal_rows=[status_row(BreakoutProposal, event, "Breakouts")], sections=sections
    )


def attendance_section(event):
    """Who joined which item of the released schedule (organizers: it comes from the
    attendees' joins). Three queries."""
    release = latest_release(event)
    attended, per_item = attendance(event, release.snapshot.items if release else ())
    return render_to_string(
        "admin/desk/attendance.html",
        {"attended": attended, "per_item": per_item, "event": event},
    )
