"""Calendar files built from a release: per-track feeds and the personal agenda feed.

Times are in UTC (no TZID to get wrong); each event's UID comes from the item's guid, so a
calendar app that subscribed updates the event in place when it moves, and its SEQUENCE is
the release number, so the newer version wins. Items cancelled since are sent as CANCELLED.
"""

from datetime import datetime

import icalendar
from django.http import HttpResponse


def uid(guid, event_slug):
    return f"{guid}@{event_slug}"


def description(item, page_url):
    lines = [item["description"], ""] if item.get("description") else []
    if breakout := item.get("breakout"):
        lines.append(
            f"{breakout['format_label']} by {breakout['presenter']['name']} · "
            f"poster: {breakout['poster']['title']}"
        )
    if speakers := item.get("speakers"):
        lines.append(
            "Speakers: "
            + ", ".join(
                f"{s['name']} ({s['affiliation']})" if s["affiliation"] else s["name"]
                for s in speakers
            )
        )
    if item.get("join_url"):
        lines.append(f"Join: {item['join_url']}")
    if page_url:
        lines.append(f"Details: {page_url}")
    return "\n".join(lines)


def calendar_event(item, release, *, page_url, cancelled=False):
    entry = icalendar.Event()
    entry.add("uid", uid(item["guid"], release.programme["event"]["slug"]))
    entry.add("dtstamp", release.released_at)
    entry.add("sequence", release.number)
    entry.add("dtstart", datetime.fromisoformat(item["starts_at"]))
    entry.add("dtend", datetime.fromisoformat(item["ends_at"]))
    entry.add("summary", item["title"])
    if cancelled:
        entry.add("status", "CANCELLED")
        entry.add("description", "Removed from the schedule.")
    else:
        entry.add("status", "CONFIRMED")
        entry.add("description", description(item, page_url))
        if page_url:
            entry.add("url", page_url)
    if item.get("room"):
        entry.add("location", item["room"])
    return entry


def calendar_response(name, release, items, *, page_url, filename, cancelled=()):
    """A calendar named `name` from `release`'s `items` (and `cancelled` ones), as a file;
    `page_url(item)` is the absolute address of an item's page."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Ecosystem Day//Schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-published-ttl", "PT1H")
    if release is not None:
        for item in items:
            calendar.add_component(calendar_event(item, release, page_url=page_url(item)))
        for item in cancelled:
            calendar.add_component(calendar_event(item, release, page_url="", cancelled=True))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
