"""Calendar files built from a release: per-track feeds and the personal agenda feed.

Times are in UTC (no TZID to get wrong); each event's UID comes from the item's guid, so a
calendar app that subscribed updates the event in place when it moves, and its SEQUENCE is
the release number, so the newer version wins. Items cancelled since are sent as CANCELLED.
Written line by line (RFC 5545): the icalendar library took ten times as long for the same
text. sessions/views/feeds.py writes the schedule's feeds with the same helpers.
"""

from datetime import UTC, datetime

from django.http import HttpResponse


def ical_text(value):
    """A TEXT value escaped as RFC 5545 says (backslash, semicolon, comma, newline)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def ical_line(name, value):
    """One content line, folded at 75 octets (never inside a UTF-8 character)."""
    line = f"{name}:{value}".encode()
    if len(line) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(line):
        end = min(start + limit, len(line))
        while end < len(line) and (line[end] & 0xC0) == 0x80:
            end -= 1  # back off to the start of a character
        parts.append(line[start:end])
        start, limit = end, 74  # continuation lines start with a space
    return b"\r\n ".join(parts)


def ical_utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


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
    """One VEVENT's content lines."""
    lines = [
        b"BEGIN:VEVENT",
        ical_line("UID", uid(item["guid"], release.programme["event"]["slug"])),
        ical_line("DTSTAMP", ical_utc(release.released_at)),
        ical_line("SEQUENCE", release.number),
        ical_line("DTSTART", ical_utc(datetime.fromisoformat(item["starts_at"]))),
        ical_line("DTEND", ical_utc(datetime.fromisoformat(item["ends_at"]))),
        ical_line("SUMMARY", ical_text(item["title"])),
    ]
    if cancelled:
        lines += [
            ical_line("STATUS", "CANCELLED"),
            ical_line("DESCRIPTION", ical_text("Removed from the schedule.")),
        ]
    else:
        lines += [
            ical_line("STATUS", "CONFIRMED"),
            ical_line("DESCRIPTION", ical_text(description(item, page_url))),
        ]
        if page_url:
            lines.append(ical_line("URL", page_url))
    if item.get("room"):
        lines.append(ical_line("LOCATION", ical_text(item["room"])))
    lines.append(b"END:VEVENT")
    return lines


def calendar_response(name, release, items, *, page_url, filename, cancelled=()):
    """A calendar named `name` from `release`'s `items` (and `cancelled` ones), as a file;
    `page_url(item)` is the absolute address of an item's page."""
    lines = [
        b"BEGIN:VCALENDAR",
        ical_line("PRODID", "-//Ecosystem Day//Schedule//EN"),
        ical_line("VERSION", "2.0"),
        ical_line("X-WR-CALNAME", ical_text(name)),
        ical_line("X-PUBLISHED-TTL", "PT1H"),
    ]
    if release is not None:
        for item in items:
            lines += calendar_event(item, release, page_url=page_url(item))
        for item in cancelled:
            lines += calendar_event(item, release, page_url="", cancelled=True)
    lines.append(b"END:VCALENDAR")
    response = HttpResponse(
        b"\r\n".join(lines) + b"\r\n", content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
