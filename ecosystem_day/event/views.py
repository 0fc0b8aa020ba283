"""Site-wide pages: the event's home page, health checks, and the server-error page."""

import sys
import uuid
from datetime import datetime, time, timedelta
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.generic import TemplateView

from .edition_parts import leading_call_is_open
from .editions_pages import edition
from .models import current_edition
from .signals import (
    AFTER_THE_DAY,
    BEFORE_THE_DAY,
    CALL_OPEN,
    ON_THE_DAY,
    collect_home_sections,
)

RETRY_AFTER_SECONDS = 30


def _cache_answers():
    """Whether the cache stores and returns a value now. A cache that does not answers as a
    miss (ecosystem_day/infra/cache_backend.py), so only a round trip can tell."""
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    answered = cache.get(key) == "ok"
    cache.delete(key)
    return answered


def healthz(request):
    """Readiness, for load balancers: 200 while the database answers, 503 while it does not.

    The cache is shared by every host: while it is down each host still serves every page
    (slower, rendered from the database), so the answer stays 200, "degraded", and names the
    cache; a 503 would take every host out of the balancer at once.
    """
    cache_state = "ok" if _cache_answers() else "unavailable"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse(
            {"status": "unavailable", "database": "unavailable", "cache": cache_state},
            status=HTTPStatus.SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    status = "ok" if cache_state == "ok" else "degraded"
    return JsonResponse({"status": status, "database": "ok", "cache": cache_state})


def livez(request):
    """Liveness: the process answers (no database). The trivial view `make bench` compares with."""
    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    """Any uncaught error. A database that does not answer is a 503 with Retry-After: the
    outage is temporary and the app reconnects by itself once the database is back."""
    error = sys.exc_info()[1]
    # Rendered from the template alone: no database, no context processors, no manifest.
    context = {"static_url": settings.STATIC_URL}
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(
            render_to_string("503.html", context), status=HTTPStatus.SERVICE_UNAVAILABLE
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(
        render_to_string("500.html", context), status=HTTPStatus.INTERNAL_SERVER_ERROR
    )


def stage_of(event, now):
    """Where the event stands at `now`: its call open (the call the apps registered to lead
    the home page, ecosystem_day/event/edition_parts.py), before its day, on it, or after it (the
    day as it runs in the event's own zone)."""
    if leading_call_is_open(event, now):
        return CALL_OPEN
    day_start = datetime.combine(event.date, time(0), tzinfo=event.tz)
    day_end = datetime.combine(event.date + timedelta(days=1), time(0), tzinfo=event.tz)
    if now < day_start:
        return BEFORE_THE_DAY
    return ON_THE_DAY if now < day_end else AFTER_THE_DAY


def introduction(description):
    """The description's first paragraph: the rest belongs to the programme and the call."""
    return description.strip().split("\n\n", 1)[0].strip()


class HomeView(TemplateView):
    """The landing page: the call while it is open, then what the apps above contribute for
    the event's stage (the programme at a glance, what is on now, recordings, posters)."""

    template_name = "home.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.changes_at = self.changes_at  # the page cache keeps it until then
        return response

    def get_context_data(self, **kwargs):
        self.changes_at = None
        event = getattr(self.request, "current_event", None) or current_edition(self.request)
        self.request.current_event = event
        if event is None:
            return super().get_context_data(**kwargs)
        now = timezone.now()
        stage = stage_of(event, now)
        sections = collect_home_sections(request=self.request, event=event, stage=stage, now=now)
        self.changes_at = min(
            (section.changes_at for section in sections if section.changes_at), default=None
        )
        return super().get_context_data(
            stage=stage,
            introduction=introduction(event.description),
            recap=edition(event, now).recap,  # once the day is over
            sections=[section.html for section in sections],
            **kwargs,
        )
