"""The calendar file a registration's emails carry: one event for each of their sessions of
the day, in UTC (the attendee's calendar shows it in their own zone)."""

from django.utils import timezone

from ecosystem_day.infra.ical import CONTROL, PRODID, ical_line, ical_text, ical_utc

FILENAME = "my-sessions.ics"
MIMETYPE = "text/calendar"


def tracks_calendar(registration, tracks, *, page_url, at=None):
    """The .ics bytes of `tracks` (the registration's sessions), each from its start to its end."""
    event = registration.event
    stamp = ical_utc(at or timezone.now())
    lines = [
        b"BEGIN:VCALENDAR",
        b"VERSION:2.0",
        ical_line("PRODID", PRODID),
        b"METHOD:PUBLISH",
        b"CALSCALE:GREGORIAN",
        ical_line("X-WR-CALNAME", ical_text(f"{event.name}: my sessions")),
    ]
    for track in tracks:
        lines += [
            b"BEGIN:VEVENT",
            ical_line("UID", f"registration-{registration.pk}-{track.slug}@{event.slug}"),
            ("DTSTAMP:" + stamp).encode(),
            ("DTSTART:" + ical_utc(track.starts_at)).encode(),
            ("DTEND:" + ical_utc(track.ends_at)).encode(),
            ical_line("SUMMARY", ical_text(f"{event.name}: {track.name}")),
            ical_line("DESCRIPTION", ical_text(f"Your registration: {page_url}")),
            ical_line("URL", page_url),
            b"END:VEVENT",
        ]
    lines.append(b"END:VCALENDAR")
    return (b"\r\n".join(lines) + b"\r\n").translate(None, CONTROL)
