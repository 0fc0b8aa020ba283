"""A past edition is read-only: the rule, its transitions, its reopening, and `/me/`.

Past: not current and its day over in its own zone (ecosystem_day/event/frozen.py). Every
transition refuses it with the same sentence; only a superuser's recorded reopen lifts it.
"""

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from ecosystem_day.demo.drawing import draw_poster
from ecosystem_day.event import frozen
from ecosystem_day.event.models import Event
from posters import services as posters
from posters.models import PosterProposal
from sessions import services as sessions
from sessions.models import BreakoutProposal
from sessions.releases import release_schedule
from sessions.services import change_breakout_length
from sessions.window_changes import change_breakout_window
from tests.ecosystem_day.past_edition import (
    READ_ONLY,
    edition_rows,
    emails_queued,
    two_editions,
)
from tests.factories import AcceptedPosterFactory, EventFactory, PosterProposalFactory, UserFactory
from tests.sessions.helpers import LOS_ANGELES, at


@pytest.fixture
def editions(submitter, organizer):
    return two_editions(submitter, organizer)


@pytest.fixture
def superuser(db):
    return UserFactory(name="Sue Superuser", is_superuser=True, is_staff=True)


# The rule, defined once.


@pytest.mark.parametrize(
    ("moment", "is_past"),
    [
        (datetime(2021, 4, 21, 23, 59, 59, tzinfo=LOS_ANGELES), False),  # the day's last second
        (datetime(2021, 4, 22, 0, 0, 0, tzinfo=LOS_ANGELES), True),  # midnight after it
    ],
)
def test_an_edition_that_is_not_current_becomes_past_at_the_midnight_after_its_day_in_its_zone(
    db, moment, is_past
):
    edition = EventFactory(date=date(2021, 4, 21), is_current=False)

    assert (frozen.is_past(edition, at=moment), frozen.is_read_only(edition, at=moment)) == (
        is_past,
        is_past,
    )


def test_the_current_edition_stays_editable_after_its_day_for_its_recordings(db):
    current = EventFactory(date=date(2021, 4, 21), is_current=True)

    assert (current.is_past, current.is_read_only) == (False, False)


def test_an_upcoming_edition_being_prepared_stays_editable(db):
    upcoming = EventFactory(date=date.today() + timedelta(days=300), is_current=False)

    assert (upcoming.is_past, upcoming.is_read_only) == (False, False)


# Every transition refuses a past edition, says why, and changes nothing.


def png(name="poster.png"):
    data = draw_poster("TorchTrace", ["Ada Lovelace"], "NLP", "#1f5f99")
    return SimpleUploadedFile(name, data, content_type="image/png")


TRANSITIONS = {
    "withdraw a poster": lambda e: posters.withdraw_poster(e.poster, by=e.submitter),
    "decide a poster": lambda e: posters.change_poster_status(
        e.waiting, "accepted", by=e.organizer
    ),
    "decide posters in bulk": lambda e: posters.change_poster_statuses(
        [e.waiting, e.poster], "rejected", by=e.organizer
    ),
    "edit a poster": lambda e: posters.update_poster(e.waiting, by=e.submitter, title="New"),
    "upload a poster image": lambda e: posters.attach_poster_image(e.poster, png(), by=e.submitter),
    "say when a poster is tended": lambda e: posters.set_tending(e.poster, [], by=e.submitter),
    "claim a poster": lambda e: posters.claim_poster(e.unclaimed, by=e.submitter),
    "renew an invitation link": lambda e: posters.renew_claim_link(e.unclaimed, by=e.organizer),
    "submit a poster": lambda e: posters.submit_poster(
        event=e.past,
        submitter=e.submitter,
        title="Late",
        summary="x" * 200,
        authors="Ada",
        topic=e.past.topics.first(),
    ),
    "propose a breakout": lambda e: sessions.propose_breakout(
        event=e.past, submitter=e.submitter, poster=e.poster, title="Late", format="demo"
    ),
    "withdraw a breakout": lambda e: sessions.change_breakout_status(
        e.breakout, "withdrawn", by=e.submitter
    ),
    "decide breakouts in bulk": lambda e: sessions.change_breakout_statuses(
        [e.breakout], "rejected", by=e.organizer
    ),
    "move a breakout": lambda e: sessions.move_breakout(
        e.breakout, track=e.track, room=e.room, starts_at=at(10), by=e.organizer
    ),
    "take a breakout off the schedule": lambda e: sessions.unschedule_breakout(
        e.breakout, by=e.organizer
    ),
    "place a breakout": lambda e: sessions.schedule_breakout(
        e.breakout, track=e.track, room=e.room, starts_at=at(11), by=e.organizer
    ),
    "release the schedule": lambda e: release_schedule(e.past, by=e.organizer, note="Again"),
    "withdraw a poster's breakouts": lambda e: sessions.withdraw_breakouts_of(
        e.waiting, by=e.organizer
    ),
    "move a session's breakout window": lambda e: change_breakout_window(
        e.track, starts_at=at(8), ends_at=at(13), by=e.organizer
    ),
    "change the breakout length": lambda e: change_breakout_length(
        e.past.breakout_settings, minutes=60, by=e.organizer
    ),
}


