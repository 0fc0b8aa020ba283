from django.utils import timezone

from .models import Event
from .timezones import parse_time_zone

TIME_ZONE_COOKIE = "tz"


class VisitorTimeZoneMiddleware:
    """Remember the visitor's own zone on the request, from ?tz= or the `tz` cookie.

    The zone is never activated globally: pages show event times in the event's
    zone and, beside them, in `request.visitor_tz` when it is known.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.GET.get("tz")
        asked = chosen or request.COOKIES.get(TIME_ZONE_COOKIE)
        request.visitor_tz = parse_time_zone(asked)
        request.unknown_tz_name = asked if asked and request.visitor_tz is None else None
        response = self.get_response(request)
        if chosen and request.visitor_tz and chosen != request.COOKIES.get(TIME_ZONE_COOKIE):
            # A zone picked on purpose (?tz= or the picker) is remembered for a year.
            response.set_cookie(TIME_ZONE_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax")
        return response


class AdminInEventTimeZoneMiddleware:
    """Organizers read and type times in the event's zone in the admin, not in UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/admin/"):
            return self.get_response(request)
        event = Event.objects.current()
        if event is None:
            return self.get_response(request)
        with timezone.override(event.tz):
            return self.get_response(request)
