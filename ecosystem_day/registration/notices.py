"""The emails of a registration's transitions, written as finished text in their transaction:
their sessions in their own zone and the event's, their calendar file, a sign-in link."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from ecosystem_day.infra.mail import queue_email

from .calendar import FILENAME, MIMETYPE, tracks_calendar
from .links import SIGN_IN, lifetime
from .models import Status


def span(starts_at, ends_at, zone):
    """ "Wednesday, April 21, 2021, 5:00 PM – 8:00 PM (Europe/Berlin)"."""
    start, end = timezone.localtime(starts_at, zone), timezone.localtime(ends_at, zone)
    end_format = "g:i A" if end.date() == start.date() else "l, F j, Y, g:i A"
    return f"{format_date(start, 'l, F j, Y, g:i A')} – {format_date(end, end_format)} ({zone.key})"


def tells_same_time(starts_at, ends_at, zone, other):
    """Whether both zones read the same clock at both moments (the event's own zone, or one
    that agrees with it that day): then the email says the time once."""
    return all(
        timezone.localtime(moment, zone).utcoffset()
        == timezone.localtime(moment, other).utcoffset()
        for moment in (starts_at, ends_at)
    )


def _site():
    return urlsplit(settings.SITE_URL).netloc


def _my_registration_url():
    return settings.SITE_URL + reverse("my_registration")


def context_of(registration, tracks):
    event = registration.event
    return {
        "name": registration.name,
        "event": event.name,
        "site": _site(),
        "sessions_of_the_day": [
            {
                "name": track.name,
                "times": span(track.starts_at, track.ends_at, registration.tz),
                "event_times": span(track.starts_at, track.ends_at, event.tz),
                "event_times_differ": not tells_same_time(
                    track.starts_at, track.ends_at, registration.tz, event.tz
                ),
            }
            for track in tracks
        ],
        "time_zone": registration.time_zone,
        "sign_in_url": SIGN_IN.make_url(registration),
        "valid_for": lifetime(),
        "my_registration_url": _my_registration_url(),
        "code_of_conduct_url": event.registration_settings.code_of_conduct_url,
    }


def _with_calendar(template_name, registration):
    tracks = list(registration.tracks.order_by("position", "name"))
    calendar = tracks_calendar(registration, tracks, page_url=_my_registration_url())
    return queue_email(
        template_name,
        registration.email,
        context_of(registration, tracks),
        attachments=[(FILENAME, calendar, MIMETYPE)],
    )


def confirmation(registration):
    """Registered (with the calendar), or on the wait list (without: no seat yet)."""
    if registration.status == Status.REGISTERED:
        return _with_calendar("registration-confirmed", registration)
    tracks = list(registration.tracks.order_by("position", "name"))
    return queue_email(
        "registration-wait-listed", registration.email, context_of(registration, tracks)
    )


def seat_given(registration):
    return _with_calendar("registration-seat-given", registration)


def changed(registration):
    return _with_calendar("registration-changed", registration)


def cancelled(registration):
    return queue_email(
        "registration-cancelled",
        registration.email,
        {"name": registration.name, "event": registration.event.name, "site": _site()},
    )


def sign_in_link(registration):
    return queue_email(
        "registration-sign-in-link",
        registration.email,
        {
            "name": registration.name,
            "event": registration.event.name,
            "site": _site(),
            "sign_in_url": SIGN_IN.make_url(registration),
            "valid_for": lifetime(),
        },
    )
