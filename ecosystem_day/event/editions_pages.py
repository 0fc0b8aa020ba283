"""Every edition, with links into each: the `/editions/` page, and `past_editions` for any
template (the footer, the home page) that wants to link to them."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView

from .addresses import in_edition
from .models import Event, current_public_version, past_edition_slugs


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


@dataclass(frozen=True)
class Edition:
    event: Event
    home: str
    schedule: str
    posters: str
    speakers: str
    recap: str | None  # once the day is over


def day_ends_at(event):
    """Midnight after the day, in the event's zone: from then on the edition has a recap."""
    return datetime.combine(event.date + timedelta(days=1), time(0), tzinfo=event.tz)


def edition(event, now):
    """The edition's pages; `recap` is None until its day is over. `edition(event,
    timezone.now()).recap` is what a home page links to after the day."""
    day_over = now >= day_ends_at(event)
    return Edition(
        event=event,
        home=edition_url(event),
        schedule=edition_url(event, "schedule"),
        posters=edition_url(event, "poster_catalogue"),
        speakers=edition_url(event, "speakers"),
        recap=edition_url(event, "recap") if day_over else None,
    )


def editions(queryset):
    """Each edition with its links, the latest day first. One query."""
    now = timezone.now()
    return [edition(event, now) for event in queryset.order_by("-date", "pk")]


def past_editions(request):
    """Context processor: the editions that are not current, queried only if a page uses it."""
    return {
        "past_editions": SimpleLazyObject(lambda: editions(Event.objects.filter(is_current=False)))
    }


class EditionsView(TemplateView):
    template_name = "editions.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(editions=editions(Event.objects.all()), **kwargs)
