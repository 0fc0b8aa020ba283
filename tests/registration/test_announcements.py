"""Announcements: organizers write to every registrant of the current edition (or of one
session of the day) in the admin, confirm, and the messages go through the mail queue,
throttled, once, with the sending's progress on the announcement's page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from post_office.models import PRIORITY, STATUS, Email

from ecosystem_day.event.frozen import PastEditionReadOnly
from ecosystem_day.registration.announcements import (
    AlreadySent,
    Announcement,
    send_announcement,
)
from ecosystem_day.registration.models import Registration
from tests.factories import RegistrationFactory
from tests.races import named, run_together

HOSTILE = "<script>alert(1)</script> {{ 7|add:7 }} {% now 'Y' %}"


@pytest.fixture
def registrants(registration_open, morning, evening):
    """Three seats in the morning, two in the evening; one waiting, one cancelled."""
    event = registration_open.event
    seated = [
        RegistrationFactory(event=event, email=f"morning{n}@example.org", tracks=[morning])
        for n in range(3)
    ] + [
        RegistrationFactory(event=event, email=f"evening{n}@example.org", tracks=[evening])
        for n in range(2)
    ]
    for status in (Registration.Status.WAIT_LISTED, Registration.Status.CANCELLED):
        left_out = RegistrationFactory(event=event, email=f"{status}@example.org", tracks=[morning])
        Registration.objects.filter(pk=left_out.pk).update(status=status)
    return seated


@pytest.fixture
def announcement(event, organizer):
    return Announcement.objects.create(
        event=event, subject="The keynote moves", text="It is in room 2 now.", created_by=organizer
    )


def announced():
    return list(
        Email.objects.filter(template__name="registration-announcement")
        .order_by("pk")
        .values_list("to", "scheduled_time", "priority")
    )


def test_organizers_write_confirm_and_send_an_announcement_to_everyone_holding_a_seat(
    client, organizer, event, registrants, settings
):
    settings.ANNOUNCEMENT_EMAILS_PER_MINUTE = 2
    client.force_login(organizer)
    response = client.post(
        "/admin/registration/announcement/add/",
        {"event": event.pk, "track": "", "subject": "Room change", "text": HOSTILE},
    )
    assert response.status_code == 302
    announcement = Announcement.objects.get()
    assert announcement.created_by == organizer

    confirm = client.get(f"/admin/registration/announcement/{announcement.pk}/send/")
    page = confirm.content.decode()
    assert "It goes to <strong>5 registrant(s)</strong>" in page
    assert "2 a minute: the last leaves about 3 minute(s) after you send it" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7|add:7 }} {% now &#x27;Y&#x27; %}" in page
    assert announced() == []  # nothing before the confirmation

    started = timezone.now()
    response = client.post(f"/admin/registration/announcement/{announcement.pk}/send/")

    assert response.status_code == 302
    minutes = [(when - started) // timedelta(minutes=1) for _, when, _ in announced()]
    assert minutes == [0, 0, 1, 1, 2]
    assert {priority for _, _, priority in announced()} == {PRIORITY.low}
    assert sorted(to[0] for to, _, _ in announced()) == sorted(r.email for r in registrants)
    email = Email.objects.get(to="morning0@example.org")
    assert email.subject == "PyTorch Ecosystem Day 2021: Room change"
    assert f"\n\n{HOSTILE}\n\n" in email.message


def test_an_announcement_to_one_session_reaches_only_those_registered_for_it(
    event, organizer, registrants, evening
):
    announcement = Announcement.objects.create(
        event=event, subject="Evening only", text="See you tonight.", track=evening
    )

    sent = send_announcement(announcement, by=organizer)

    assert sent.recipients == 2
    assert sorted(to[0] for to, _, _ in announced()) == [
        "evening0@example.org",
        "evening1@example.org",
    ]


def test_the_announcements_page_shows_how_the_sending_goes(
    client, organizer, registrants, announcement, settings
):
    settings.ANNOUNCEMENT_EMAILS_PER_MINUTE = 2
    send_announcement(announcement, by=organizer)
    Email.objects.filter(to="morning0@example.org").update(status=STATUS.sent)
    Email.objects.filter(to="morning1@example.org").update(status=STATUS.failed)
    client.force_login(organizer)

    listing = client.get("/admin/registration/announcement/").content.decode()
    page = client.get(f"/admin/registration/announcement/{announcement.pk}/change/")

    assert "1 sent · 3 waiting · 1 failed, of 5" in listing
    assert "1 sent · 3 waiting · 1 failed, of 5" in page.content.decode()
    assert "Sent: it goes out once." in page.content.decode()


def test_sending_twice_sends_once_and_says_who_sent_it(
    client, organizer, registrants, announcement
):
    client.force_login(organizer)
    url = f"/admin/registration/announcement/{announcement.pk}/send/"

    client.post(url)
    response = client.post(url, follow=True)

    assert len(announced()) == 5
    sent, message = list(response.context["messages"])
    assert (
        str(sent)
        == "“The keynote moves” is queued for 5 registrant(s), 120 a minute; its progress is below."
    )
    assert str(message).startswith("This announcement was already sent by Olivia Organizer on ")
    assert str(message).endswith("(America/Los_Angeles): it goes out once.")


def test_a_past_editions_announcement_is_never_sent(event, organizer, registrants, announcement):
    event.is_current = False
    event.date = timezone.now().date() - timedelta(days=30)
    event.save()

    with pytest.raises(PastEditionReadOnly):
        send_announcement(announcement, by=organizer)

    assert announced() == []


@pytest.mark.django_db(transaction=True)
def test_two_organizers_clicking_send_at_the_same_moment_send_it_once(
    registration_open, morning, organizer
):
    event = registration_open.event
    for n in range(5):
        RegistrationFactory(event=event, email=f"seat{n}@example.org", tracks=[morning])
    other = type(organizer).objects.create(email="oscar@example.org", name="Oscar")
    for _ in range(10):
        announcement = Announcement.objects.create(event=event, subject="Hi", text="Hello")

        outcomes = run_together(
            lambda a=announcement: send_announcement(a, by=organizer),
            lambda a=announcement: send_announcement(a, by=other),
        )

        assert sorted(named(outcome, (AlreadySent,)) for outcome in outcomes) == [
            "AlreadySent",
            "done",
        ]
        assert announcement.messages.count() == 5
    assert len(announced()) == 50
