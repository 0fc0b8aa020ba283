"""`{% schedule_section section %}`: a session's section and its item blocks, in Python.

The schedule shows every item of the day; the same markup through template tags cost about
a quarter of a millisecond per item, most of a cold render. A block's time is written once,
short, under its section's caption (sessions/clocks.py). Each block holds "sessions/_star.html"
with its `guid` and `title`, as `{% include ... with %}` would (`star_form`, in agenda.py:
rendered once per page, each block's values put in).
"""

from django import template
from django.utils.safestring import mark_safe

from ecosystem_day.event.templatetags.schedule_time import explicit_visitor_zone, time_span, utc_iso

from ..clocks import caption_day, caption_html, clock_html
from .agenda import escape, star_form  # escape: html.escape, without Django's lazy wrapper

register = template.Library()


def _zone(context):
    """The zone the server writes: the one asked for with ?tz=, else the event's."""
    event_zone = context["event"].tz
    return explicit_visitor_zone(context, event_zone) or event_zone


def _details(item):
    if breakout := item.breakout:
        text = f"{escape(breakout.format_label)} · {escape(breakout.presenter.name)}"
    else:
        text = escape(item.kind_label)
    if item.room:
        text += f'<span class="block-room"> · {escape(item.room)}</span>'
    return f'<p class="block-details" data-details>{text}</p>'


def _poster(item):
    if not item.breakout:
        return ""
    topic = f" · {escape(item.topic.name)}" if item.topic else ""
    title = escape(item.breakout.poster.title)
    return f'<p class="block-details block-poster" data-poster>Poster: {title}{topic}</p>'


def _speakers(item):
    if not item.speakers:
        return ""
    names = ", ".join(
        escape(s.name) + (f" ({escape(s.affiliation)})" if s.affiliation else "")
        for s in item.speakers
    )
    return f'<p class="block-details" data-speakers>{names}</p>'


def _action(item):
    """Join until the item is over; afterwards its recording, when there is one."""
    title = escape(item.title)
    if item.joinable:
        return (
            f'<a class="btn btn-sm btn-accent" href="{escape(item.join_path)}" target="_blank" '
            f'rel="noopener" data-join>Join<span class="visually-hidden"> {title}</span></a>'
        )
    if item.is_over and item.recording_url:
        return (
            f'<a class="btn btn-sm btn-outline-secondary" href="{escape(item.recording_url)}" '
            f'rel="noopener" data-recording>Recording<span class="visually-hidden"> of {title}'
            "</span></a>"
        )
    return ""


def _badge(item):
    if item.is_now:
        return '<span class="badge text-bg-danger" data-badge>Now</span>'
    if item.is_next:
        return '<span class="badge text-bg-primary" data-badge>Next</span>'
    return ""


def _block(zone, day, context, block):
    item = block.item
    state = " is-now" if item.is_now else " is-next" if item.is_next else ""
    state += " is-over" if item.is_over else ""
    data = ""
    if item.breakout:
        data = f' data-format="{escape(item.format)}" data-topic="{escape(item.topic_slug)}"'
    hidden = "" if item.shown else " hidden"
    starred = star_form(context, item.guid, item.title)
    return (
        f'<article class="block kind-{escape(item.kind)} {block.classes}{state}" '
        f'id="item-{item.id}" data-item="{item.id}" data-guid="{escape(item.guid)}"{data} '
        f'aria-labelledby="item-{item.id}-title"{hidden}>'
        f'<div class="block-top"><p class="block-time">'
        f"{clock_html(item.starts_at, item.ends_at, zone, day)}</p>{_badge(item)}</div>"
        f'<h3 class="block-title"><a href="{escape(item.url)}" id="item-{item.id}-title">'
        f"{escape(item.title)}</a></h3>"
        f"{_details(item)}{_poster(item)}{_speakers(item)}"
        f'<div class="block-actions">{_action(item)}{starred}</div></article>\n'
    )


def _grid_parts(zone, day, section):
    """The room columns' heads, the time axis' hour bands (each names its start) and the line
    static/js/times.js moves to the current time on the day."""
    heads = "".join(
        f'<div class="grid-head r-1 {column}" aria-hidden="true">{escape(name)}</div>'
        for name, column in section.columns
    )
    hours = "".join(
        f'<div class="grid-hour {rows}" aria-hidden="true" data-hour-starts="{utc_iso(starts)}" '
        f'data-hour-ends="{utc_iso(ends)}"><div class="grid-hour-label">'
        f"{clock_html(starts, None, zone, day)}</div></div>"
        for starts, ends, rows in section.hours
    )
    line = '<div class="now-line" data-now-line hidden aria-hidden="true"></div>'
    return f"{heads}\n{hours}{line}"


