"""Writing iCalendar (RFC 5545) lines: what every calendar file of the site is made of (the
schedule's feeds in sessions/calendar.py, a registration's sessions in registration/).

Times are written in UTC (no TZID to get wrong); text is escaped and lines folded here, once.
"""

from datetime import UTC

PRODID = "-//Ecosystem Day//Schedule//EN"
# RFC 5545's CONTROL characters but CR and LF: no content line may hold one (tab is allowed;
# line breaks in text are escaped by `ical_text`, and CRLF only ends lines).
CONTROL = bytes(range(0x09)) + b"\x0b\x0c" + bytes(range(0x0E, 0x20)) + b"\x7f"


def ical_text(value):
    """A TEXT value escaped as RFC 5545 says (backslash, semicolon, comma, any line break)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
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
