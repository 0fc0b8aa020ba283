import pytest

from tests.sessions.helpers import ecosystem_day_2021


@pytest.fixture
def ecosystem_day(db):
    """The 2021 edition the schedule, calendar and speakers specs describe."""
    return ecosystem_day_2021()
