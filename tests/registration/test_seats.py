"""Seats and the wait list: counted under one lock, given back first come first served."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ecosystem_day.registration import services
from ecosystem_day.registration.models import Registration
from tests.factories import RegistrationFactory, RegistrationSettingsFactory, UserFactory
from tests.races import named, run_together
from tests.registration.conftest import form_data


@pytest.fixture
def one_seat_left(event, morning, evening):
    """Capacity 2, one seat taken."""
    settings = RegistrationSettingsFactory(event=event, capacity=2)
    RegistrationFactory(event=event, tracks=[morning], email="first@example.org")
    return settings


def test_once_the_seats_are_taken_people_join_the_wait_list(
    client, event, one_seat_left, morning, queued_mail
):
    client.post("/register/", form_data([morning], email="second@example.org"))
    response = client.post("/register/", form_data([morning], email="third@example.org"))

    page = client.get(response.url).content.decode()
    assert dict(Registration.objects.values_list("email", "status")) == {
        "first@example.org": "registered",
        "second@example.org": "registered",
        "third@example.org": "wait_listed",
    }
    assert "You are on the wait list" in page
    assert [m.subject for m in queued_mail] == [
        f"You are registered for {event.name}",
        f"You are on the wait list for {event.name}",
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(5))
def test_two_registrations_for_the_last_seat_give_one_seat_and_one_wait_list(
    event, one_seat_left, morning, attempt
):
    def register(email):
        return lambda: (
            services.register(
                event=event, name="Racer", email=email, tracks=[morning], time_zone="UTC"
            ).status
        )

    outcomes = run_together(register("a@example.org"), register("b@example.org"))

    assert sorted(outcomes) == ["registered", "wait_listed"]
    assert Registration.objects.filter(status="registered").count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_registrations_of_one_address_at_once_make_one(event, one_seat_left, morning):
    def register():
        return services.register(
            event=event, name="Twice", email="twice@example.org", tracks=[morning], time_zone="UTC"
        )

    outcomes = run_together(register, register)

    from django.core.exceptions import ValidationError

    assert sorted(named(o, (ValidationError,)) for o in outcomes) == ["ValidationError", "done"]
    assert Registration.objects.filter(email="twice@example.org").count() == 1


def test_a_cancellation_gives_its_seat_to_the_first_on_the_wait_list(event, morning, queued_mail):
    RegistrationSettingsFactory(event=event, capacity=1)
    holder = UserFactory()
    seat = RegistrationFactory(event=event, user=holder, email=holder.email, tracks=[morning])
    now = timezone.now()
    first = RegistrationFactory(
        event=event, status="wait_listed", created_at=now - timedelta(hours=2), tracks=[morning]
    )
    second = RegistrationFactory(
        event=event, status="wait_listed", created_at=now - timedelta(hours=1), tracks=[morning]
    )

    services.cancel_registration(seat, by=holder)

    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {seat.pk: "cancelled", first.pk: "registered", second.pk: "wait_listed"}
    assert [(m.subject, m.to) for m in queued_mail] == [
        (f"Your registration for {event.name} is cancelled", [seat.email]),
        (f"A seat is yours: you are registered for {event.name}", [first.email]),
    ]
    assert list(first.changes.values_list("from_status", "to_status", "note")) == [
        ("wait_listed", "registered", "A seat freed up.")
    ]


def test_raising_the_capacity_gives_the_new_seats_to_the_wait_list(event, morning):
    RegistrationSettingsFactory(event=event, capacity=1)
    RegistrationFactory(event=event, tracks=[morning])
    waiting = [
        RegistrationFactory(event=event, status="wait_listed", tracks=[morning]) for _ in range(3)
    ]

    services.change_capacity(event, 3)

    assert [Registration.objects.get(pk=r.pk).status for r in waiting] == [
        "registered",
        "registered",
        "wait_listed",
    ]
