"""Join: the one way into an item's room. Public pages and feeds name no registered-only
room's link; their Join goes here, where the registration is checked, the attendee's first
join recorded, and the visitor redirected into the room, or told why not and what to do.
Never cached: the answer depends on who asks."""

from http import HTTPStatus

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views import View

from ecosystem_day.event.mixins import CurrentEventMixin
from ecosystem_day.registration.admission import admission
from ecosystem_day.registration.models import RegistrationSettings

from ..attendance import record_first_join
from ..published import published


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


def _registration_settings(event):
    """Fetched with the current edition (no query); None where registration is not set up."""
    try:
        return event.registration_settings
    except RegistrationSettings.DoesNotExist:
        return None


class JoinView(CurrentEventMixin, View):
    def get(self, request, pk):
        item = published(self.event).item(pk)
        if item is None:
            raise Http404("No such item on the schedule.")
        if not item.joinable:  # over (its page has the recording), or in no room
            return _private(redirect(item.url))
        found = admission(request.user, self.event, item.track_slug)
        if found.admitted:
            record_first_join(found.registration_id, self.event, item)
        if found.admitted or item.room_access == "public":
            return _private(HttpResponseRedirect(item.join_url))
        context = {
            "item": item,
            "refusal": found.refusal,
            "registration_settings": _registration_settings(self.event),
        }
        return _private(
            TemplateResponse(
                request, "sessions/join_refused.html", context, status=HTTPStatus.FORBIDDEN
            )
        )
