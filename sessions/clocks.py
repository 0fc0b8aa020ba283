"""The grid's short times: each block's time once, in one zone, under a caption naming the day.

A block says "9:00 – 9:40 AM"; its section's caption says "Friday, December 4 · times in
Asia/Tokyo (JST)", so no block repeats the date or the zone. A time off the caption's day
carries its weekday ("Sat 12:15 – 12:55 AM"). The server writes the event's zone (or the one
asked for with ?tz=); static/js/times.js writes the same shapes in the visitor's zone.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

from ecosystem_day.event.templatetags.schedule_time import utc_iso, zone_abbreviation
from ecosystem_day.infra.memo import memoize


def _clock(local, with_period, day):
    shown = format_date(local, "g:i")
    if with_period:
        shown += format_date(local, " A")
    if local.date() != day:
        shown = format_date(local, "D ") + shown
    return shown


@memoize(maxsize=8192)
def clock_html(starts_at, ends_at, zone, day):
    """`<span data-clock>` with "9:00 – 9:40 AM" (`ends_at` None: "9:00 AM") in `zone`, the
    weekday written before a time whose date is not `day`."""
    start = timezone.localtime(starts_at, zone)
    if ends_at is None:
        return format_html(
            '<span data-clock><time datetime="{}">{}</time></span>',
            utc_iso(starts_at),
            _clock(start, True, day),
        )
    end = timezone.localtime(ends_at, zone)
    same_half = start.date() == end.date() and format_date(start, "A") == format_date(end, "A")
    return format_html(
        '<span data-clock><time datetime="{}">{}</time> – <time datetime="{}">{}</time></span>',
        utc_iso(starts_at),
        _clock(start, not same_half, day),
        utc_iso(ends_at),
        _clock(end, True, start.date()),
    )


def caption_day(starts_at, zone):
    """The date a caption names: the start's, in `zone`."""
    return timezone.localtime(starts_at, zone).date()


@memoize(maxsize=256)
def caption_html(starts_at, ends_at, zone):
    """ "Friday, December 4 · times in Asia/Tokyo (JST)", or two dates when [starts_at,
    ends_at) crosses midnight in `zone`: the words above a section's times."""
    start = timezone.localtime(starts_at, zone)
    last = timezone.localtime(ends_at - timedelta(seconds=1), zone)
    days = format_date(start, "l, F j")
    if last.date() != start.date():
        days += format_date(last, " – l, F j")
    return format_html(
        '<span data-day-caption data-starts="{}" data-ends="{}">{} · times in {} ({})</span>',
        utc_iso(starts_at),
        utc_iso(ends_at),
        days,
        zone.key,
        zone_abbreviation(start),
    )
