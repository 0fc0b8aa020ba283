"""Emails say what comes next, in the recipient's own zone, with links on the site's real
address (SITE_URL), never the development default."""

import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from post_office.models import Email, EmailTemplate

from ecosystem_day.infra.mail import registered_templates
from ecosystem_day.registration.announcements import Announcement, send_announcement
from ecosystem_day.registration.services import (
    cancel_registration,
    change_registration,
    register,
    set_item_reminders,
)
from posters.emails import PREVIOUS_WORDINGS
from posters.services import change_poster_status, claim_poster, submit_poster, withdraw_poster
from sessions.agenda import set_star
from sessions.releases import release_schedule
from sessions.reminders import plan_for
from sessions.services import (
    change_breakout_status,
    propose_breakout,
    schedule_breakout,
)
from sessions.snapshot import latest_release
from tests.factories import (
    PASSWORD,
    AcceptedBreakoutFactory,
    AcceptedPosterFactory,
    EventFactory,
    PosterProposalFactory,
    RegistrationSettingsFactory,
    RoomFactory,
    TrackFactory,
    UserFactory,
    set_edition_settings,
)

ROOT = Path(__file__).resolve().parents[2]
SITE = "https://ecosystem.example.org"
URL = re.compile(r"https?://[^\s<>\"'()]+")
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
# The last second of December 20, 2026 in Los Angeles: December 21, 16:59:59 in Tokyo.
BREAKOUT_DEADLINE = datetime(2026, 12, 21, 7, 59, 59, tzinfo=UTC)


@pytest.fixture
def event(db, time_machine):
    time_machine.move_to(NOW, tick=False)
    return EventFactory(
        name="PyTorch Ecosystem Day 2027",
        date=date(2027, 1, 20),
        time_zone="America/Los_Angeles",
        cfp_deadline=datetime(2026, 12, 10, 7, 59, 59, tzinfo=UTC),
        breakout_deadline=BREAKOUT_DEADLINE,
    )


def what_comes_next(pk, deadline, zone):
    return (
        "What comes next:\n\n"
        "• Propose a breakout session (40 minutes: a talk, demo, tutorial or discussion) before "
        f"{deadline}:\n  {SITE}/breakouts/propose/\n"
        "• Upload your poster's image (PNG or JPEG, at most 10 MB):\n"
        f"  {SITE}/me/posters/{pk}/image/\n"
        "• Choose when you stand by your poster (the morning, the evening or both):\n"
        f"  {SITE}/me/posters/{pk}/tending/\n\n"
        f"Your proposal's page: {SITE}/me/posters/{pk}/\n"
        f"Times in our emails are in {zone}; choose your zone in your profile: {SITE}/me/profile/"
    )


@pytest.mark.parametrize(
    ("zone", "deadline"),
    [
        ("", "Sunday, December 20, 2026, 11:59 PM PST (America/Los_Angeles)"),
        ("Asia/Tokyo", "Monday, December 21, 2026, 4:59 PM JST (Asia/Tokyo)"),
        ("Europe/Berlin", "Monday, December 21, 2026, 8:59 AM CET (Europe/Berlin)"),
    ],
    ids=["the event's zone", "Tokyo", "Berlin"],
)
def test_acceptance_names_the_breakout_deadline_in_the_recipients_zone_and_what_to_do_next(
    event, organizer, queued_mail, settings, zone, deadline
):
    settings.SITE_URL = SITE
    presenter = UserFactory(name="Hana", email="hana@example.org", time_zone=zone)
    poster = PosterProposalFactory(event=event, submitter=presenter, title="TorchTrace")

    change_poster_status(poster, "accepted", by=organizer)

    [email] = queued_mail
    assert email.subject == "Your poster was accepted: TorchTrace"
    assert email.body == (
        "Hello Hana,\n\nGood news: “TorchTrace” is accepted for the poster exhibition of "
        "PyTorch Ecosystem Day 2027 on January 20, 2027.\n\n"
        + what_comes_next(poster.pk, deadline, zone or "America/Los_Angeles")
        + "\n\n— The PyTorch Ecosystem Day 2027 organizers"
    )


def test_after_the_breakout_deadline_acceptance_no_longer_offers_a_breakout(
    event, organizer, queued_mail, time_machine
):
    time_machine.move_to(BREAKOUT_DEADLINE + timedelta(seconds=1), tick=False)
    poster = PosterProposalFactory(event=event, title="Late")

    change_poster_status(poster, "accepted", by=organizer)

    body = queued_mail[0].body
    assert "breakout" not in body
    assert "• Upload your poster's image" in body


