"""Reminders: the day before each registrant's sessions, at 9:00 in their own zone, and a few
minutes before each item they starred (if they asked), queued with a send time the mail
worker honours, never twice, withdrawn or re-planned when the registration or the schedule
changes."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from post_office.models import STATUS, Email

from ecosystem_day.infra.mail.delivery import deliver_queued
from ecosystem_day.registration.reminders import Reminder
from ecosystem_day.registration.services import (
    cancel_registration,
    change_registration,
    set_item_reminders,
)
from sessions.agenda import set_star
from sessions.releases import release_schedule
from sessions.reminders import plan_event, plan_for
from sessions.services import move_breakout, unschedule_breakout
from sessions.snapshot import latest_release
from tests.factories import RegistrationSettingsFactory
from tests.sessions.helpers import at, ecosystem_day_2021, morning_and_evening
from tests.sessions.reminder_world import (
    APRIL_FIRST,
    EVENING_ROOM,
    ROOM,
    registrant,
    reminder_day,
    reminder_email,
    reminders_of,
)

DAY_BEFORE = Reminder.Kind.DAY_BEFORE
BEFORE_ITEM = Reminder.Kind.BEFORE_ITEM


@pytest.fixture
def day(organizer, time_machine):
    time_machine.move_to(APRIL_FIRST, tick=False)
    return reminder_day(organizer)


@pytest.fixture
def locmem_delivery(settings):
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    }


def release(day, django_capture_on_commit_callbacks):
    """Release the draft as an organizer does; reminders are re-planned once it commits."""
    with django_capture_on_commit_callbacks(execute=True):
        release_schedule(day["event"], by=day["organizer"])


@pytest.mark.parametrize(
    ("zone", "session", "nine_the_day_before"),
    [
        # The evening session starts at 7:00 on April 22 in Tokyo: 9:00 JST on April 21.
        ("Asia/Tokyo", "evening", datetime(2021, 4, 21, 0, tzinfo=UTC)),
        # The morning keynote starts at 17:00 on April 21 in Berlin: 9:00 CEST on April 20.
        ("Europe/Berlin", "morning", datetime(2021, 4, 20, 7, tzinfo=UTC)),
        # The morning keynote starts at 8:00 on April 21 in Los Angeles: 9:00 PDT on April 20.
        ("America/Los_Angeles", "morning", datetime(2021, 4, 20, 16, tzinfo=UTC)),
    ],
)
def test_the_day_before_reminder_is_queued_for_nine_the_day_before_in_the_registrants_zone(
    day, zone, session, nine_the_day_before
):
    registration, _ = registrant(day, zone, [day[session]])

    assert reminders_of(registration) == [(DAY_BEFORE, None, nine_the_day_before)]
    assert reminder_email(registration, DAY_BEFORE).scheduled_time == nine_the_day_before


def test_the_day_before_reminder_says_what_and_when_in_their_zone_with_join_routes_only(day):
    registration, _ = registrant(day, "Asia/Tokyo", [day["evening"]])

    email = reminder_email(registration, DAY_BEFORE)
    tensors = day["tensors"]
    assert email.to == ["ada@example.org"]
    assert email.subject == "Tomorrow: PyTorch Ecosystem Day, your sessions and how to join"
    assert email.message == (
        "Hello Ada Lovelace,\n\nPyTorch Ecosystem Day is tomorrow. Your sessions, in your time "
        "zone (Asia/Tokyo):\n"
        "- Evening (APAC / US): Thursday, April 22, 2021, 7:00 AM – 11:00 AM (Asia/Tokyo)\n"
        "\nWhat is on for you:\n"
        "- Thursday, April 22, 7:00 AM – 7:40 AM JST: Tensors at scale\n"
        f"  Join: http://127.0.0.1:8000/schedule/{tensors.pk}/join\n"
        "\nJoin links take you into the room once you are signed in; a sign-in link, no "
        "password needed: http://127.0.0.1:8000/register/sign-in/\n\n"
        "The whole schedule: http://127.0.0.1:8000/schedule/\n"
        "Change or cancel your registration: http://127.0.0.1:8000/me/registration/"
        "\n\n— The PyTorch Ecosystem Day organizers"
    )
    assert EVENING_ROOM not in email.message and ROOM not in email.message


def test_the_worker_does_not_send_a_reminder_before_its_send_time(
    day, time_machine, locmem_delivery
):
    registration, _ = registrant(day, "Europe/Berlin", [day["morning"]])
    send_at = reminder_email(registration, DAY_BEFORE).scheduled_time

    time_machine.move_to(send_at - timedelta(seconds=1), tick=False)
    sent, _, _ = deliver_queued()  # the confirmation and the presenters' schedule emails
    assert sent == len(mail.outbox) == 3
    assert not any(message.subject.startswith("Tomorrow") for message in mail.outbox)
    assert reminder_email(registration, DAY_BEFORE).status == STATUS.queued

    time_machine.move_to(send_at, tick=False)
    assert deliver_queued() == (1, 0, 0)
    assert mail.outbox[3].subject.startswith("Tomorrow: PyTorch Ecosystem Day")
    assert reminder_email(registration, DAY_BEFORE).status == STATUS.sent


def test_a_sent_reminder_is_never_queued_again_whatever_changes_or_whoever_plans(
    day, time_machine, locmem_delivery
):
    registration, person = registrant(day, "Europe/Berlin", [day["morning"]])
    registration.refresh_from_db()
    time_machine.move_to(datetime(2021, 4, 20, 7, tzinfo=UTC), tick=False)
    deliver_queued()

    change_registration(
        registration, by=person, tracks=[day["morning"], day["evening"]], time_zone="Asia/Tokyo"
    )
    call_command("plan_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    plan_for(registration.pk)

    assert Reminder.objects.filter(registration=registration).count() == 1
    reminder = Reminder.objects.select_related("email").get(registration=registration)
    assert reminder.email.status == STATUS.sent
    assert Email.objects.filter(subject__startswith="Tomorrow:").count() == 1


def test_a_cancelled_registration_withdraws_its_waiting_reminders(day):
    registration, person = registrant(day, "Europe/Berlin", [day["morning"]])
    registration.refresh_from_db()
    set_item_reminders(registration, by=person, on=True)
    set_star(person, day["event"], day["profiling"].guid, release=latest_release(day["event"]))
    assert len(reminders_of(registration)) == 2

    cancel_registration(registration, by=person)

    assert reminders_of(registration) == []
    assert list(
        Email.objects.filter(to="ada@example.org").order_by("pk").values_list("subject", flat=True)
    ) == [
        "You are registered for PyTorch Ecosystem Day",
        "Your registration for PyTorch Ecosystem Day is cancelled",
    ]


def test_registering_again_after_cancelling_plans_the_day_before_reminder_again(day):
    registration, person = registrant(day, "Europe/Berlin", [day["morning"]])
    planned = reminders_of(registration)
    cancel_registration(registration, by=person)

    again, _ = registrant(day, "Asia/Tokyo", [day["morning"]], user=False)  # the same address

    assert again.pk == registration.pk
    assert [kind for kind, _, _ in planned] == [DAY_BEFORE]
    # 9:00 in Tokyo on April 21: the morning session starts at 1:00 on April 22 there
    assert reminders_of(again) == [(DAY_BEFORE, None, datetime(2021, 4, 21, 0, tzinfo=UTC))]


def test_the_starred_item_reminder_is_opt_in_and_comes_ten_minutes_before_in_their_zone(day):
    registration, person = registrant(day, "Europe/Berlin", [day["morning"]])
    registration.refresh_from_db()
    profiling = day["profiling"]
    set_star(person, day["event"], profiling.guid, release=latest_release(day["event"]))
    assert [kind for kind, _, _ in reminders_of(registration)] == [DAY_BEFORE]  # off by default

    set_item_reminders(registration, by=person, on=True)

    assert reminders_of(registration)[1] == (BEFORE_ITEM, str(profiling.guid), at(8, 50))
    email = reminder_email(registration, BEFORE_ITEM, profiling.guid)
    assert email.scheduled_time == at(8, 50)
    assert email.subject == "In 10 minutes: Profiling, live"
    assert email.message == (
        "Hello Ada Lovelace,\n\n“Profiling, live” starts in 10 minutes: Wednesday, April 21, "
        "6:00 PM – 6:40 PM CEST (Europe/Berlin), Breakout room 1.\n\n"
        f"Join: http://127.0.0.1:8000/schedule/{profiling.pk}/join\n"
        f"Its page: http://127.0.0.1:8000/schedule/{profiling.pk}/\n\n"
        "You asked for these reminders on your agenda; turn them off there: "
        "http://127.0.0.1:8000/schedule/mine/\n\n— The PyTorch Ecosystem Day organizers"
    )
    assert ROOM not in email.message


def test_unstarring_or_turning_reminders_off_withdraws_the_item_reminder(day):
    registration, person = registrant(day, "Europe/Berlin", [day["morning"]])
    registration.refresh_from_db()
    event, guid = day["event"], day["profiling"].guid
    set_item_reminders(registration, by=person, on=True)
    set_star(person, event, guid, release=latest_release(event), starred=True)
    assert len(reminders_of(registration)) == 2

    set_star(person, event, guid, release=latest_release(event), starred=False)
    assert [kind for kind, _, _ in reminders_of(registration)] == [DAY_BEFORE]

    set_star(person, event, guid, release=latest_release(event), starred=True)
    assert len(reminders_of(registration)) == 2
    set_item_reminders(registration, by=person, on=False)
    assert [kind for kind, _, _ in reminders_of(registration)] == [DAY_BEFORE]
    assert Email.objects.filter(subject__startswith="In 10 minutes").count() == 0


def test_a_moved_item_is_re_planned_at_its_new_time_once_released(
    day, django_capture_on_commit_callbacks
):
    registration, person = registrant(day, "Europe/Berlin", [day["morning"]])
    registration.refresh_from_db()
    set_item_reminders(registration, by=person, on=True)
    profiling = day["profiling"]
    set_star(person, day["event"], profiling.guid, release=latest_release(day["event"]))
    before = reminder_email(registration, BEFORE_ITEM, profiling.guid)

    move_breakout(
        profiling.breakout,
        track=day["morning"],
        room=profiling.room,
        starts_at=at(10),
        by=day["organizer"],
    )
    assert reminder_email(registration, BEFORE_ITEM, profiling.guid) == before  # a draft: unseen
    release(day, django_capture_on_commit_callbacks)

    moved = reminder_email(registration, BEFORE_ITEM, profiling.guid)
    assert moved.scheduled_time == at(9, 50)
    assert "7:00 PM – 7:40 PM CEST" in moved.message
    assert not Email.objects.filter(pk=before.pk).exists()
    assert Email.objects.filter(subject="In 10 minutes: Profiling, live").count() == 1


def test_an_item_taken_off_the_schedule_withdraws_its_reminder_once_released(
    day, django_capture_on_commit_callbacks
):
    registration, person = registrant(day, "Europe/Berlin", [day["morning"]])
    registration.refresh_from_db()
    set_item_reminders(registration, by=person, on=True)
    profiling = day["profiling"]
    set_star(person, day["event"], profiling.guid, release=latest_release(day["event"]))

    unschedule_breakout(profiling.breakout, by=day["organizer"])
    release(day, django_capture_on_commit_callbacks)

    assert [kind for kind, _, _ in reminders_of(registration)] == [DAY_BEFORE]
    assert "Profiling, live" not in reminder_email(registration, DAY_BEFORE).message
    assert Email.objects.filter(subject__startswith="In 10 minutes").count() == 0


def test_someone_registering_after_nine_the_day_before_gets_no_day_before_reminder(
    day, time_machine
):
    time_machine.move_to(datetime(2021, 4, 20, 8, tzinfo=UTC), tick=False)  # 10:00 in Berlin

    registration, _ = registrant(day, "Europe/Berlin", [day["morning"]])

    assert reminders_of(registration) == []


def test_a_planner_running_late_still_sends_the_day_before_reminder_at_once(day, time_machine):
    registration, _ = registrant(day, "Europe/Berlin", [day["morning"]])
    Reminder.objects.all().delete()  # as if planning had never run
    time_machine.move_to(datetime(2021, 4, 20, 12, tzinfo=UTC), tick=False)

    assert plan_event(day["event"].pk) == (1, 0, 0)
    assert plan_event(day["event"].pk) == (0, 0, 0)  # idempotent

    email = reminder_email(registration, DAY_BEFORE)
    assert email.scheduled_time == datetime(2021, 4, 20, 7, tzinfo=UTC)  # due: sent at once


def test_the_wait_list_gets_its_reminder_when_a_seat_is_given(day):
    registration_settings = day["event"].registration_settings
    registration_settings.capacity = 1
    registration_settings.save()
    first, first_person = registrant(day, "Europe/Berlin", [day["morning"]])
    waiting, _ = registrant(day, "Asia/Tokyo", [day["evening"]], email="grace@example.org")
    assert reminders_of(waiting) == []

    first.refresh_from_db()
    cancel_registration(first, by=first_person)

    assert reminders_of(waiting) == [(DAY_BEFORE, None, datetime(2021, 4, 21, 0, tzinfo=UTC))]


def test_plan_reminders_reports_what_it_did_and_changes_nothing_the_second_time(day, capsys):
    registrant(day, "Europe/Berlin", [day["morning"]])
    Reminder.objects.all().delete()

    call_command("plan_reminders")
    call_command("plan_reminders")

    assert capsys.readouterr().out == (
        "PyTorch Ecosystem Day: 1 reminders queued, 0 re-planned, 0 withdrawn.\n"
        "PyTorch Ecosystem Day: 0 reminders queued, 0 re-planned, 0 withdrawn.\n"
    )


def test_nothing_is_planned_before_the_first_release_which_plans_everyone(
    organizer, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(APRIL_FIRST, tick=False)
    event = ecosystem_day_2021()
    morning, _ = morning_and_evening(event)
    RegistrationSettingsFactory(event=event, closes_at=at(23, day=21))
    registration, _ = registrant({"event": event}, "Europe/Berlin", [morning])
    assert reminders_of(registration) == []

    with django_capture_on_commit_callbacks(execute=True):
        release_schedule(event, by=organizer)

    assert reminders_of(registration) == [(DAY_BEFORE, None, datetime(2021, 4, 20, 7, tzinfo=UTC))]


def test_organizers_see_a_registrations_reminders_and_whether_they_went_out(
    day, client, time_machine, locmem_delivery
):
    registration, _ = registrant(day, "Europe/Berlin", [day["morning"]])
    client.force_login(day["organizer"])
    url = f"/admin/registration/registration/{registration.pk}/change/"

    waiting = client.get(url).content.decode()
    time_machine.move_to(datetime(2021, 4, 20, 7, tzinfo=UTC), tick=False)
    deliver_queued()
    client.force_login(day["organizer"])  # a new log-in: the first one expired since
    sent = client.get(url).content.decode()

    assert "Reminders (times in UTC)" in waiting
    assert "The day before" in waiting
    waiting_cell, sent_cell = (
        f'<td class="field-state">{state}</td>' for state in ("Waiting", "Sent")
    )
    assert waiting_cell in waiting
    assert sent_cell in sent and waiting_cell not in sent
