"""Where an edition's pages and rows are on the site: the current edition's at the root, a
past one's at /<slug>/…. Models' `get_absolute_url` reads it, so it holds no page: models
never import a page module (tests/test_architecture.py)."""

from contextlib import contextmanager
from contextvars import ContextVar

from .addresses import in_edition
from .models import current_public_version, past_edition_slugs


def edition_url(event, name="home", args=()):
    """A public page of `event`: the current edition's at the root, a past one's at
    /<slug>/… (where EditionMiddleware serves it), whichever page asks."""
    return in_edition(None if event.is_current else event.slug, name, args)


def object_url(obj, name, args):
    """A public page about `obj` (a row of one edition: it has `event`), in its edition,
    whichever page asks: a 2021 breakout linked from /me/ leads to /2021/schedule/<id>/. Its
    event is read if already loaded; otherwise its edition is found once per request."""
    if type(obj).event.is_cached(obj):
        return edition_url(obj.event, name, args)
    return in_edition(_slug_of(obj.event_id), name, args)


_slugs_seen = ContextVar("edition_slugs_seen", default=None)


@contextmanager
def editions_remembered(known):
    """Around a request (EditionMiddleware): each event's edition is looked up once, and
    those in `known` ({event pk: slug, or None for the current edition}) not at all."""
    token = _slugs_seen.set(dict(known))
    try:
        yield
    finally:
        _slugs_seen.reset(token)


def _slug_of(event_id):
    """None for the current edition, the slug of a past one. No query while the cache holds
    the current version (every public page reads it) and the past editions' slugs."""
    seen = _slugs_seen.get()
    if seen is not None and event_id in seen:
        return seen[event_id]
    current = current_public_version().split(".")[0]
    slug = None if current == str(event_id) else past_edition_slugs().get(event_id)
    if seen is not None:
        seen[event_id] = slug
    return slug