def test_before_organizers_set_a_breakout_deadline_acceptance_offers_no_breakout(
    event, organizer, queued_mail
):
    set_edition_settings(event, breakout_deadline=None)
    poster = PosterProposalFactory(event=event, title="Early")

    change_poster_status(poster, "accepted", by=organizer)

    body = queued_mail[0].body
    assert "breakout" not in body
    assert "What comes next:\n\n• Upload your poster's image" in body


def test_claiming_an_imported_poster_says_what_comes_next_in_the_presenters_zone(
    event, queued_mail, settings
):
    settings.SITE_URL = SITE
    presenter = UserFactory(name="Ken", email="ken@example.org", time_zone="Asia/Tokyo")
    poster = AcceptedPosterFactory(event=event, submitter=None, claim_token="invite-1")

    claim_poster(poster, by=presenter, token="invite-1")

    [email] = queued_mail
    assert email.body.endswith(
        what_comes_next(
            poster.pk, "Monday, December 21, 2026, 4:59 PM JST (Asia/Tokyo)", "Asia/Tokyo"
        )
        + "\n\n— The PyTorch Ecosystem Day 2027 organizers"
    )


def test_a_release_tells_each_presenter_their_times_in_their_own_zone_with_links(
    event, organizer, queued_mail, settings
):
    settings.SITE_URL = SITE
    track = TrackFactory(event=event, name="Morning (EMEA)")
    room = RoomFactory(event=event, name="Room 1", join_url="https://meet.example.org/r1")
    presenter = UserFactory(name="Hana", email="hana@example.org", time_zone="Asia/Tokyo")
    breakout = AcceptedBreakoutFactory(
        event=event, poster__submitter=presenter, title="Profiling live"
    )
    item = schedule_breakout(
        breakout, track=track, room=room, starts_at=track.breakout_window.starts_at, by=organizer
    )

    release_schedule(event, by=organizer)

    [email] = queued_mail
    assert email.body == (
        "Hello Hana,\n\nVersion 1 of the PyTorch Ecosystem Day 2027 schedule is out. For your "
        "breakout:\n\n• Profiling live: now on the schedule: Thursday, January 21, 2027, "
        "2:00 AM–2:40 AM JST (Asia/Tokyo), Room 1; presenters and attendees join at "
        "https://meet.example.org/r1\n"
        f"  Its page: {SITE}/schedule/{item.pk}/\n"
        f"  Add it to your calendar: {SITE}/schedule/{item.pk}.ics\n\n"
        "What comes next: be in your room a few minutes before your start; the join link "
        "works until your breakout ends, and its page shows the recording afterwards.\n\n"
        f"The whole schedule: {SITE}/schedule/\n"
        f"Times here are in Asia/Tokyo; choose your zone in your profile: {SITE}/me/profile/"
        "\n\n— The PyTorch Ecosystem Day 2027 organizers"
    )


def every_kind_of_email(client, event, organizer):
    """Every registered email, each caused the way the site causes it."""
    presenter = UserFactory(name="Hana", email="hana@example.org", time_zone="Asia/Tokyo")
    client.post("/accounts/password-reset/", {"email": presenter.email})
    client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "name": "New", "password1": PASSWORD, "password2": PASSWORD},
    )
    topic = event.topics.create(name="Compilers")
    fields = {"summary": "A compiler for models. " * 8, "authors": "Hana", "topic": topic}
    posters = [
        submit_poster(event=event, submitter=presenter, title=f"Poster {n}", **fields)
        for n in range(4)
    ]
    submit_poster(
        event=event,
        submitter=presenter,
        title="Poster with a co-presenter",
        copresenters=[("Grace", "grace@example.org")],
        **{**fields, "authors": "Hana\nGrace"},
    )
    for poster, status in zip(posters, ["accepted", "waitlisted", "rejected"], strict=False):
        change_poster_status(poster, status, by=organizer)
    withdraw_poster(posters[3], by=presenter)
    claim_poster(
        AcceptedPosterFactory(event=event, submitter=None, claim_token="t"), by=presenter, token="t"
    )
    breakouts = [
        propose_breakout(
            event=event,
            submitter=presenter,
            poster=posters[0],
            title=f"Breakout {n}",
            description="Live.",
            format="demo",
        )
        for n in range(4)
    ]
    statuses = ["accepted", "waitlisted", "rejected", "withdrawn"]
    for breakout, status in zip(breakouts, statuses, strict=True):
        change_breakout_status(breakout, status, by=organizer)
    track = TrackFactory(event=event)
    room = RoomFactory(event=event, join_url="https://meet.example.org/r1")
    schedule_breakout(
        breakouts[0],
        track=track,
        room=room,
        starts_at=track.breakout_window.starts_at,
        by=organizer,
    )
    release_schedule(event, by=organizer)
    return {room.join_url, *registrations(client, event, track)}


