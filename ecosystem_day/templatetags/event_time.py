"""Show a moment in the event's zone and, when known and different, in the visitor's."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

register = template.Library()

LONG = "l, F j, Y, g:i:s A T"
SHORT = "D, M j, g:i A T"


def _in_zone(moment, zone, fmt):
    return format_date(timezone.localtime(moment, zone), fmt)


@register.simple_tag(takes_context=True)
def event_time(context, moment, fmt="long"):
    """`{% event_time event.cfp_deadline %}`: the event's time, then the visitor's."""
    event = context.get("event")
    request = context.get("request")
    fmt = LONG if fmt == "long" else SHORT
    event_zone = event.tz if event else timezone.get_default_timezone()
    shown = _in_zone(moment, event_zone, fmt)
    visitor_zone = getattr(request, "visitor_tz", None)
    if visitor_zone is None or visitor_zone.key == event_zone.key:
        return format_html(
            '<time datetime="{}">{} ({})</time>', moment.isoformat(), shown, event_zone.key
        )
    return format_html(
        '<time datetime="{}">{} ({})</time> <span class="text-body-secondary">· '
        "your time: {} ({})</span>",
        moment.isoformat(),
        shown,
        event_zone.key,
        _in_zone(moment, visitor_zone, fmt),
        visitor_zone.key,
    )
