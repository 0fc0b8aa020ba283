"""Nobody reviews, nor is assigned, a proposal they wrote: its submitter, and an author whose
name is the reviewer's full name (spaces and case aside). Breakouts: their presenter and their
poster's authors. The rule is posters/conflicts.py; save_review and the assignments keep it,
whatever the page."""

import pytest
from django.core.exceptions import ValidationError

from posters.conflicts import is_author, proposals_authored_by
from posters.models import PosterProposal, Review
from posters.reviews import next_to_review, save_review
from sessions.models import BreakoutProposal, BreakoutReview
from tests.factories import (
    AcceptedPosterFactory,
    BreakoutProposalFactory,
    PosterProposalFactory,
    UserFactory,
)

CHANGELIST = "/admin/posters/posterproposal/"


@pytest.fixture
def grace(db):
    return UserFactory(name="Grace  HOPPER", groups=["Reviewers"])


def test_the_submitter_and_an_author_by_full_name_wrote_it_and_nobody_else(event, grace):
    submitted = PosterProposalFactory(event=event, submitter=grace, authors="Someone Else")
    coauthored = PosterProposalFactory(event=event, authors="Ada Lovelace\n  grace hopper ")
    namesake = PosterProposalFactory(event=event, authors="Grace Hopperson\nGrace")
    stranger = UserFactory(name="")

    assert set(proposals_authored_by(PosterProposal, grace)) == {submitted, coauthored}
    assert (is_author(grace, namesake), is_author(stranger, coauthored)) == (False, False)


def test_a_breakouts_authors_are_its_presenter_and_its_posters_authors(event, grace):
    poster = AcceptedPosterFactory(event=event, authors="Ada Lovelace\nGrace Hopper")
    breakout = BreakoutProposalFactory(event=event, poster=poster)

    assert list(proposals_authored_by(BreakoutProposal, grace)) == [breakout]
    assert is_author(breakout.submitter, breakout) is True
    assert is_author(UserFactory(name="Alan Turing"), breakout) is False


def test_save_review_refuses_an_author_whoever_calls_it(event, grace, organizer):
    poster = PosterProposalFactory(event=event, authors="Grace Hopper")
    breakout = BreakoutProposalFactory(
        event=event, poster=AcceptedPosterFactory(event=event, authors="Grace Hopper")
    )

    for model, proposal, by in ((Review, poster, None), (BreakoutReview, breakout, organizer)):
        with pytest.raises(ValidationError, match="You wrote"):
            save_review(model, proposal, reviewer=grace, by=by, score=5, comment="Mine.")
    assert (Review.objects.count(), BreakoutReview.objects.count()) == (0, 0)


def test_an_author_sees_no_review_form_and_a_post_is_refused_on_the_page(client, event, grace):
    poster = PosterProposalFactory(event=event, authors="Grace Hopper")
    client.force_login(grace)

    page = client.get(f"{CHANGELIST}{poster.pk}/change/")
    posted = client.post(
        f"{CHANGELIST}{poster.pk}/review/", {"review-score": "5", "review-comment": "Great!"}
    )

    assert page.context["review_form"] is None
    assert "You wrote this proposal (or co-wrote it)" in page.content.decode()
    assert posted.status_code == 200
    assert posted.context["review_form"].non_field_errors() == [
        f"You wrote “{poster.title}” (or co-wrote it): someone else reviews it."
    ]
    assert Review.objects.count() == 0


def test_what_i_wrote_is_not_in_my_queue_nor_next_after_saving(client, event, grace):
    mine = PosterProposalFactory(event=event, title="Mine", authors="Grace Hopper")
    other = PosterProposalFactory(event=event, title="Theirs")
    client.force_login(grace)

    listed = client.get(CHANGELIST, {"reviews": "not-mine"}).context["cl"].result_list

    assert [row.title for row in listed] == ["Theirs"]
    assert next_to_review(other, Review, grace) is None
    assert mine.status == "submitted"


def test_the_reviews_own_add_page_refuses_an_author_with_the_reason(client, event, grace):
    poster = PosterProposalFactory(event=event, authors="Grace Hopper")
    client.force_login(grace)

    response = client.post(
        "/admin/posters/review/add/", {"proposal": poster.pk, "score": 5, "comment": "Mine."}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        f"You wrote “{poster.title}” (or co-wrote it): someone else reviews it."
    ]
    assert Review.objects.count() == 0
