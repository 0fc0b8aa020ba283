"""One moment (a deadline, a change): the event's time in the HTML, the visitor's by the browser.

The HTML is the same for every visitor (cacheable); `static/js/times.js` writes the
visitor's time first and keeps the event's beside it. An explicit `?tz=` makes the server
write the visitor's time itself, for browsers without JavaScript. Each (moment, zone,
format) is formatted once per process (a bounded cache).
"""

from datetime import UTC

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

from ecosystem_day.infra.memo import memoize

register = template.Library()

FORMATS = {"long": "l, F j, Y, g:i:s A T", "short": "D, M j, g:i A T"}


@memoize(maxsize=4096)
def in_zone(moment, zone, fmt):
    """ "Thursday, March 18, 2021, 11:59:59 PM PDT (America/Los_Angeles)"."""
    return f"{format_date(timezone.localtime(moment, zone), FORMATS[fmt])} ({zone.key})"


@register.simple_tag(takes_context=True)
def event_time(context, moment, fmt="long"):
    """`{% event_time item.starts_at %}`: the visitor's time first, the event's beside it."""
    event = context.get("event")
    fmt = fmt if fmt in FORMATS else "long"
    event_zone = event.tz if event else timezone.get_default_timezone()
    utc = moment.astimezone(UTC).isoformat()
    event_html = format_html(
        '<time datetime="{}" data-times="event">{}</time>', utc, in_zone(moment, event_zone, fmt)
    )
    visitor_zone = getattr(context.get("request"), "visitor_tz", None)
    if visitor_zone is None or visitor_zone.key == event_zone.key:
        return format_html(
            '<span class="moment" data-moment="{}" data-event-zone="{}">{}</span>',
            fmt,
            event_zone.key,
            event_html,
        )
    return format_html(
        '<span class="moment" data-moment="{}" data-event-zone="{}" data-zone="{}">'
        '<time datetime="{}" data-times="visitor" class="fw-semibold">{}</time> '
        '<span class="text-body-secondary">(event time: {})</span></span>',
        fmt,
        event_zone.key,
        visitor_zone.key,
        utc,
        in_zone(moment, visitor_zone, fmt),
        event_html,
    )
