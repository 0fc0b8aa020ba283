"""Whole-page caching for what anonymous attendees load most.

A page is stored under its host and path, the query parameters the page reads (normalised,
others ignored), the zone asked for with ?tz= and the event's public version (bumped after
commit by every change that alters a public page). It is kept until the next moment at which
it would change by itself (a call closing, the day starting, the next item beginning), at most
a day. A hit costs no query. Signed-in visitors always get a fresh page.

The HTML does not depend on cookies (the browser adds the visitor's zone), so the page says
`Cache-Control: public, max-age=<seconds it stays right, at most five minutes>` without
`Vary: Cookie`, and a CDN or reverse proxy can serve the schedule on the event morning.
"""

import hashlib
from datetime import timedelta
from functools import wraps
from urllib.parse import urlencode

from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import quote_etag

from .models import current_public_version

MAX_AGE = 24 * 60 * 60
# Shared caches (a CDN, a reverse proxy) cannot see the event's version: an organizer's
# change reaches them within this many seconds.
SHARED_MAX_AGE = 5 * 60


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


def _set_etag(response):
    """Django's set_response_etag with SHA-1 instead of MD5: a third of the time on a 100 kB
    schedule (the processor hashes SHA-1 in hardware), once per cold render."""
    if not response.streaming and response.content:
        digest = hashlib.sha1(response.content, usedforsecurity=False).hexdigest()
        response.headers["ETag"] = quote_etag(digest)


def _personal(request):
    """A page that must not be shared: a signed-in visitor's, or one that carries a message."""
    return (
        request.user.is_authenticated
        or "messages" in request.COOKIES
        or request.unknown_tz_name  # the page repeats the visitor's own words
    )


def _shared_by_all(request):
    """Looking up `request.user` read the session, which would add `Vary: Cookie`; the page
    itself is the same for every anonymous visitor, so the session is marked as not read."""
    session = getattr(request, "session", None)
    if session is not None and not session.modified:
        session.accessed = False


def cached_for_visitors(view, params=()):
    """Serve anonymous GETs from the cache; `params` are the query parameters the page reads."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or _personal(request):
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_store=True)
            else:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        key = _key(request, params)
        stored = cache.get(key)
        if stored is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code != 200:
                return response
            _set_etag(response)  # once, not on every hit
            seconds = _seconds_to_keep(request, response)
            stored = (response, timezone.now() + timedelta(seconds=seconds))
            cache.set(key, stored, seconds)
        response, expires_at = stored
        remaining = int((expires_at - timezone.now()).total_seconds())
        max_age = max(0, min(SHARED_MAX_AGE, remaining))
        # Replaced, not patched: the copy in the cache keeps no header from an earlier hit.
        response["Cache-Control"] = f"public, max-age={max_age}"
        _shared_by_all(request)
        return response

    return wrapper


def cached(params=()):
    """`cached(params=("q", "topic"))(view)`, for URLconfs."""
    return lambda view: cached_for_visitors(view, params)
