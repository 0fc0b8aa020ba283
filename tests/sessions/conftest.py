import pytest

from tests.factories import UserFactory
from tests.sessions.agenda_world import released_day
from tests.sessions.helpers import ecosystem_day_2021
from tests.sessions.turnout_world import turnout_day, turnout_people  # noqa: F401


@pytest.fixture
def ecosystem_day(db):
    """The 2021 edition the schedule, calendar and speakers specs describe."""
    return ecosystem_day_2021()


@pytest.fixture
def day(organizer):
    """One released day of the agenda specs (tests/sessions/agenda_world.py)."""
    return released_day(organizer)


@pytest.fixture
def attendee(db):
    return UserFactory(name="Ada Attendee", email="ada@example.org")
