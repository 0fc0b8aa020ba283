from datetime import datetime, time

import pytest

from tests.factories import RegistrationSettingsFactory, TrackFactory

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
