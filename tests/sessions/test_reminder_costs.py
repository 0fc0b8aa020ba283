"""Planning reminders costs a fixed number of queries per batch of registrants, whatever their
number or their stars, so a release re-plans a thousand registrants in seconds."""

import pytest

from ecosystem_day.registration.models import Registration
from sessions.agenda import Star
from sessions.reminders import plan_event
from tests.factories import UserFactory
from tests.sessions.reminder_world import APRIL_FIRST, reminder_day


@pytest.fixture
def day(organizer, time_machine):
    time_machine.move_to(APRIL_FIRST, tick=False)
    return reminder_day(organizer)


def registrants(day, count):
    """`count` registrants of both sessions, each with reminders before their two stars."""
    event, items = day["event"], [day["profiling"], day["tensors"]]
    people = [UserFactory(email=f"registrant{n}@example.org") for n in range(count)]
    registrations = Registration.objects.bulk_create(
        Registration(
            event=event,
            user=person,
            name=f"Person {n}",
            email=person.email,
            time_zone="Asia/Tokyo",
            code_of_conduct_accepted_at=APRIL_FIRST,
            remind_before_items=True,
        )
        for n, person in enumerate(people)
    )
    Registration.tracks.through.objects.bulk_create(
        Registration.tracks.through(registration=registration, track=track)
        for registration in registrations
        for track in (day["morning"], day["evening"])
    )
    Star.objects.bulk_create(
        Star(user=person, event=event, guid=item.guid) for person in people for item in items
    )


@pytest.mark.parametrize("count", [10, 150])
def test_planning_an_edition_costs_the_same_queries_for_10_or_150_registrants(
    day, count, django_assert_num_queries
):
    registrants(day, count)

    with django_assert_num_queries(16):
        assert plan_event(day["event"].pk) == (3 * count, 0, 0)
    with django_assert_num_queries(11):  # nothing changed: nothing written
        assert plan_event(day["event"].pk) == (0, 0, 0)
