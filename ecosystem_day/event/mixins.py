from django.http import Http404
from django.utils.functional import cached_property

from .models import current_edition


class CurrentEventMixin:
    """Views about the current edition; before organizers create one, they answer 404."""

    @cached_property
    def event(self):
        event = getattr(self.request, "current_event", None) or current_edition(self.request)
        if event is None:
            raise Http404("No event has been set up yet.")
        self.request.current_event = event
        return event


class OwnedBySubmitterMixin:
    """Limit a detail view to the requesting user's own objects; others answer 404."""

    def get_queryset(self):
        return super().get_queryset().filter(submitter=self.request.user)
