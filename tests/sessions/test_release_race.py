"""Two organizers press Release at the same moment, on real PostgreSQL, twenty rounds.

Each round an organizer moves a breakout in the draft; then two organizers, each on the
release page showing the same latest version, post it together through the admin view in
two real transactions. One release is made; the other organizer reads who released which
version and that theirs was not (never a 500 from the release number's constraint), and the
presenter gets one email for the release.
"""

from datetime import timedelta

import pytest
from django.test import Client
from post_office.models import Email

from sessions.models import ScheduleRelease
from sessions.releases import release_schedule
from sessions.services import move_breakout, schedule_breakout
from tests.factories import AcceptedBreakoutFactory, RoomFactory, TrackFactory, UserFactory
from tests.races import run_together
from tests.sessions.helpers import at, ecosystem_day_2021

ROUNDS = 20
RELEASE = "/admin/breakouts/schedulerelease/add/"
RELEASED_EMAIL = "The schedule changed for your breakout"

pytestmark = pytest.mark.django_db(transaction=True)


def organizer_at_the_release_page(name, email):
    client = Client()
    client.force_login(UserFactory(name=name, email=email, groups=["Organizers"]))
    return client


def emails_about_releases(to):
    return Email.objects.filter(to=[to.email], subject__startswith=RELEASED_EMAIL).count()


def test_two_organizers_releasing_at_once_make_one_release_and_the_other_reads_why():
    event = ecosystem_day_2021()
    track, room = TrackFactory(event=event), RoomFactory(event=event)
    breakout = AcceptedBreakoutFactory(event=event, title="Profiling, live")
    presenter = breakout.submitter
    schedule_breakout(breakout, track=track, room=room, starts_at=at(9), by=presenter)
    olivia = organizer_at_the_release_page("Olivia Organizer", "olivia@example.org")
    oscar = organizer_at_the_release_page("Oscar Organizer", "oscar@example.org")
    release_schedule(event, by=presenter)
    outcomes = []
    for n in range(1, ROUNDS + 1):
        starts_at = at(9) + timedelta(minutes=40 * (n % 2))
        move_breakout(breakout, track=track, room=room, starts_at=starts_at, by=presenter)
        seen = str(n)  # both pages show version n

        answers = run_together(
            lambda seen=seen: olivia.post(RELEASE, {"note": "Olivia's", "seen": seen}),
            lambda seen=seen: oscar.post(RELEASE, {"note": "Oscar's", "seen": seen}),
        )

        release = ScheduleRelease.objects.get(event=event, number=n + 1)
        winner = release.released_by.name
        by_name = dict(zip(["Olivia Organizer", "Oscar Organizer"], answers, strict=True))
        (loser,) = (page for name, page in by_name.items() if name != winner)
        outcomes.append((by_name[winner].status_code, loser.status_code))
        released_at = release.released_at.astimezone(event.tz).strftime("%A, %B %-d, %-I:%M %p %Z")
        assert release.note == f"{winner.split()[0]}'s"
        assert (
            f"Version {n + 1} of the schedule was released by {winner} on {released_at}, after "
            "the version your page showed: yours was not. Review its changes below and release "
            "again if the draft still differs."
        ) in loser.content.decode()
        assert emails_about_releases(presenter) == n + 1

    assert outcomes == [(302, 200)] * ROUNDS
    assert list(ScheduleRelease.objects.order_by("number").values_list("number", flat=True)) == [
        *range(1, ROUNDS + 2)
    ]
