"""Whole-page caching for what anonymous attendees load most.

The key holds everything the page depends on: host and path, the visitor's zone, the
event's public version (organizers' changes bump it; see Event.public_version) and the
minute (pages count down to deadlines and mark what is on now). A hit costs no query.
Signed-in visitors always get a fresh page.
"""

from functools import wraps

from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import patch_vary_headers, set_response_etag

from .models import Event

TIMEOUT = 60 * 60


def _key(request):
    zone = request.visitor_tz.key if request.visitor_tz else ""
    if request.unknown_tz_name:
        zone = "unknown"
    version = Event.public_version()
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
        key = _key(request)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code == 200:
                set_response_etag(response)  # once, not on every hit
                cache.set(key, response, TIMEOUT)
        # The page depends on the `tz` cookie: shared caches must key on cookies too.
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
