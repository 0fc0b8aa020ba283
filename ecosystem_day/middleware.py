import zoneinfo

TIME_ZONE_COOKIE = "tz"


def parse_time_zone(name):
    """A ZoneInfo for an IANA name, or None for anything unknown."""
    if not name or len(name) > 64:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class VisitorTimeZoneMiddleware:
    """Remember the visitor's own zone on the request, from ?tz= or the `tz` cookie.

    The zone is never activated globally: pages show event times in the event's
    zone and, beside them, in `request.visitor_tz` when it is known.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        asked = request.GET.get("tz") or request.COOKIES.get(TIME_ZONE_COOKIE)
        request.visitor_tz = parse_time_zone(asked)
        request.unknown_tz_name = asked if asked and request.visitor_tz is None else None
        return self.get_response(request)


class AdminInEventTimeZoneMiddleware:
    """Organizers read and type times in the event's zone in the admin, not in UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/admin/"):
            return self.get_response(request)
        from django.utils import timezone

        from .models import Event

        event = Event.objects.current()
        if event is None:
            return self.get_response(request)
        with timezone.override(event.tz):
            return self.get_response(request)
