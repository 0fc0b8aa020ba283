"""Every edition, with links into each: the `/editions/` page, and `past_editions` for any
template (the footer, the home page) that wants to link to them (the context processor
`past_editions_in_templates`)."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView

from .models import Event
from .object_urls import edition_url


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


def past_editions_in_templates(request):
    """Context processor: the editions that are not current, queried only if a page uses it."""
    return {
        "past_editions": SimpleLazyObject(lambda: editions(Event.objects.filter(is_current=False)))
    }


class EditionsView(TemplateView):
    template_name = "editions.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(editions=editions(Event.objects.all()), **kwargs)
