"""Whole-page caching for what anonymous attendees load most.

A page is stored under its host and path, the query parameters the page reads (normalised,
others ignored), the zone asked for with ?tz= and the event's public version (bumped after
commit by every change that alters a public page). It is kept until the next moment at which
it would change by itself (a call closing, the day starting, the next item beginning), at most
a day. A hit costs no query. Signed-in visitors always get a fresh page.

Two copies of a page: the shared cache's (Redis), which any worker on any host renders once
for all, and this process's own (`PAGES`, a bounded memo), which a hit serves without a
round trip or unpickling. The shared cache stays the authority: the process's copy is keyed
on the public version and the shared cache's epoch, which each worker reads from the shared
cache at most every TOKENS_KEPT_FOR seconds, and at once after a change made in the worker
itself (ecosystem_day.infra.memo.Recent). So a bump or a flush of
the shared cache on any host retires every process's copy within a tenth of a second, and a
hit usually makes no round trip at all. Pages are stored as their bytes and headers, not as
pickled responses.

The HTML does not depend on cookies (the browser adds the visitor's zone), so the page says
`Cache-Control: public, max-age=<seconds it stays right, at most five minutes>` without
`Vary: Cookie`, and a CDN or reverse proxy can serve the schedule on the event morning.
"""

import hashlib
import uuid
from datetime import timedelta
from functools import wraps
from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import quote_etag

from ecosystem_day.infra.memo import Memo, Recent

from .models import Event, current_public_version
from .models.event import CURRENT_EDITION_KEY, CURRENT_VERSION_KEY, version_token

MAX_AGE = 24 * 60 * 60
# Shared caches (a CDN, a reverse proxy) cannot see the event's version: an organizer's
# change reaches them within this many seconds.
SHARED_MAX_AGE = 5 * 60
# A token the shared cache holds while it keeps its pages: flushing it retires every copy.
EPOCH_KEY = "page:epoch"
# In every page's key: workers of an earlier release, which stored whole pickled responses
# under "page:…", never read a page stored as StoredPage (nor the reverse) during a deploy.
PAGE_FORMAT = "page.2"
# This process's copies of the pages it served last (the hot few: home, schedule, feeds).
PAGES = Memo(maxsize=128)
# Seconds a worker trusts its last reading of the shared cache's epoch and public version.
TOKENS_KEPT_FOR = 0.1


class StoredPage(NamedTuple):
    """A rendered page as both caches keep it: plain values, cheap to (un)pickle."""

    status: int
    content: bytes
    headers: tuple
    expires_at: object  # an aware datetime

    @classmethod
    def of(cls, response, expires_at):
        headers = tuple((name, response[name]) for name in response.headers)
        return cls(response.status_code, response.content, headers, expires_at)

    def response(self):
        return HttpResponse(self.content, status=self.status, headers=dict(self.headers))


def _normalised(request, params):
    values = []
    for name in params:
        value = " ".join(request.GET.get(name, "").split())[:200]
        if value:
            values.append((name, value))
    return urlencode(values)


def _shared_tokens():
    """The shared cache's epoch (made if missing) and the current public version (None if
    missing), in one round trip."""
    found = cache.get_many([EPOCH_KEY, CURRENT_VERSION_KEY])
    return found.get(EPOCH_KEY) or _new_epoch(), found.get(CURRENT_VERSION_KEY)


# Read again at most this often by each worker, and at once after the worker's own change.
_recent_tokens = Recent(TOKENS_KEPT_FOR, _shared_tokens)
# The version read from the database when the shared cache lacks it (flushed, or out).
_recent_version = Recent(TOKENS_KEPT_FOR, current_public_version)


def _epoch_and_version(request):
    """The shared cache's epoch and the public version; a past edition's version is on the
    request already (EditionMiddleware), and its page never reads the current one."""
    epoch, version = _recent_tokens()
    return epoch, getattr(request, "edition_version", None) or version or _recent_version()


def _shared_copy(request, key, version):
    """The shared cache's copy of the page and, for a page of the current edition, the
    edition's row the view reads next (models.current_edition's copy): one round trip, not
    two, when the page must be rendered. A copy of the row older than `version` (a request
    that read it before a change committed and stored it after) is read again: the page
    stored under `version` must not be rendered from it."""
    if getattr(request, "current_event", None) is not None:  # a past edition's page
        return cache.get(key)
    found = cache.get_many([key, CURRENT_EDITION_KEY])
    edition = found.get(CURRENT_EDITION_KEY)
    if edition is not None:
        request.current_event = (
            edition
            if version_token(edition.pk, edition.public_version_number) == version
            else Event.objects.current()
        )
    return found.get(key)


def _new_epoch():
    """The first worker to find no epoch sets one; the others read the one that won. None
    while the cache does not answer: the process then keeps no copy it could not retire."""
    epoch = uuid.uuid4().hex
    if cache.add(EPOCH_KEY, epoch, None):
        return epoch
    return cache.get(EPOCH_KEY)


def _key(request, params, version):
    zone = request.visitor_tz.key if request.visitor_tz else ""
    return (
        f"{PAGE_FORMAT}:{request.get_host()}{request.path}?{_normalised(request, params)}:"
        f"{zone}:{version}"
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
    """A page that must not be shared: a signed-in visitor's, or one that carries a message.
    Without a session cookie nobody is signed in, and the session is not even looked at."""
    return (
        "messages" in request.COOKIES
        or request.unknown_tz_name  # the page repeats the visitor's own words
        or (settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated)
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
        epoch, version = _epoch_and_version(request)
        key = _key(request, params, version)
        now = timezone.now()
        stored = PAGES.get((epoch, key)) if epoch else None
        if stored is None or stored.expires_at <= now:
            stored = _shared_copy(request, key, version)
            if not isinstance(stored, StoredPage) or stored.expires_at <= now:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response.render()
                if response.status_code != 200:
                    return response
                _set_etag(response)  # once, not on every hit
                seconds = _seconds_to_keep(request, response)
                stored = StoredPage.of(response, now + timedelta(seconds=seconds))
                cache.set(key, stored, seconds)
            if epoch:
                PAGES.put((epoch, key), stored)
        response = stored.response()
        remaining = int((stored.expires_at - now).total_seconds())
        response["Cache-Control"] = f"public, max-age={max(0, min(SHARED_MAX_AGE, remaining))}"
        _shared_by_all(request)
        return response

    return wrapper


def cached(params=()):
    """`cached(params=("q", "topic"))(view)`, for URLconfs."""
    return lambda view: cached_for_visitors(view, params)
