"""English formats, with the zone's abbreviation after every date and time (Apr 21, 2021,
3 p.m. PDT): the admin shows times in the event's zone, and says which."""

DATETIME_FORMAT = "N j, Y, P T"
