"""`make run` seeds with --if-no-event: a new checkout gets the demo, at once."""

from io import StringIO

import pytest
from django.core.management import call_command

from ecosystem_day.event.models import Event


@pytest.mark.django_db
def test_if_no_event_loads_the_demo_into_an_empty_database():
    call_command("seed_demo", "--if-no-event", stdout=StringIO())

    current = Event.objects.current()
    assert sorted(Event.objects.values_list("slug", "is_current")) == [
        ("2021", False),
        (str(current.date.year), True),
    ]
