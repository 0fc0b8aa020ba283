"""Site-wide pages: the event's home page, health checks, and the server-error page."""

import sys
from http import HTTPStatus

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.generic import TemplateView

RETRY_AFTER_SECONDS = 30


def healthz(request):
    """Readiness, for load balancers: 200 while the database answers, 503 while it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse(
            {"status": "unavailable", "database": "unavailable"},
            status=HTTPStatus.SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return JsonResponse({"status": "ok", "database": "ok"})


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


class HomeView(TemplateView):
    template_name = "home.html"
