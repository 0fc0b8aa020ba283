"""What every email writes the same way: links on the site's real address, and times in the
recipient's own zone with its name (a presenter in Tokyo reads a deadline in Tokyo's time)."""

from django.conf import settings
from django.utils.dateformat import format as format_date


def site_link(path):
    """The absolute link for an email: SITE_URL (required in production) and the path."""
    return settings.SITE_URL + path


def zone_of(person, event):
    """The zone the person chose in their profile, else the event's."""
    return getattr(person, "tz", None) or event.tz


def moment(value, zone):
    """ "Friday, April 9, 2021, 11:59 PM JST (Asia/Tokyo)": a time nobody can misread."""
    return f"{format_date(value.astimezone(zone), 'l, F j, Y, g:i A T')} ({zone.key})"
