"""Whole-page caching for what anonymous attendees load most.

The key holds everything the page depends on: host and path, the visitor's zone, the
current event's `updated_at` (organizers' changes bump it) and the minute (pages
count down to deadlines). Signed-in visitors always get a fresh page.
"""

from functools import wraps

from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from .models import Event

TIMEOUT = 60 * 60


def _key(request, event):
    zone = request.visitor_tz.key if request.visitor_tz else ""
    if request.unknown_tz_name:
        zone = "unknown"
    version = event.updated_at.timestamp() if event else 0
    minute = timezone.now().strftime("%Y%m%d%H%M")
    return f"page:{request.get_host()}{request.get_full_path()}:{zone}:{version}:{minute}"


def cached_for_visitors(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if (
            request.method != "GET"
            or request.user.is_authenticated
            or "messages" in request.COOKIES
        ):
            return view(request, *args, **kwargs)
        request.current_event = Event.objects.current()
        key = _key(request, request.current_event)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code == 200:
                cache.set(key, response, TIMEOUT)
        # The page depends on the `tz` cookie: shared caches must key on cookies too.
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
