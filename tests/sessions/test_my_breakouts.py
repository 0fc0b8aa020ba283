"""A proposer follows and withdraws their own breakouts, and finds them on "My proposals"."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from posters.models import PosterProposal
from sessions.models import BreakoutProposal, BreakoutStatusChange
from tests.factories import (
    BreakoutProposalFactory,
    PosterProposalFactory,
    RoomFactory,
    ScheduledBreakoutFactory,
    TrackFactory,
    UserFactory,
    set_edition_settings,
)
from tests.sessions.helpers import open_for_breakouts


@pytest.fixture
def event(event):
    return open_for_breakouts(event)


@pytest.fixture
def breakout(event, poster):
    breakout = BreakoutProposalFactory(
        event=event,
        poster=poster,
        title="Tracing PyTorch models live",
        format="tutorial",
        preferred_track=TrackFactory(event=event, name="Morning (EMEA)", slug="morning"),
    )
    breakout.status_changes.create(changed_by=poster.submitter, to_status="submitted")
    return breakout


def test_the_breakout_page_shows_status_format_poster_session_and_history(logged_in, breakout):
    response = logged_in.get(f"/me/breakouts/{breakout.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<span class="badge status-badge status-submitted">Submitted</span>' in page
    assert "Tutorial · 40 minutes" in page
    assert f'<a href="/me/posters/{breakout.poster.pk}/">TorchTrace</a>' in page
    assert "Morning (EMEA)" in page
    assert [str(change) for change in response.context["history"]] == ["— → Submitted"]
    assert response.context["schedule_item"] is None
    assert "Scheduled" not in page


def test_a_breakout_without_a_preferred_session_says_no_preference(logged_in, event, poster):
    breakout = BreakoutProposalFactory(event=event, poster=poster, preferred_track=None)

    page = logged_in.get(breakout.get_absolute_url()).content.decode()

    assert '<dd class="col-sm-9">No preference</dd>' in page


def test_a_scheduled_breakout_shows_its_time_and_room(logged_in, event, poster):
    event.date = date(2021, 4, 21)
    event.save()
    item = ScheduledBreakoutFactory(
        event=event,
        breakout=BreakoutProposalFactory(event=event, poster=poster, status="accepted"),
        room=RoomFactory(event=event, name="Room Turing"),
        track=TrackFactory(event=event, name="Morning (EMEA)", slug="morning"),
    )

    page = logged_in.get(item.breakout.get_absolute_url()).content.decode()

    assert (
        "Wednesday, April 21, 2021, 9:00:00 AM PDT (America/Los_Angeles)</time></span>"
        " · Morning (EMEA) · room <strong>Room Turing</strong>" in page
    )
    assert f'<a href="/schedule/{item.pk}/">Its page in the schedule</a>' in page


def test_the_withdraw_page_asks_for_confirmation_and_changes_nothing(logged_in, breakout):
    response = logged_in.get(f"/me/breakouts/{breakout.pk}/withdraw/")

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        'Withdraw the breakout “<span class="text-break">Tracing PyTorch models live</span>”?'
        in page
    )
    breakout.refresh_from_db()
    assert breakout.status == "submitted"


def test_withdrawing_a_breakout_records_it_and_emails_the_proposer(
    logged_in, breakout, submitter, queued_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(f"/me/breakouts/{breakout.pk}/withdraw/")

    assert response.status_code == 302
    assert response.url == "/me/"
    breakout.refresh_from_db()
    assert breakout.status == "withdrawn"
    history = list(
        BreakoutStatusChange.objects.values_list("changed_by", "from_status", "to_status")
    )
    assert history == [(submitter.pk, "", "submitted"), (submitter.pk, "submitted", "withdrawn")]
    assert [(m.to, m.subject) for m in queued_mail] == [
        (["sam@example.org"], "Your breakout was withdrawn: Tracing PyTorch models live")
    ]
    assert PosterProposal.objects.get().status == "accepted"
    page = logged_in.get("/me/").content.decode()
    assert "The breakout “Tracing PyTorch models live” is withdrawn." in page


def test_withdrawing_twice_says_it_is_already_withdrawn_and_sends_one_email(
    logged_in, breakout, queued_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(f"/me/breakouts/{breakout.pk}/withdraw/")
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(f"/me/breakouts/{breakout.pk}/withdraw/")

    assert len(queued_mail) == 1
    page = logged_in.get("/me/").content.decode()
    assert "“Tracing PyTorch models live” is withdrawn; it cannot become withdrawn." in page


OWNER_PAGES = ["/me/breakouts/{pk}/", "/me/breakouts/{pk}/withdraw/"]


@pytest.mark.parametrize("address", OWNER_PAGES)
def test_another_user_cannot_see_someone_elses_breakout(client, breakout, address):
    client.force_login(UserFactory(email="mallory@example.org"))

    response = client.get(address.format(pk=breakout.pk))

    assert response.status_code == 404


def test_another_user_cannot_withdraw_someone_elses_breakout(
    client, breakout, queued_mail, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(email="mallory@example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/me/breakouts/{breakout.pk}/withdraw/")

    assert response.status_code == 404
    breakout.refresh_from_db()
    assert breakout.status == "submitted"
    assert queued_mail == []


@pytest.mark.parametrize("address", OWNER_PAGES)
def test_anonymous_visitors_are_sent_to_log_in_for_breakout_pages(client, breakout, address):
    url = address.format(pk=breakout.pk)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


def test_my_proposals_lists_my_breakouts_with_status_and_links(logged_in, event, poster):
    mine = BreakoutProposalFactory(event=event, poster=poster, title="Mine, proposed")
    BreakoutProposalFactory(event=event, poster=poster, title="Mine, accepted", status="accepted")
    BreakoutProposalFactory(event=event, title="Somebody else's breakout")

    response = logged_in.get("/me/")

    shown = [(b.title, b.get_status_display()) for b in response.context["breakouts"]]
    assert sorted(shown) == [("Mine, accepted", "Accepted"), ("Mine, proposed", "Submitted")]
    page = response.content.decode()
    assert "Somebody else" not in page
    assert (
        f'<a class="fw-semibold text-break" href="/me/breakouts/{mine.pk}/">Mine, proposed</a>'
        in page
    )
    assert '<span class="badge status-badge status-accepted">Accepted</span>' in page


def test_my_proposals_offers_a_breakout_to_presenters_of_an_accepted_poster(logged_in, poster):
    page = logged_in.get("/me/").content.decode()

    assert '<a class="btn btn-accent" href="/breakouts/propose/">Propose a breakout</a>' in page


def test_my_proposals_links_each_accepted_poster_to_its_image_tending_and_public_page(
    logged_in, poster
):
    page = logged_in.get("/me/").content.decode()

    assert f'href="/me/posters/{poster.pk}/image/">Poster image</a>' in page
    assert f'href="/me/posters/{poster.pk}/tending/">When I tend it</a>' in page
    assert f'href="/posters/{poster.pk}/">Public page</a>' in page


def test_a_poster_under_review_has_no_image_tending_or_public_links(logged_in, event, submitter):
    waiting = PosterProposalFactory(event=event, submitter=submitter)

    page = logged_in.get("/me/").content.decode()

    assert f"/me/posters/{waiting.pk}/image/" not in page
    assert f"/me/posters/{waiting.pk}/tending/" not in page
    assert f'href="/posters/{waiting.pk}/"' not in page


@pytest.mark.parametrize("status", ["submitted", "waitlisted", "rejected", "withdrawn"])
def test_my_proposals_offers_no_breakout_without_an_accepted_poster(
    logged_in, event, submitter, status
):
    PosterProposalFactory(event=event, submitter=submitter, status=status)

    page = logged_in.get("/me/").content.decode()

    assert ">Propose a breakout</a>" not in page
    assert "You have not proposed a breakout." in page


def test_my_proposals_offers_no_breakout_once_proposals_are_closed(logged_in, event, poster):
    set_edition_settings(event, breakout_deadline=timezone.now() - timedelta(seconds=1))

    page = logged_in.get("/me/").content.decode()

    assert ">Propose a breakout</a>" not in page


def make_posters_and_breakouts(event, submitter, count):
    template = PosterProposalFactory.build(event=event, submitter=submitter)
    posters = PosterProposal.objects.bulk_create(
        PosterProposal(
            event=event,
            submitter=submitter,
            topic=event.topics.first(),
            title=f"Poster {n}",
            summary=template.summary,
            authors=template.authors,
            status="accepted",
        )
        for n in range(count)
    )
    BreakoutProposal.objects.bulk_create(
        BreakoutProposal(
            event=event,
            submitter=submitter,
            poster=poster,
            title=f"Breakout {n}",
            description="A demo.",
            format="demo",
        )
        for n, poster in enumerate(posters)
    )


@pytest.mark.parametrize("count", [10, 1000])
def test_my_proposals_with_breakouts_costs_the_same_queries_for_10_or_1000(
    client, event, submitter, count, django_assert_max_num_queries
):
    make_posters_and_breakouts(event, submitter, count)
    client.force_login(submitter)

    with django_assert_max_num_queries(7):
        response = client.get("/me/")

    page = response.content.decode()
    assert page.count('class="list-group-item py-3 breakout-item"') == count
    assert page.count(">When I tend it</a>") == count
    assert '<a class="btn btn-accent" href="/breakouts/propose/">Propose a breakout</a>' in page