@pytest.mark.parametrize("transition", TRANSITIONS)
def test_every_transition_refuses_a_past_edition_with_the_reason_and_changes_nothing(
    editions, transition
):
    before = edition_rows(editions.past)

    with pytest.raises(frozen.PastEditionReadOnly) as refused:
        TRANSITIONS[transition](editions)

    assert str(refused.value) == READ_ONLY
    assert isinstance(refused.value, PermissionDenied)
    assert edition_rows(editions.past) == before
    assert emails_queued() == 0


def test_the_schedule_of_a_past_edition_cannot_be_released_again(editions, client):
    """The issue: a second 2021 release gave every calendar event a new SEQUENCE."""
    client.force_login(editions.organizer)
    calendar = client.get("/2021/schedule.ics").content

    response = client.post(
        f"/admin/breakouts/schedulerelease/add/?event={editions.past.pk}", {"note": "Again"}
    )

    assert response.status_code == 403
    assert READ_ONLY in response.content.decode()
    assert editions.past.schedule_releases.count() == 1
    assert client.get("/2021/schedule.ics").content == calendar


# The presenter: an accepted 2021 poster withdrawn from /me/.


def test_a_presenter_cannot_withdraw_an_accepted_poster_of_a_past_edition(
    editions, logged_in, queued_mail
):
    poster = editions.poster
    recap = Client().get("/2021/recap/").content

    response = logged_in.post(f"/me/posters/{poster.pk}/withdraw/")

    assert response.status_code == 403
    assert READ_ONLY in response.content.decode()
    assert PosterProposal.objects.get(pk=poster.pk).status == "accepted"
    assert BreakoutProposal.objects.get(pk=editions.breakout.pk).status == "accepted"
    assert list(queued_mail) == []
    assert Client().get(f"/2021/posters/{poster.pk}/").status_code == 200
    assert Client().get("/2021/recap/").content == recap


def test_a_past_editions_withdraw_page_says_why_instead_of_offering_the_button(editions, logged_in):
    page = logged_in.get(f"/me/posters/{editions.poster.pk}/withdraw/").content.decode()
    breakout_page = logged_in.get(
        f"/me/breakouts/{editions.breakout.pk}/withdraw/"
    ).content.decode()

    assert READ_ONLY in page and READ_ONLY in breakout_page
    assert "Yes, withdraw it" not in page + breakout_page


# My proposals, by edition.


def test_my_proposals_groups_them_by_edition_current_first_and_past_ones_read_only(
    editions, logged_in
):
    mine_now = PosterProposalFactory(
        event=editions.current, submitter=editions.submitter, title="TorchTrace 2"
    )

    response = logged_in.get("/me/")

    page = response.content.decode()
    assert [edition.event.name for edition in response.context["editions"]] == [
        "PyTorch Ecosystem Day Next",
        "PyTorch Ecosystem Day 2021",
    ]
    assert [edition.read_only for edition in response.context["editions"]] == [False, True]
    now, past = page.split(f'id="edition-{editions.past.pk}"')
    assert f'href="/me/posters/{mine_now.pk}/edit/">Edit</a>' in now
    assert f'href="/me/posters/{mine_now.pk}/withdraw/">Withdraw</a>' in now
    assert "Past edition: read-only" in past
    assert f'href="/me/posters/{editions.poster.pk}/">TorchTrace</a>' in past
    assert f'href="/2021/posters/{editions.poster.pk}/">Public page</a>' in past
    for action in ("withdraw/", "image/", "tending/", "edit/"):
        assert f"/me/posters/{editions.poster.pk}/{action}" not in page
        assert f"/me/posters/{editions.waiting.pk}/{action}" not in page


def test_a_past_editions_imported_poster_is_not_offered_to_claim(editions, logged_in):
    page = logged_in.get("/me/").content.decode()

    assert "Imported in 2021" not in page
    assert "Posters waiting for you" not in page


def make_proposals(edition, submitter, count):
    topic = edition.topics.first()
    posters = PosterProposal.objects.bulk_create(
        PosterProposal(
            event=edition,
            submitter=submitter,
            topic=topic,
            title=f"{edition.slug} poster {n}",
            summary="A summary.",
            authors="Ada Lovelace",
            status="accepted",
        )
        for n in range(count)
    )
    BreakoutProposal.objects.bulk_create(
        BreakoutProposal(
            event=edition,
            submitter=submitter,
            poster=poster,
            title=f"{edition.slug} breakout {n}",
            description="A demo.",
            format="demo",
        )
        for n, poster in enumerate(posters)
    )


