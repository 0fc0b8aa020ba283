"""Only presenters of an accepted poster propose breakouts, and only while proposals are open."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from sessions.breakout_settings import breakout_settings_for
from sessions.models import BreakoutProposal, BreakoutStatusChange
from tests.factories import (
    AcceptedPosterFactory,
    EventFactory,
    PosterProposalFactory,
    TrackFactory,
    UserFactory,
    set_edition_settings,
)
from tests.sessions.helpers import open_for_breakouts

URL = "/breakouts/propose/"
LA = ZoneInfo("America/Los_Angeles")
DEADLINE = datetime(2021, 4, 10, 23, 59, 59, tzinfo=LA)
UNDER_REVIEW = (
    "Breakouts are for presenters of an accepted poster, and your poster is still being "
    "reviewed. We will email you the decision; if it is accepted, come back here."
)
PROPOSE_A_POSTER_FIRST = (
    "Breakouts are for presenters of an accepted poster. Propose a poster first; once it is "
    "accepted you can propose a breakout."
)


@pytest.fixture
def event(event):
    """The conftest event with breakout proposals open for three more days."""
    return open_for_breakouts(event)


@pytest.fixture
def tracks(event):
    return [
        TrackFactory(event=event, name="Morning (EMEA)", slug="morning", position=1),
        TrackFactory(event=event, name="Evening (APAC / US)", slug="evening", position=2),
    ]


def breakout_data(poster, **changes):
    return {
        "poster": poster.pk,
        "title": "Tracing PyTorch models live",
        "description": "We trace three real models and answer questions.",
        "format": "demo",
        "preferred_track": "",
        **changes,
    }


def test_anonymous_visitors_are_sent_to_log_in(client, event):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={URL}"


def test_an_anonymous_post_is_sent_to_log_in_and_saves_nothing(client, poster):
    response = client.post(URL, breakout_data(poster))

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={URL}"
    assert BreakoutProposal.objects.count() == 0


def test_the_form_offers_my_accepted_posters_the_formats_and_the_sessions(
    logged_in, event, submitter, poster, tracks
):
    AcceptedPosterFactory(event=event, submitter=submitter, title="Another accepted one")
    PosterProposalFactory(event=event, submitter=submitter, title="Still under review")
    AcceptedPosterFactory(event=event, title="Somebody else's poster")

    response = logged_in.get(URL)

    assert response.status_code == 200
    form = response.context["form"]
    assert [p.title for p in form.fields["poster"].queryset] == [
        "Another accepted one",
        "TorchTrace",
    ]
    assert list(form.fields["format"].choices) == [
        ("talk", "Talk"),
        ("demo", "Demo"),
        ("tutorial", "Tutorial"),
        ("discussion", "Discussion"),
    ]
    assert [label for _, label in form.fields["preferred_track"].choices] == [
        "No preference",
        "Morning (EMEA)",
        "Evening (APAC / US)",
    ]
    page = response.content.decode()
    assert page.count('type="radio"') == 4
    assert 'name="format" value="tutorial"' in page
    assert "Somebody else" not in page
    assert "Still under review" not in page


def test_the_form_page_says_how_long_a_breakout_is_and_when_proposals_close(
    logged_in, event, poster
):
    set_edition_settings(event, breakout_minutes=45)

    page = logged_in.get(URL).content.decode()

    assert "<strong>45-minute</strong> breakout" in page
    assert "Every breakout lasts 45 minutes, questions included." in page
    deadline = breakout_settings_for(event).deadline.astimezone(UTC).isoformat()
    assert f'<time datetime="{deadline}" data-times="event">' in page
    assert "40 minutes" not in page


def test_a_user_without_a_poster_is_told_to_propose_one_first(logged_in, event):
    response = logged_in.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert PROPOSE_A_POSTER_FIRST in page
    assert '<a class="btn btn-accent" href="/posters/submit/">Propose a poster</a>' in page
    assert 'name="title"' not in page


def test_after_the_call_closes_a_user_without_a_poster_is_sent_to_their_proposals(logged_in, event):
    set_edition_settings(event, cfp_deadline=timezone.now() - timedelta(days=1))

    response = logged_in.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Breakouts are for presenters of an accepted poster, and you have none for "
        "PyTorch Ecosystem Day 2021." in page
    )
    assert 'href="/posters/submit/"' not in page
    assert '<a class="btn btn-outline-secondary" href="/me/">See my proposals</a>' in page


@pytest.mark.parametrize("status", ["submitted", "waitlisted"])
def test_a_user_whose_poster_is_under_review_is_told_to_wait_for_the_decision(
    logged_in, event, submitter, status
):
    PosterProposalFactory(event=event, submitter=submitter, status=status)

    response = logged_in.get(URL)

    assert response.status_code == 200
    assert UNDER_REVIEW in response.content.decode()
    assert response.context["form"] is None


@pytest.mark.parametrize("status", ["submitted", "waitlisted", "rejected", "withdrawn"])
def test_a_post_for_a_poster_that_is_not_accepted_is_refused_and_saves_nothing(
    logged_in, event, submitter, status, queued_mail, django_capture_on_commit_callbacks
):
    poster = PosterProposalFactory(event=event, submitter=submitter, status=status)

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(URL, breakout_data(poster))

    assert response.status_code == 403
    page = response.content.decode()
    assert "Your breakout could not be proposed" in page
    assert "Nothing was saved." in page
    expected = UNDER_REVIEW if status in ("submitted", "waitlisted") else PROPOSE_A_POSTER_FIRST
    assert expected in page
    assert BreakoutProposal.objects.count() == 0
    assert queued_mail == []


@pytest.mark.parametrize("status", ["rejected", "withdrawn"])
def test_a_user_whose_poster_was_rejected_or_withdrawn_sees_why_they_cannot_propose(
    logged_in, event, submitter, status
):
    PosterProposalFactory(event=event, submitter=submitter, status=status)

    response = logged_in.get(URL)

    assert response.status_code == 200
    assert PROPOSE_A_POSTER_FIRST in response.content.decode()
    assert response.context["form"] is None


def test_a_post_with_someone_elses_accepted_poster_is_refused_and_saves_nothing(logged_in, event):
    theirs = AcceptedPosterFactory(event=event, title="Not mine")

    response = logged_in.post(URL, breakout_data(theirs))

    assert response.status_code == 403
    assert PROPOSE_A_POSTER_FIRST in response.content.decode()
    assert BreakoutProposal.objects.count() == 0


def test_a_presenter_cannot_attach_a_breakout_to_someone_elses_poster(logged_in, event, poster):
    theirs = AcceptedPosterFactory(event=event, title="Not mine")

    response = logged_in.post(URL, breakout_data(theirs))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "poster": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert BreakoutProposal.objects.count() == 0


def test_an_accepted_poster_of_another_edition_does_not_open_the_gate(logged_in, event, submitter):
    old_edition = EventFactory(name="PyTorch Ecosystem Day 2020", is_current=False)
    old = AcceptedPosterFactory(event=old_edition, submitter=submitter)

    get = logged_in.get(URL)
    post = logged_in.post(URL, breakout_data(old))

    assert PROPOSE_A_POSTER_FIRST in get.content.decode()
    assert post.status_code == 403
    assert BreakoutProposal.objects.count() == 0


def test_before_organizers_open_breakouts_the_page_says_so_and_a_post_is_refused(
    logged_in, event, poster
):
    set_edition_settings(event, breakout_deadline=None)

    get = logged_in.get(URL)
    post = logged_in.post(URL, breakout_data(poster))

    assert get.status_code == 200
    assert "Breakout proposals are not open yet." in get.content.decode()
    assert 'name="title"' not in get.content.decode()
    assert post.status_code == 403
    assert "Breakout proposals are not open yet." in post.content.decode()
    assert BreakoutProposal.objects.count() == 0


def test_after_the_deadline_the_page_says_when_it_closed_and_a_post_is_refused(
    logged_in, event, poster, time_machine
):
    set_edition_settings(
        event, breakout_deadline=DEADLINE, cfp_deadline=DEADLINE - timedelta(days=30)
    )
    time_machine.move_to(DEADLINE + timedelta(seconds=1), tick=False)
    closed = (
        "Breakout proposals closed on Saturday, April 10, 2021, 11:59:59 PM PDT "
        "(America/Los_Angeles)."
    )

    get = logged_in.get(URL)
    post = logged_in.post(URL, breakout_data(poster))

    assert get.status_code == 200
    assert closed in get.content.decode()
    assert post.status_code == 403
    assert closed in post.content.decode()
    assert BreakoutProposal.objects.count() == 0


def test_a_proposal_sent_in_the_deadlines_last_second_is_accepted(
    logged_in, event, poster, time_machine
):
    set_edition_settings(
        event, breakout_deadline=DEADLINE, cfp_deadline=DEADLINE - timedelta(days=30)
    )
    time_machine.move_to(DEADLINE, tick=False)

    response = logged_in.post(URL, breakout_data(poster))

    assert response.status_code == 302
    assert BreakoutProposal.objects.count() == 1


def test_a_proposal_is_saved_recorded_and_confirmed_by_email(
    logged_in, event, submitter, poster, tracks, queued_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(
            URL, breakout_data(poster, format="tutorial", preferred_track=tracks[1].pk)
        )

    breakout = BreakoutProposal.objects.get()
    assert response.status_code == 302
    assert response.url == f"/me/breakouts/{breakout.pk}/"
    assert (
        breakout.event,
        breakout.submitter,
        breakout.poster,
        breakout.title,
        breakout.description,
        breakout.format,
        breakout.preferred_track,
        breakout.status,
    ) == (
        event,
        submitter,
        poster,
        "Tracing PyTorch models live",
        "We trace three real models and answer questions.",
        "tutorial",
        tracks[1],
        "submitted",
    )
    history = list(
        BreakoutStatusChange.objects.values_list("changed_by", "from_status", "to_status")
    )
    assert history == [(submitter.pk, "", "submitted")]
    assert [(m.to, m.subject) for m in queued_mail] == [
        (["sam@example.org"], "We received your breakout proposal: Tracing PyTorch models live")
    ]
    page = logged_in.get(response.url).content.decode()
    assert "Thank you: your breakout “Tracing PyTorch models live” is proposed." in page


def test_no_preference_leaves_the_preferred_session_empty(logged_in, poster, tracks):
    logged_in.post(URL, breakout_data(poster))

    assert BreakoutProposal.objects.get().preferred_track is None


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"title": "   "}, "title", "This field is required."),
        ({"description": ""}, "description", "This field is required."),
        (
            {"format": "keynote"},
            "format",
            "Select a valid choice. keynote is not one of the available choices.",
        ),
        (
            {"title": "x" * 201},
            "title",
            "Ensure this value has at most 200 characters (it has 201).",
        ),
    ],
)
def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(
    logged_in, poster, changes, field, error
):
    response = logged_in.post(URL, breakout_data(poster, **changes))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [error]}
    assert BreakoutProposal.objects.count() == 0


def test_a_session_of_another_edition_is_refused(logged_in, poster, tracks):
    other_track = TrackFactory(event=EventFactory(is_current=False), name="Elsewhere")

    response = logged_in.post(URL, breakout_data(poster, preferred_track=other_track.pk))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "preferred_track": [
            "Select a valid choice. That choice is not one of the available choices."
        ]
    }
    assert BreakoutProposal.objects.count() == 0


def test_a_user_whose_account_has_no_posters_at_all_cannot_post_a_made_up_poster_id(client, event):
    client.force_login(UserFactory())

    response = client.post(URL, {"poster": 999999, "title": "x", "format": "talk"})

    assert response.status_code == 403
    assert BreakoutProposal.objects.count() == 0
