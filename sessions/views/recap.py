"""An edition's recap, once its day is over: what it held, counted from its data."""

from django.utils import timezone
from django.views.generic import TemplateView

from ecosystem_day.event.editions_pages import day_ends_at
from ecosystem_day.event.mixins import CurrentEventMixin

from ..recap import recap


class RecapView(CurrentEventMixin, TemplateView):
    """Before the day is over there is nothing to recap: a 404 that says when there will be."""

    template_name = "sessions/recap.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.context_data["recap"] is None:
            response.status_code = 404
        response.changes_at = day_ends_at(self.event)  # the page cache keeps it until then
        return response

    def get_context_data(self, **kwargs):
        ends_at = day_ends_at(self.event)
        return super().get_context_data(
            recap=recap(self.event) if timezone.now() >= ends_at else None,
            day_ends_at=ends_at,
            **kwargs,
        )
