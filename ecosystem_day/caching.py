"""Whole-page caching for what anonymous attendees load most.

A page is stored under its host and path, the query parameters the page reads (normalised,
others ignored), the visitor's zone and the event's public version (bumped after commit by
every change that alters a public page). It is kept until the next moment at which it would
change by itself (a call closing, the day starting, the next item beginning), at most a day.
A hit costs no query. Signed-in visitors always get a fresh page.
"""

from functools import wraps
from urllib.parse import urlencode

from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import patch_vary_headers, set_response_etag

from .models import current_public_version

MAX_AGE = 24 * 60 * 60


def _normalised(request, params):
    values = []
    for name in params:
        value = " ".join(request.GET.get(name, "").split())[:200]
        if value:
            values.append((name, value))
    return urlencode(values)


def _key(request, params):
    zone = request.visitor_tz.key if request.visitor_tz else ""
    version = getattr(request, "edition_version", None) or current_public_version()
    return (
        f"page:{request.get_host()}{request.path}?{_normalised(request, params)}:{zone}:{version}"
    )


def _seconds_to_keep(request, response):
    """Until the page's own next change (response.changes_at) or the event's next milestone."""
    now = timezone.now()
    event = getattr(request, "current_event", None)
    moments = [*(event.milestones() if event else []), getattr(response, "changes_at", None)]
    upcoming = [moment for moment in moments if moment is not None and moment > now]
    if not upcoming:
        return MAX_AGE
    return max(1, min(MAX_AGE, int((min(upcoming) - now).total_seconds())))


def cached_for_visitors(view, params=()):
    """Serve anonymous GETs from the cache; `params` are the query parameters the page reads."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if (
            request.method != "GET"
            or request.user.is_authenticated
            or "messages" in request.COOKIES
            or request.unknown_tz_name  # the page repeats the visitor's own words
        ):
            return view(request, *args, **kwargs)
        key = _key(request, params)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code == 200:
                set_response_etag(response)  # once, not on every hit
                cache.set(key, response, _seconds_to_keep(request, response))
        # The page depends on the `tz` cookie: shared caches must key on cookies too.
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


def cached(params=()):
    """`cached(params=("q", "topic"))(view)`, for URLconfs."""
    return lambda view: cached_for_visitors(view, params)
