"""Organizers release the schedule from the admin: they see what changes, add a note, publish."""

import pytest

from sessions.models import ScheduleRelease
from sessions.releases import release_schedule
from sessions.services import schedule_breakout
from tests.factories import AcceptedBreakoutFactory, RoomFactory, TrackFactory, UserFactory
from tests.sessions.helpers import at, ecosystem_day_2021

RELEASE = "/admin/breakouts/schedulerelease/add/"


@pytest.fixture
def event(db):
    event = ecosystem_day_2021()
    track, room = TrackFactory(event=event), RoomFactory(event=event, name="Breakout room 1")
    breakout = AcceptedBreakoutFactory(event=event, title="Profiling, live")
    schedule_breakout(breakout, track=track, room=room, starts_at=at(9), by=breakout.submitter)
    return event


def test_the_release_page_shows_what_attendees_will_see_change(client, organizer, event):
    client.force_login(organizer)

    page = client.get(RELEASE).content.decode()

    assert "The schedule has never been released" in page
    assert (
        "<strong>Profiling, live</strong>: now on the schedule: Wednesday, April 21, 2021" in page
    )
    assert 'value="Release version 1"' in page


def test_releasing_publishes_the_version_with_the_note_and_says_who_is_told(
    client, organizer, event, queued_mail
):
    client.force_login(organizer)

    response = client.post(RELEASE, {"note": "The day is set."}, follow=True)

    release = ScheduleRelease.objects.get()
    assert (release.number, release.note, release.released_by) == (1, "The day is set.", organizer)
    assert [str(m) for m in response.context["messages"]] == [
        "Version 1 of the schedule is public: 1 change(s); presenters of 1 breakout(s) are "
        "being emailed."
    ]
    assert len(queued_mail) == 1


def test_with_nothing_changed_the_page_says_so_and_offers_no_button(client, organizer, event):
    client.force_login(organizer)
    client.post(RELEASE, {"note": ""})

    page = client.get(RELEASE).content.decode()

    assert "there is nothing to release" in page
    assert "Release version" not in page


def test_reviewers_read_releases_but_cannot_release(client, reviewer, event):
    client.force_login(reviewer)

    assert client.get("/admin/breakouts/schedulerelease/").status_code == 200
    assert client.post(RELEASE, {"note": ""}).status_code == 403
    assert ScheduleRelease.objects.exists() is False


def test_the_admin_index_counts_the_changes_not_yet_released(client, organizer, event):
    client.force_login(organizer)

    page = client.get("/admin/").content.decode()

    assert "Schedule changes not yet released" in page


def test_a_release_made_since_the_page_was_shown_refuses_this_one_and_shows_the_new_one(
    client, organizer, event, queued_mail
):
    client.force_login(organizer)
    page = client.get(RELEASE).content.decode()
    assert '<input type="hidden" name="seen" value="0"' in page
    oscar = UserFactory(name="Oscar Organizer", groups=["Organizers"])
    release_schedule(event, by=oscar, at=at(8, 30, day=20))

    response = client.post(RELEASE, {"note": "The day is set.", "seen": "0"})

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Version 1 of the schedule was released by Oscar Organizer on Tuesday, April 20, 8:30 AM "
        "PDT, after the version your page showed: yours was not. Review its changes below and "
        "release again if the draft still differs."
    ) in page
    assert "Attendees and every feed see version 1" in page
    assert "there is nothing to release" in page
    assert ScheduleRelease.objects.get().released_by == oscar
    assert len(queued_mail) == 1