def registrations(client, event, track):
    """Every registration email: confirmed, wait-listed, changed, cancelled, a seat given,
    a sign-in link. Returns the links organizers give (the code of conduct)."""
    settings = RegistrationSettingsFactory(event=event, capacity=1)
    ada = UserFactory(name="Ada", email="ada@example.org", email_verified_at=timezone.now())
    bob = UserFactory(name="Bob", email="bob@example.org", email_verified_at=timezone.now())
    details = {"tracks": [track], "time_zone": "Asia/Tokyo", "country": "GB"}
    seated = register(event=event, name="Ada", email=ada.email, **details)
    waiting = register(event=event, name="Bob", email=bob.email, **details)
    change_registration(seated, by=ada, **{**details, "time_zone": "Europe/Berlin"})
    cancel_registration(seated, by=ada)
    client.post("/register/sign-in/", {"email": "bob@example.org"})
    reminders_and_an_announcement(event, bob, waiting)
    return {settings.code_of_conduct_url}


def reminders_and_an_announcement(event, bob, registration):
    """Bob, seated, stars the released breakout and asks for reminders: the day-before and
    the before-item reminders are queued; organizers announce to every registrant."""
    release = latest_release(event)
    set_star(bob, event, release.snapshot.items[0].guid, release=release)
    registration.refresh_from_db()
    set_item_reminders(registration, by=bob, on=True)
    plan_for(registration.pk)
    organizer = UserFactory(groups=["Organizers"])
    announcement = Announcement.objects.create(
        event=event, subject="Room change", text="Room 2 now.", created_by=organizer
    )
    send_announcement(announcement, by=organizer)


def test_every_kind_of_email_links_only_to_site_url_and_the_links_organizers_give(
    client, event, organizer, settings
):
    settings.SITE_URL = SITE
    given = every_kind_of_email(client, event, organizer)

    emails = list(Email.objects.select_related("template"))
    assert sorted({email.template.name for email in emails}) == sorted(registered_templates())
    elsewhere = {
        link
        for email in emails
        for link in URL.findall(email.message)
        if not link.startswith(SITE + "/")
    }
    assert elsewhere == given
    assert not any("127.0.0.1" in email.message + email.subject for email in emails)


def test_an_unedited_template_in_an_earlier_default_wording_gets_todays_after_a_migrate(db):
    old_subject, old_content = PREVIOUS_WORDINGS["poster-accepted"][0]
    EmailTemplate.objects.filter(name="poster-accepted").update(
        subject=old_subject, content=old_content
    )
    EmailTemplate.objects.filter(name="poster-claimed").update(content="Our own words.")

    call_command("migrate", verbosity=0)

    accepted = EmailTemplate.objects.get(name="poster-accepted")
    assert "What comes next" in accepted.content
    assert EmailTemplate.objects.get(name="poster-claimed").content == "Our own words."


@pytest.mark.parametrize(
    ("site_url", "message"),
    [
        (None, "Set SITE_URL to the site's public address"),
        ("ecosystem.example.org", "SITE_URL='ecosystem.example.org' is not an http(s) address."),
    ],
)
def test_without_debug_the_site_refuses_to_start_without_its_real_address(site_url, message):
    env = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "DJANGO_SETTINGS_MODULE": "ecosystem_day.settings"}
    if site_url:
        env["SITE_URL"] = site_url
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 1
    assert message in result.stderr


def test_a_presenter_chooses_their_zone_on_the_profile_page_and_the_next_email_uses_it(
    client, event, organizer, queued_mail
):
    presenter = UserFactory(name="Hana", email="hana@example.org")
    poster = PosterProposalFactory(event=event, submitter=presenter, title="TorchTrace")
    client.force_login(presenter)
    page = client.get("/me/profile/").content.decode()
    assert '<option value="" selected>The event&#x27;s (America/Los_Angeles)</option>' in page

    response = client.post(
        "/me/profile/", {"affiliation": "", "bio": "", "time_zone": "Asia/Tokyo"}
    )
    assert response.status_code == 302
    change_poster_status(poster, "accepted", by=organizer)

    presenter.refresh_from_db()
    assert presenter.time_zone == "Asia/Tokyo"
    assert "before Monday, December 21, 2026, 4:59 PM JST (Asia/Tokyo):" in queued_mail[0].body


def test_a_zone_that_does_not_exist_is_refused_on_the_profile_page_and_nothing_changes(
    client, event
):
    presenter = UserFactory(name="Hana", email="hana@example.org", affiliation="Before")
    client.force_login(presenter)

    response = client.post(
        "/me/profile/", {"affiliation": "After", "bio": "", "time_zone": "Mars/Olympus_Mons"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["time_zone"] == [
        "Select a valid choice. Mars/Olympus_Mons is not one of the available choices."
    ]
    presenter.refresh_from_db()
    assert (presenter.affiliation, presenter.time_zone) == ("Before", "")
