"""The site's addresses as editions see them, from the URLconf alone (no model): the first
path segments the site's own pages use, and a page's address inside an edition."""

import re

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, get_script_prefix, reverse

SLUG_LIKE = re.compile(r"^[-a-zA-Z0-9_]+$")


def flat(patterns, prefix=""):
    """(route, pattern) for every URL pattern, with the routes of includes joined."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^")
        if isinstance(pattern, URLResolver):
            yield from flat(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def reserved_segments():
    """First path segments the site itself uses: no edition may take one as its slug. Static
    and media files are served before the URLconf, so their prefixes are added."""
    segments = {route.split("/")[0] for route, _ in flat(get_resolver().url_patterns)}
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        segments.add(url.strip("/").split("/")[0])
    return {segment.lower() for segment in segments if SLUG_LIKE.match(segment)}


def in_edition(slug, name, args=()):
    """A public page's address: at the root (slug None, the current edition) or under
    /<slug>/ (a past edition), whichever page asks."""
    url = reverse(name, args=args, urlconf=settings.ROOT_URLCONF)
    if slug is None:
        return url
    prefix = get_script_prefix()
    return f"{prefix}{slug}/{url.removeprefix(prefix)}"
