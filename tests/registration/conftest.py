import re
from datetime import date, datetime, time

import pytest

from tests.factories import EventFactory, RegistrationSettingsFactory, TrackFactory

APRIL_DAY = date(2027, 4, 21)

SIGN_IN_LINK = r"http://127\.0\.0\.1:8000(/register/sign-in/[^/\s]+/)"


@pytest.fixture
def morning(event):
    """Runs 8:00–12:00 in the event's zone, its opening talks first; breakouts from 9:00."""
    return TrackFactory(
        event=event,
        name="Morning (EMEA)",
        slug="morning",
        position=1,
        starts_at=datetime.combine(event.date, time(8), tzinfo=event.tz),
    )


@pytest.fixture
def evening(event):
    return TrackFactory(
        event=event,
        name="Evening (APAC / US)",
        slug="evening",
        position=2,
        breakouts_start_at=datetime.combine(event.date, time(17), tzinfo=event.tz),
        breakouts_end_at=datetime.combine(event.date, time(20), tzinfo=event.tz),
    )


@pytest.fixture
def registration_open(event, morning, evening):
    """Registration for the current edition, open since yesterday for another week."""
    return RegistrationSettingsFactory(event=event)


def form_data(sessions, **changes):
    data = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "affiliation": "Analytical Engines Ltd",
        "country": "GB",
        "tracks": [track.pk for track in sessions],
        "time_zone": "Asia/Tokyo",
        "code_of_conduct": "on",
    }
    return {**data, **changes}


def sessions_shown(response):
    """Each session's checkbox on a registration form as a visitor reads it, one per session."""
    html = response.content.decode()
    labels = re.findall(r'<label for="id_tracks_\d+"[^>]*>(.*?)</label>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", label).split()) for label in labels]


@pytest.fixture
def april_day(db):
    """Wednesday, April 21, 2027 in Los Angeles (PDT, UTC-7); Berlin is on CEST (UTC+2), Tokyo
    on JST (UTC+9). Morning runs 8:00–12:00, Evening 17:00–20:00 in the event's zone;
    registration is open."""
    event = EventFactory(name="PyTorch Ecosystem Day 2027", date=APRIL_DAY)
    TrackFactory(
        event=event,
        name="Morning (EMEA)",
        slug="morning",
        position=1,
        starts_at=datetime.combine(APRIL_DAY, time(8), tzinfo=event.tz),
    )
    TrackFactory(
        event=event,
        name="Evening (APAC / US)",
        slug="evening",
        position=2,
        breakouts_start_at=datetime.combine(APRIL_DAY, time(17), tzinfo=event.tz),
        breakouts_end_at=datetime.combine(APRIL_DAY, time(20), tzinfo=event.tz),
    )
    RegistrationSettingsFactory(event=event)
    return event
