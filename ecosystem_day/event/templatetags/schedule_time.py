"""Programme times: the event's zone in the HTML, the visitor's added by the browser.

The HTML names each moment as `<time datetime="UTC">` with its time in the event's zone,
identical for every visitor, so one cached copy serves everyone; `static/js/times.js` puts
the visitor's own line first. Only an explicit `?tz=` (its own URL, its own cache key) makes
the server write the visitor's line itself, for browsers without JavaScript.

A time carries its date only when that date is not the event's day ("Thu, Apr 22,
7:00 AM JST" for an afternoon session in Los Angeles), so the common case stays short.

A span's HTML depends only on its moments, the zones and the event's day: each is written
once per process (a bounded cache) and reused by every later cold render.
"""

from datetime import UTC, datetime, time

import pytz
from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join, mark_safe

from ecosystem_day.infra.memo import memoize
from ecosystem_day.infra.timezones import known_zone_names

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


def utc_iso(moment):
    return moment.astimezone(UTC).isoformat()


def _times_html(parts):
    return format_html_join(
        " – ",
        '<time datetime="{}">{}</time>',
        ((utc_iso(moment), shown) for moment, shown in parts),
    )


def explicit_visitor_zone(context, event_zone):
    """The zone asked for with ?tz=, unless it is the event's own."""
    zone = getattr(context.get("request"), "visitor_tz", None)
    if zone is None or zone.key == event_zone.key:
        return None
    return zone


@register.simple_tag(takes_context=True)
def time_span(context, starts_at, ends_at):
    """`{% time_span item.starts_at item.ends_at %}`: the visitor's line first, the event's below.

    Without ?tz= the HTML holds the event's line alone; times.js adds the visitor's.
    """
    event = context["event"]
    event_zone = event.tz
    visitor_zone = explicit_visitor_zone(context, event_zone)
    return span_html(starts_at, ends_at, event_zone, event.date, visitor_zone)


@memoize(maxsize=8192)
def span_html(starts_at, ends_at, event_zone, event_date, visitor_zone):
    event_times = _times_html(span_in_zone(starts_at, ends_at, event_zone, event_date))
    if visitor_zone is None:
        return format_html(
            '<span class="time-span" data-time-span data-event-date="{}" data-event-zone="{}">'
            '<span class="d-block" data-times="event">{}</span></span>',
            event_date.isoformat(),
            event_zone.key,
            event_times,
        )
    return format_html(
        '<span class="time-span" data-time-span data-event-date="{}" data-event-zone="{}" '
        'data-zone="{}">'
        '<span class="d-block fw-semibold" data-times="visitor">{}</span>'
        '<span class="d-block small text-body-secondary">Event time: '
        '<span data-times="event">{}</span></span></span>',
        event_date.isoformat(),
        event_zone.key,
        visitor_zone.key,
        _times_html(span_in_zone(starts_at, ends_at, visitor_zone, event_date)),
        event_times,
    )


@register.simple_tag(takes_context=True)
def zone_label(context, zone=None):
    """ "America/Los_Angeles (PDT)" on the event's day; the event's zone unless one is given."""
    event = context["event"]
    zone = zone or event.tz
    noon = datetime.combine(event.date, time(12), tzinfo=event.tz)
    return f"{zone.key} ({zone_abbreviation(timezone.localtime(noon, zone))})"


def _region_and_place(name):
    region, _, place = name.partition("/")
    if not place:
        return "Other", name
    return region, place.replace("_", " ").replace("/", " / ")


@memoize(maxsize=1)
def zone_options_html():
    """Every common zone as `<option>`s grouped by region, built once per process.

    The same string for every visitor: ~430 options rendered by a template loop on each
    request cost most of a cold schedule render.
    """
    groups = {}
    for name in pytz.common_timezones:
        if name in known_zone_names():
            region, place = _region_and_place(name)
            groups.setdefault(region, []).append((name, place))
    return mark_safe(  # noqa: S308 - every piece below goes through format_html
        "".join(
            format_html(
                '<optgroup label="{}">{}</optgroup>',
                region,
                format_html_join("", '<option value="{}">{}</option>', sorted(groups[region])),
            )
            for region in sorted(groups, key=lambda region: (region == "Other", region))
        )
    )


@register.simple_tag(takes_context=True)
def time_zone_choices(context):
    """The picker's `<option>`s: the zone asked for (?tz=) first and selected, else a prompt.

    Nothing is selected as if detected: the browser's zone is only known to times.js,
    which puts it first.
    """
    event = context["event"]
    chosen = getattr(context.get("request"), "visitor_tz", None)
    if chosen is not None:
        first = format_html(
            '<optgroup label="Chosen" data-chosen><option value="{}" selected>{}</option>'
            "</optgroup>",
            chosen.key,
            chosen.key,
        )
    else:
        first = mark_safe('<option value="" selected>Choose a time zone…</option>')
    event_group = format_html(
        '<optgroup label="The event\'s zone"><option value="{}">{}</option></optgroup>',
        event.tz.key,
        event.tz.key,
    )
    return format_html("{}{}{}", first, event_group, zone_options_html())
