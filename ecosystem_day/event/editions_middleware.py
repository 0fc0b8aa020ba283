"""Past editions at /<slug>/…: their schedule, catalogue, speakers and recap, as they were.

A request whose first path segment is the slug of an edition that is not current gets that
edition as `request.current_event` and its own URLconf: the site's, plus the public
read-only pages again under `<slug>/`. Every `{% url %}` of those pages then stays inside
`/<slug>/…`, links to accounts and the admin lead to the site's own, and anything else
under `/<slug>/` (forms, "my proposals", the admin) is simply not there: a 404.
"""

import copy

from django.urls import get_resolver, include, path

from ecosystem_day.infra.memo import Recent, memoize

from .addresses import SLUG_LIKE, flat, reserved_segments
from .caching import TOKENS_KEPT_FOR
from .models import past_editions_by_slug
from .object_urls import editions_remembered

# The pages a past edition keeps: read-only, public, about that edition alone.
PUBLIC_PAGES = {
    "home",
    "schedule",
    "schedule_ics",
    "schedule_json",
    "schedule_item",
    "schedule_item_ics",
    "speakers",
    "poster_catalogue",
    "poster_public",
    "recap",
    "schedule_changes",
    "schedule_changes_json",
    "track_ics",
    "schedule_xml",
    "schedule_frab_json",
}


class EditionURLConf:
    """The site's URLconf, plus its public pages under `<slug>/`. They come last so that
    `reverse()` (which prefers the last pattern of a name) keeps links in the edition, and
    first too, so that resolving /<slug>/… does not try every pattern of the site before
    them (a fifth of a cached page's time): no pattern of the site starts with a slug."""

    def __init__(self, slug):
        site = list(get_resolver().url_patterns)
        public = [pattern for route, pattern in flat(site) if getattr(pattern, "name", None)]
        public = [pattern for pattern in public if pattern.name in PUBLIC_PAGES]
        self.urlpatterns = [
            path(f"{slug}/", include(public)),
            *site,
            path(f"{slug}/", include(public)),
        ]


@memoize(maxsize=64)
def edition_urlconf(slug):
    """One per slug for the life of the process, so Django's resolver cache holds it once."""
    return EditionURLConf(slug)


# Read from the shared cache at most this often by each worker, as the public version is.
_recent_past_editions = Recent(TOKENS_KEPT_FOR, past_editions_by_slug)


def past_edition(segment):
    """The edition that is not current and has this slug, or None; the request's own copy.
    No query while the cache holds the past editions (models.past_editions_by_slug), and
    no round trip to it while this worker's reading is recent (caching.TOKENS_KEPT_FOR)."""
    if not segment or not SLUG_LIKE.match(segment) or segment.lower() in _site_segments():
        return None
    edition = _recent_past_editions().get(segment)
    return copy.copy(edition) if edition is not None else None


@memoize(maxsize=1)
def _site_segments():
    return frozenset(reserved_segments())


class EditionMiddleware:
    """Serve a past edition's public pages at /<slug>/…; the current one stays at the root."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        segment = request.path_info.lstrip("/").split("/", 1)[0]
        edition = past_edition(segment)
        if edition is None:
            with editions_remembered({}):
                return self.get_response(request)
        request.current_event = edition
        request.urlconf = edition_urlconf(edition.slug)
        # Cached pages of a past edition are keyed on its own public version.
        version = getattr(getattr(edition, "public_version", None), "number", 0)
        request.edition_version = f"{edition.pk}.{version}"
        with editions_remembered({edition.pk: edition.slug}):
            return self.get_response(request)