@register.simple_tag(takes_context=True)
def schedule_section(context, section):
    """`{% schedule_section section %}`: one session's `<section>`, its grid (or list) and
    its blocks."""
    anchor = escape(section.anchor)
    caption = ""
    if section.blocks:
        zone = _zone(context)
        day = caption_day(section.starts_at, zone)
        caption = (
            '<p class="schedule-caption small text-body-secondary mb-2">'
            f"{caption_html(section.starts_at, section.ends_at, zone)}</p>\n"
        )
        if section.grid:
            layout = f"schedule-grid cols-{section.column_count}"
            parts = _grid_parts(zone, day, section)
        else:
            layout, parts = "schedule-list", ""
        body = (
            f'<div class="{layout}">{parts}\n'
            + "".join(_block(zone, day, context, block) for block in section.blocks)
            + "</div>"
        )
    else:
        body = '<p class="small text-body-secondary">Nothing scheduled yet.</p>'
    return mark_safe(  # noqa: S308 - every value is escaped above
        f'<section class="schedule-section mb-4" id="{anchor}" '
        f'aria-labelledby="{anchor}-title" data-section="{escape(section.slug)}">\n'
        f'<h2 class="h5 schedule-track mb-1" id="{anchor}-title">{escape(section.name)}</h2>\n'
        f"{caption}{body}\n</section>\n"
    )


@register.simple_tag(takes_context=True)
def day_caption(context, starts_at, ends_at):
    """`{% day_caption starts ends %}`: the date(s) of [starts, ends) and the zone the times
    below are in ("Friday, December 4 · times in Asia/Tokyo (JST)"); times.js rewrites it."""
    return caption_html(starts_at, ends_at, _zone(context))


@register.simple_tag
def block_action(item):
    """`{% block_action item %}`: Join until the item is over, then its recording, as its block
    on the schedule offers them (my agenda shows the same)."""
    return mark_safe(_action(item))  # noqa: S308 - _action escapes every value


def _agenda_badge(item):
    if item.is_over and not item.is_now:
        return '<span class="badge text-bg-light border" data-badge>Ended</span>'
    return _badge(item)


@register.simple_tag(takes_context=True)
def agenda_item(context, item, starred, ics_prefix):
    """`{% agenda_item item starred ics_prefix %}`: one item of /schedule/mine/ (`starred`: the
    guids starred), written in Python like the schedule's blocks: a template per item cost a
    few milliseconds of a cold agenda."""
    state = " agenda-now" if item.is_now else " agenda-ended" if item.is_over else ""
    title = escape(item.title)
    calendar = ""
    if not item.is_over:
        calendar = (
            f'<a class="btn btn-sm btn-outline-secondary" href="{escape(ics_prefix)}{item.id}.ics" '
            f'data-calendar>Add to calendar<span class="visually-hidden">: {title}</span></a>'
        )
    where = escape(item.track or "Both sessions") + (f" · {escape(item.room)}" if item.room else "")
    return mark_safe(  # noqa: S308 - every value is escaped above
        f'<li class="list-group-item{state}" id="item-{item.id}" data-guid="{escape(item.guid)}" '
        f'data-agenda-item="{"track" if item.track else "both"}">'
        '<div class="d-flex gap-2 align-items-start"><div class="flex-grow-1 min-w-0">'
        '<div class="d-flex flex-wrap align-items-center gap-2"><div class="schedule-times">'
        f"{time_span(context, item.starts_at, item.ends_at)}</div>{_agenda_badge(item)}</div>"
        f'<a class="fw-semibold text-break" href="{escape(item.url)}" data-title>{title}</a>'
        f'<div class="small text-body-secondary">{where}</div>'
        '<div class="d-flex flex-wrap align-items-center gap-2 mt-2 agenda-actions">'
        f"{_action(item)}{calendar}</div></div>"
        f"{star_form(context, item.guid, item.title, item.guid in starred)}</div></li>\n"
    )
