from django.utils import timezone

from ecosystem_day.infra.timezones import parse_time_zone

from .models import Event


class VisitorTimeZoneMiddleware:
    """The zone a visitor asked for in the URL (?tz=), on `request.visitor_tz`.

    Only the URL counts, never a cookie: the HTML must be the same for everyone who
    loads the same URL, so that one cached copy serves them all. Browsers with JavaScript
    show the visitor's own zone through static/js/times.js (detected, or picked and kept in
    localStorage); ?tz= is how the picker works without JavaScript. The zone is never
    activated globally.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        asked = request.GET.get("tz")
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
        event = Event.objects.current()
        if event is None:
            return self.get_response(request)
        with timezone.override(event.tz):
            return self.get_response(request)
