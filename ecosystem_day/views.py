"""Site-wide pages: the event's home page and the health check."""

from django.http import HttpResponse
from django.views.generic import TemplateView


def healthz(request):
    """For load balancers and uptime checks: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


class HomeView(TemplateView):
    template_name = "home.html"
