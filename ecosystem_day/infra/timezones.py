"""IANA time zone names from untrusted input: one parser that never raises."""

import zoneinfo

from ecosystem_day.infra.memo import memoize


@memoize(maxsize=1)
def known_zone_names():
    """Every zone the zone database holds (no folders such as "America", no files by path)."""
    return frozenset(zoneinfo.available_timezones())


def parse_time_zone(name):
    """The ZoneInfo for a known IANA name, else None, whatever the input."""
    if not isinstance(name, str) or name not in known_zone_names():
        return None
    return zoneinfo.ZoneInfo(name)
