"""Reviewers score proposals in the admin: one review each, 1 to 5, their own to edit."""

import pytest
from django.db import IntegrityError, transaction

from posters.models import Review
from tests.factories import PosterProposalFactory, ReviewFactory, UserFactory

REVIEW_ADD = "/admin/posters/review/add/"
ALREADY_REVIEWED = "You have already reviewed this proposal: edit your review instead."


def test_a_reviewer_adds_a_review_that_is_saved_as_theirs(client, reviewer, event):
    proposal = PosterProposalFactory(event=event)
    client.force_login(reviewer)

    response = client.post(
        REVIEW_ADD, {"proposal": proposal.pk, "score": 4, "comment": "Useful and well scoped."}
    )

    assert response.status_code == 302
    [review] = Review.objects.all()
    assert (review.proposal, review.reviewer, review.score, review.comment) == (
        proposal,
        reviewer,
        4,
        "Useful and well scoped.",
    )


def test_the_admin_form_refuses_a_second_review_of_the_same_proposal(client, reviewer, event):
    proposal = PosterProposalFactory(event=event)
    ReviewFactory(proposal=proposal, reviewer=reviewer, score=3)
    client.force_login(reviewer)

    response = client.post(
        REVIEW_ADD, {"proposal": proposal.pk, "score": 5, "comment": "Changed my mind."}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [ALREADY_REVIEWED]
    assert ALREADY_REVIEWED in response.content.decode()
    assert Review.objects.get().score == 3


def test_another_reviewer_may_review_the_same_proposal(client, reviewer, event):
    proposal = PosterProposalFactory(event=event)
    ReviewFactory(proposal=proposal, score=3)
    client.force_login(reviewer)

    response = client.post(REVIEW_ADD, {"proposal": proposal.pk, "score": 5, "comment": "Great."})

    assert response.status_code == 302
    assert Review.objects.filter(proposal=proposal).count() == 2


def test_the_database_refuses_a_second_review_by_the_same_reviewer(reviewer, event):
    proposal = PosterProposalFactory(event=event)
    Review.objects.create(proposal=proposal, reviewer=reviewer, score=3, comment="First.")

    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(proposal=proposal, reviewer=reviewer, score=4, comment="Second.")

    assert Review.objects.filter(proposal=proposal).count() == 1


@pytest.mark.parametrize("score", [0, 6])
def test_the_database_refuses_a_score_outside_1_to_5(reviewer, event, score):
    proposal = PosterProposalFactory(event=event)

    with pytest.raises(IntegrityError, match="review_score_1_to_5"), transaction.atomic():
        Review.objects.create(proposal=proposal, reviewer=reviewer, score=score, comment="Odd.")

    assert Review.objects.count() == 0


@pytest.mark.parametrize("score", [1, 5])
def test_the_database_accepts_the_scores_at_both_ends(reviewer, event, score):
    proposal = PosterProposalFactory(event=event)

    Review.objects.create(proposal=proposal, reviewer=reviewer, score=score, comment="Edge.")

    assert Review.objects.get().score == score


def test_a_reviewer_cannot_change_another_reviewers_review(client, reviewer, event):
    someone_else = UserFactory(groups=["Reviewers"])
    review = ReviewFactory(proposal=PosterProposalFactory(event=event), reviewer=someone_else)
    client.force_login(reviewer)

    response = client.post(
        f"/admin/posters/review/{review.pk}/change/",
        {"proposal": review.proposal.pk, "score": 1, "comment": "Overruled."},
    )

    assert response.status_code == 403
    review.refresh_from_db()
    assert (review.score, review.comment, review.reviewer) == (4, "Clear and useful.", someone_else)


def test_a_reviewer_can_change_their_own_review(client, reviewer, event):
    review = ReviewFactory(proposal=PosterProposalFactory(event=event), reviewer=reviewer)
    client.force_login(reviewer)

    response = client.post(
        f"/admin/posters/review/{review.pk}/change/",
        {"proposal": review.proposal.pk, "score": 2, "comment": "On second reading, thin."},
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.score, review.comment) == (2, "On second reading, thin.")


def test_an_organizer_can_change_any_review_and_it_stays_the_reviewers(
    client, organizer, reviewer, event
):
    review = ReviewFactory(proposal=PosterProposalFactory(event=event), reviewer=reviewer)
    client.force_login(organizer)

    response = client.post(
        f"/admin/posters/review/{review.pk}/change/",
        {"proposal": review.proposal.pk, "score": 5, "comment": "Corrected a typo."},
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.score, review.comment, review.reviewer) == (5, "Corrected a typo.", reviewer)
