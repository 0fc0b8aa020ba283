"""Programme times: in the event's zone with its abbreviation and, beside them, the visitor's.

A time carries its date only when that date is not the event's day ("Thu, Apr 22,
7:00 AM JST" for an afternoon session in Los Angeles), so the common case stays short.
"""

from datetime import UTC, datetime, time

import pytz
from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join

register = template.Library()

TIME = "g:i A"
DATE = "D, M j"


def zone_abbreviation(local):
    """ "PDT", "JST"; zones without a letter abbreviation (São Paulo's "-03") read "UTC-3"."""
    name = local.tzname()
    if name and name[0] not in "+-":
        return name
    offset = int(local.utcoffset().total_seconds()) // 60
    sign = "+" if offset >= 0 else "-"
    hours, minutes = divmod(abs(offset), 60)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def clock(moment, zone, with_date):
    """One moment in one zone: "3:00 PM PDT", or "Thu, Apr 22, 7:00 AM JST" with its date."""
    local = timezone.localtime(moment, zone)
    shown = format_date(local, TIME)
    if with_date:
        shown = f"{format_date(local, DATE)}, {shown}"
    return f"{shown} {zone_abbreviation(local)}"


def span_in_zone(starts_at, ends_at, zone, event_date):
    """The start and end in one zone, each with its abbreviation and, off the day, its date."""
    start_date = timezone.localtime(starts_at, zone).date()
    end_date = timezone.localtime(ends_at, zone).date()
    return [
        (starts_at, clock(starts_at, zone, start_date != event_date)),
        (ends_at, clock(ends_at, zone, end_date != start_date and end_date != event_date)),
    ]


def _times_html(parts):
    return format_html_join(
        " – ",
        '<time datetime="{}">{}</time>',
        ((moment.astimezone(UTC).isoformat(), shown) for moment, shown in parts),
    )


def _zones(context):
    event = context["event"]
    visitor_zone = getattr(context.get("request"), "visitor_tz", None)
    if visitor_zone is not None and visitor_zone.key == event.tz.key:
        visitor_zone = None
    return event, visitor_zone


@register.simple_tag(takes_context=True)
def time_span(context, starts_at, ends_at):
    """`{% time_span item.starts_at item.ends_at %}`: the event's line, then the visitor's."""
    event, visitor_zone = _zones(context)
    event_line = format_html(
        '<span class="d-block" data-times="event">{}</span>',
        _times_html(span_in_zone(starts_at, ends_at, event.tz, event.date)),
    )
    if visitor_zone is None:
        return event_line
    return format_html(
        '{}<span class="d-block small text-body-secondary" data-times="visitor">'
        "Your time: {}</span>",
        event_line,
        _times_html(span_in_zone(starts_at, ends_at, visitor_zone, event.date)),
    )


@register.simple_tag(takes_context=True)
def zone_label(context, zone=None):
    """ "America/Los_Angeles (PDT)" on the event's day; the event's zone unless one is given."""
    event = context["event"]
    zone = zone or event.tz
    noon = datetime.combine(event.date, time(12), tzinfo=event.tz)
    return f"{zone.key} ({zone_abbreviation(timezone.localtime(noon, zone))})"


@register.simple_tag(takes_context=True)
def time_zone_choices(context):
    """The picker's zones: the common ones, plus the visitor's own if it is a rarer name."""
    request = context.get("request")
    zone = getattr(request, "visitor_tz", None) or context["event"].tz
    choices = list(pytz.common_timezones)
    if zone.key not in choices:
        choices.insert(0, zone.key)
    return [(name, name == zone.key) for name in choices]