@pytest.mark.parametrize("count", [10, 1000])
def test_my_proposals_in_two_editions_cost_the_same_queries_for_10_or_1000(
    editions, client, count, django_assert_max_num_queries
):
    for edition in (editions.current, editions.past):
        make_proposals(edition, editions.submitter, count // 2)
    client.force_login(editions.submitter)

    with django_assert_max_num_queries(7):
        response = client.get("/me/")

    page = response.content.decode()
    assert page.count('class="list-group-item py-3 breakout-item"') == count + 1
    assert page.count(">When I tend it</a>") == count // 2


# Reopening: a superuser's, with a reason, recorded; and closing again.


def test_a_superuser_reopens_a_past_edition_with_a_reason_that_is_recorded(
    editions, superuser, client
):
    client.force_login(superuser)
    url = f"/admin/ecosystem_day/event/{editions.past.pk}/reopen/"

    response = client.post(url, {"reason": "A recording link was wrong."})

    past = Event.objects.get(pk=editions.past.pk)
    assert response.status_code == 302
    assert (past.reopened_by, past.reopen_reason, past.is_read_only) == (
        superuser,
        "A recording link was wrong.",
        False,
    )
    entry = LogEntry.objects.get(object_id=str(past.pk), content_type__model="event")
    assert (entry.user, entry.change_message) == (
        superuser,
        "Reopened: A recording link was wrong.",
    )
    page = client.get(f"/admin/ecosystem_day/event/{past.pk}/change/").content.decode()
    assert "Past, reopened by Sue Superuser on " in page
    assert ": A recording link was wrong." in page
    assert "Close it again" in page


def test_a_reopened_edition_changes_and_closed_again_it_is_read_only_again(editions, superuser):
    frozen.reopen(editions.past, by=superuser, reason="Fix a wrong decision.")

    posters.change_poster_status(editions.waiting, "accepted", by=editions.organizer)
    frozen.close(editions.past, by=superuser, reason="Fixed.")

    assert PosterProposal.objects.get(pk=editions.waiting.pk).status == "accepted"
    with pytest.raises(frozen.PastEditionReadOnly):
        posters.withdraw_poster(editions.poster, by=editions.submitter)
    assert [entry.change_message for entry in frozen.history(editions.past)] == [
        "Closed again: Fixed.",
        "Reopened: Fix a wrong decision.",
    ]


def test_organizers_cannot_reopen_a_past_edition(editions, client):
    client.force_login(editions.organizer)

    response = client.post(
        f"/admin/ecosystem_day/event/{editions.past.pk}/reopen/", {"reason": "Please."}
    )

    assert response.status_code == 403
    assert "Only a superuser can reopen a past edition." in response.content.decode()
    with pytest.raises(PermissionDenied):
        frozen.reopen(editions.past, by=editions.organizer, reason="Please.")
    assert Event.objects.get(pk=editions.past.pk).is_read_only is True
    assert frozen.history(editions.past) == []


def test_a_reopening_needs_a_reason_and_a_past_edition(editions, superuser):
    with pytest.raises(ValidationError) as no_reason:
        frozen.reopen(editions.past, by=superuser, reason="  ")
    with pytest.raises(ValidationError) as not_past:
        frozen.reopen(editions.current, by=superuser, reason="Why not.")

    assert no_reason.value.message_dict == {
        "reason": ["Say why it is reopened: the reason is recorded."]
    }
    assert not_past.value.messages == [
        "PyTorch Ecosystem Day Next is not a past edition: it is not read-only."
    ]
    assert Event.objects.get(pk=editions.past.pk).reopened_at is None


# Commands and the admin's next edition.


def test_importing_a_catalogue_into_a_past_edition_is_refused_before_reading_it(editions, tmp_path):
    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text(
        "- title: TorchTrace\n  description: Rewritten.\n  authors: [Ada]\n"
        "  categories: [NLP]\n  section: A1\n",
        encoding="utf-8",
    )
    before = edition_rows(editions.past)

    for more in ([], ["--dry-run"]):
        with pytest.raises(CommandError) as refused:
            call_command(
                "import_posters", str(catalogue), "--event", "2021", *more, stdout=StringIO()
            )
        assert str(refused.value) == (
            f"{READ_ONLY} Nothing was imported; a superuser can reopen it in the admin."
        )

    assert edition_rows(editions.past) == before


def test_the_next_edition_cannot_be_started_on_a_day_that_is_over(editions, client):
    client.force_login(editions.organizer)

    response = client.post(
        f"/admin/ecosystem_day/event/{editions.current.pk}/next-edition/",
        {"name": "Back then", "slug": "back-then", "date": "2022-04-20"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["date"] == [
        "April 20, 2022 is over: an edition on that day would be a past edition, "
        "read-only from the start. Choose a day ahead."
    ]
    assert not Event.objects.filter(slug="back-then").exists()


def test_a_poster_of_a_past_edition_made_with_the_factory_is_read_only(db):
    """The factories build rows directly: only the transitions and the admin are guarded."""
    poster = AcceptedPosterFactory(event=EventFactory(date=date(2021, 4, 21), is_current=False))

    assert (poster.is_read_only, poster.can_be_withdrawn(), poster.can_be_edited()) == (
        True,
        False,
        False,
    )
