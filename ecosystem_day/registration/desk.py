"""The dashboard's registration part: counts by status, session, country or region and day."""

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.template.loader import render_to_string

from ecosystem_day.event.signals import DashboardPart
from ecosystem_day.infra import charts

from .models import ACTIVE_STATES, Registration, Status
from .tally import TOP_COUNTRIES, country_name


def counts(event):
    """Registered and wait-listed people of `event`, in four queries whatever their number."""
    registrations = Registration.objects.filter(event=event)
    active = registrations.filter(status__in=ACTIVE_STATES)
    by_status = dict(
        registrations.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    by_track = list(
        event.tracks.annotate(
            n=Count(
                "registrations",
                filter=Q(registrations__status__in=ACTIVE_STATES),
            )
        ).values_list("name", "n")
    )
    by_country = list(active.values("country").annotate(n=Count("pk")).order_by("-n", "country"))
    by_day = list(
        active.annotate(day=TruncDate("created_at", tzinfo=event.tz))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    return {
        "statuses": [(label, by_status.get(value, 0)) for value, label in Status.choices],
        "by_track": by_track,
        "countries": [
            (country_name(row["country"]), row["n"]) for row in by_country[:TOP_COUNTRIES]
        ],
        "other_countries": sum(row["n"] for row in by_country[TOP_COUNTRIES:]),
        "days": [(row["day"], row["n"]) for row in by_day],
    }


def dashboard_parts(sender, request, event, **kwargs):
    if not request.user.has_perm("registration.view_registration"):
        return None
    found = counts(event)
    chart = charts.column_chart(
        title="Registrations per day",
        description="; ".join(f"{day:%B %-d}: {n}" for day, n in found["days"]) or "None yet.",
        columns=[(f"{day:%b %-d}", n) for day, n in found["days"]],
        unit="registrations",
    )
    return DashboardPart(
        sections=[render_to_string("admin/desk/registrations.html", {**found, "chart": chart})]
    )
