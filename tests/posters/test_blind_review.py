"""Blind review: where an edition says so, a reviewer (not an organizer) finds no author,
submitter, presenter or revealing link anywhere they can reach on the desk: the queues, their
search and filters, the autocomplete, the proposal's page and its history, the reviews' list,
the exports. Organizers, and reviewers of an open edition, see them all."""

import json

import pytest

from posters.assignments import assign
from posters.models import PosterProposal, ReviewSettings
from posters.reviews import save_review
from posters.services import change_poster_status
from sessions.models import BreakoutReview
from tests.factories import (
    AcceptedPosterFactory,
    BreakoutProposalFactory,
    PosterProposalFactory,
    ReviewFactory,
    UserFactory,
)

POSTERS = "/admin/posters/posterproposal/"
BREAKOUTS = "/admin/breakouts/breakoutproposal/"
REVEALING = ("Ada Lovelace", "Alan Turing", "Sam Author", "sam@example.org", "github.com/sam")


@pytest.fixture
def call(event, organizer):
    """A blind edition with a poster awaiting review, one withdrawn by its submitter, an
    accepted one with a breakout awaiting review, each written by Sam, Ada and Alan."""
    ReviewSettings.objects.create(event=event, blind=True)
    sam = UserFactory(name="Sam Author", email="sam@example.org")
    made = {
        name: PosterProposalFactory(
            event=event,
            submitter=sam,
            title=f"Poster {name}",
            link="https://github.com/sam/project",
            authors="Ada Lovelace\nAlan Turing",
            status=status,
        )
        for name, status in (("waiting", "submitted"), ("gone", "submitted"))
    }
    change_poster_status(made["gone"], "withdrawn", by=sam)
    made["accepted"] = AcceptedPosterFactory(
        event=event, submitter=sam, authors="Ada Lovelace", link="https://github.com/sam/x"
    )
    made["breakout"] = BreakoutProposalFactory(event=event, poster=made["accepted"])
    ReviewFactory(proposal=made["waiting"], reviewer=organizer, comment="Strong.")
    save_review(
        BreakoutReview,
        made["breakout"],
        reviewer=organizer,
        score=4,
        comment="Would fill a room.",
    )
    return made


def reachable(call, event):
    """Every page of the desk a reviewer reaches about these proposals."""
    e = f"event__id__exact={event.pk}"
    return {
        "queue": f"{POSTERS}?{e}&status=all",
        "queue searched by author": f"{POSTERS}?{e}&status=all&q=Lovelace",
        "queue searched by link": f"{POSTERS}?{e}&status=all&q=github",
        "queue not reviewed": f"{POSTERS}?{e}&status=awaiting&reviews=not-mine",
        "queue assigned to me": f"{POSTERS}?{e}&status=awaiting&reviews=assigned",
        "waiting page": f"{POSTERS}{call['waiting'].pk}/change/",
        "withdrawn page and its history": f"{POSTERS}{call['gone'].pk}/change/",
        "accepted page": f"{POSTERS}{call['accepted'].pk}/change/",
        "breakouts": f"{BREAKOUTS}?{e}&status=all",
        "breakouts searched by presenter": f"{BREAKOUTS}?{e}&status=all&q=Sam",
        "breakout page": f"{BREAKOUTS}{call['breakout'].pk}/change/",
        "reviews": "/admin/posters/review/",
        "reviews searched": "/admin/posters/review/?q=Lovelace",
        "breakout reviews": "/admin/breakouts/breakoutreview/",
        "desk": "/admin/",
    }


def test_a_reviewer_of_a_blind_edition_finds_no_author_on_any_page_they_reach(
    client, reviewer, organizer, event, call
):
    assign(PosterProposal, [call["waiting"]], [reviewer], by=organizer)
    client.force_login(reviewer)

    shown = {}
    for name, url in reachable(call, event).items():
        response = client.get(url)
        assert response.status_code == 200, name
        content = response.content.decode()
        shown[name] = [word for word in REVEALING if word in content]

    assert shown == {name: [] for name in shown}


def test_a_blind_reviewers_search_by_an_authors_name_finds_nothing(client, reviewer, event, call):
    client.force_login(reviewer)

    searched = client.get(POSTERS, {"status": "all", "q": "Lovelace"})
    by_presenter = client.get(BREAKOUTS, {"status": "all", "q": "Sam"})
    completed = client.get(
        "/admin/autocomplete/",
        {"app_label": "posters", "model_name": "review", "field_name": "proposal", "term": "Ada"},
    )

    assert searched.context["cl"].result_count == 0
    assert by_presenter.context["cl"].result_count == 0
    assert json.loads(completed.content)["results"] == []


def test_a_blind_reviewer_cannot_export_the_posters(client, reviewer, event, call):
    client.force_login(reviewer)

    queue = client.get(POSTERS, {"status": "all"})
    exported = client.post(
        f"{POSTERS}?status=all",
        {"action": "export_csv", "_selected_action": [call["waiting"].pk]},
    )

    assert queue.context["action_form"] is None  # a reviewer's list has no actions at all
    assert "text/csv" not in exported.get("Content-Type", "")
    assert not any(word in exported.content.decode() for word in REVEALING)


def test_organizers_see_the_authors_of_a_blind_edition(client, organizer, event, call):
    client.force_login(organizer)

    queue = client.get(POSTERS, {"status": "all", "q": "Lovelace"}).content.decode()
    page = client.get(f"{POSTERS}{call['waiting'].pk}/change/").content.decode()
    breakout = client.get(f"{BREAKOUTS}{call['breakout'].pk}/change/").content.decode()

    assert "Ada Lovelace" in queue
    assert ("Ada Lovelace" in page, "https://github.com/sam/project" in page) == (True, True)
    assert "Sam Author" in breakout


def test_a_reviewer_of_an_open_edition_sees_the_authors(client, reviewer, event, call):
    ReviewSettings.objects.filter(event=event).update(blind=False)
    client.force_login(reviewer)

    queue = client.get(POSTERS, {"status": "all", "q": "Lovelace"})
    page = client.get(f"{POSTERS}{call['waiting'].pk}/change/").content.decode()

    assert queue.context["cl"].result_count == 3
    assert "Ada Lovelace, Alan Turing" in page
