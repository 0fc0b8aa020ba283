"""Reminders planned at the same moment, in real transactions released by one barrier: never
a reminder queued twice, never one sent twice."""

from datetime import UTC, datetime

import pytest
from post_office.models import STATUS, Email

from ecosystem_day.infra.mail.delivery import deliver_queued
from ecosystem_day.registration.reminders import Reminder
from sessions.reminders import plan_event, plan_for
from tests.races import run_together
from tests.sessions.reminder_world import APRIL_FIRST, registrant, reminder_day

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 10


@pytest.fixture
def day(organizer, time_machine):
    time_machine.move_to(APRIL_FIRST, tick=False)
    return reminder_day(organizer)


def day_before_emails():
    return Email.objects.filter(subject__startswith="Tomorrow:")


def test_two_planners_at_once_queue_one_reminder(day):
    registration, _ = registrant(day, "Asia/Tokyo", [day["evening"]])
    for _ in range(ROUNDS):
        Reminder.objects.all().delete()
        day_before_emails().delete()

        outcomes = run_together(
            lambda: plan_for(registration.pk), lambda: plan_event(day["event"].pk)
        )

        assert sorted(map(tuple, outcomes)) == [(0, 0, 0), (1, 0, 0)]
        assert Reminder.objects.filter(registration=registration).count() == 1
        assert day_before_emails().count() == 1


def test_a_planner_and_the_worker_at_the_send_time_send_the_reminder_once(
    day, time_machine, settings
):
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    }
    registration, _ = registrant(day, "Asia/Tokyo", [day["evening"]])
    deliver_queued()  # the confirmation and the presenters' emails
    time_machine.move_to(datetime(2021, 4, 21, 0, tzinfo=UTC), tick=False)
    for _ in range(ROUNDS):
        Reminder.objects.all().delete()
        day_before_emails().delete()
        plan_for(registration.pk)
        # Queued with another time (as before a release moved the day): at the moment the
        # worker picks it up, the planner re-plans it, or finds it in flight and leaves it.
        day_before_emails().update(scheduled_time=datetime(2021, 4, 20, 23, tzinfo=UTC))

        outcomes = run_together(deliver_queued, lambda: plan_for(registration.pk))

        assert not any(isinstance(outcome, Exception) for outcome in outcomes), outcomes
        deliver_queued()
        assert Reminder.objects.filter(registration=registration).count() == 1
        assert list(day_before_emails().values_list("status", flat=True)) == [STATUS.sent]
