"""The organizers' desk: Django's admin site, opening on the event's work.

A small subclass of AdminSite, installed as the default site by
ecosystem_day.event.apps.OrganizersAdminConfig (so every `admin.register` lands here): its index
starts with what awaits organizers and reviewers, its app list puts the event's apps before
accounts and mail, and it serves the organizers' dashboard. What the apps above contribute
comes through ecosystem_day.event.signals.
"""

from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from post_office.models import STATUS as MAIL_STATUS
from post_office.models import Email

from ecosystem_day.infra import charts

from .models import Event
from .signals import collect, dashboard_parts, desk_work

# The event's own apps come first, each at the `desk_position` its AppConfig gives (the order
# organizers work through them), so this layer names none of the apps above it; these last.
APPS_LAST = ("accounts", "auth", "axes", "post_office")
DASHBOARD_PERMISSION = "ecosystem_day.view_dashboard"


def app_order(app):
    label = app["app_label"]
    position = getattr(apps.get_app_config(label), "desk_position", None)
    if position is not None:
        return (0, position)
    if label in APPS_LAST:
        return (2, APPS_LAST.index(label))
    return (1, app["name"])


class OrganizersAdminSite(admin.AdminSite):
    site_header = "Ecosystem Day organizers"
    site_title = "Ecosystem Day organizers"
    index_title = "Organizers' desk"
    index_template = "admin/desk_index.html"
    enable_nav_sidebar = False  # the review queue needs the full width of a laptop screen

    def get_app_list(self, request, app_label=None):
        return sorted(super().get_app_list(request, app_label), key=app_order)

    def index(self, request, extra_context=None):
        event = Event.objects.current()
        context = {
            "event": event,
            "work": [
                item
                for items in (collect(desk_work, request=request, event=event) if event else [])
                for item in items
            ],
            "can_see_dashboard": request.user.has_perm(DASHBOARD_PERMISSION),
            **(extra_context or {}),
        }
        return super().index(request, context)

    def get_urls(self):
        return [
            path("dashboard/", self.admin_view(self.dashboard_view), name="dashboard"),
            *super().get_urls(),
        ]

    def dashboard_view(self, request):
        """Where the current event stands, for organizers (a 403 for anyone else)."""
        if not request.user.has_perm(DASHBOARD_PERMISSION):
            raise PermissionDenied("The dashboard is for organizers.")
        event = Event.objects.current()
        parts = collect(dashboard_parts, request=request, event=event) if event else []
        rows = [row for part in parts for row in part.proposal_rows]
        statuses = [(value, label) for value, label, _count in rows[0].statuses] if rows else []
        context = {
            **self.each_context(request),
            "title": f"Dashboard: {event.name}" if event else "Dashboard",
            "event": event,
            "statuses": statuses,
            "proposal_table": [
                {
                    "kind": row.kind,
                    "url": row.url,
                    "counts": [row.counts.get(value, 0) for value, _label in statuses],
                    "total": sum(row.counts.values()),
                }
                for row in rows
            ],
            "proposal_chart": charts.stacked_bars(
                title="Proposals by kind and status",
                description="; ".join(
                    f"{row.kind}: "
                    + ", ".join(
                        f"{row.counts.get(value, 0)} {label.lower()}" for value, label in statuses
                    )
                    for row in rows
                ),
                rows=[(row.kind, row.counts) for row in rows],
                segments=statuses,
            ),
            "sections": [section for part in parts for section in part.sections],
            "mail": mail_counts(),
            "mail_admin_url": reverse("admin:post_office_email_changelist")
            if request.user.has_perm("post_office.view_email")
            else "",
        }
        return TemplateResponse(request, "admin/dashboard.html", context)


def mail_counts():
    """How many messages wait to be sent, failed and were sent (the outbox shows them)."""
    by_status = dict(Email.objects.values_list("status").annotate(count=Count("pk")).order_by())
    return {
        "queued": by_status.get(MAIL_STATUS.queued, 0) + by_status.get(MAIL_STATUS.requeued, 0),
        "failed": by_status.get(MAIL_STATUS.failed, 0),
        "sent": by_status.get(MAIL_STATUS.sent, 0),
    }
