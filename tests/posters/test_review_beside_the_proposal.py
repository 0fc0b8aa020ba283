"""A reviewer reviews on the proposal's own page, beside its summary: required fields marked,
"Save and next" opens the next proposal of the edition awaiting their review, and the
reviews with their mean head the decision."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import constants as message_levels
from django.utils import timezone

from posters.models import PosterProposal, Review, StatusChange
from posters.reviews import save_review
from tests.admin_pages import _text, messages_shown
from tests.factories import EventFactory, PosterProposalFactory, ReviewFactory, UserFactory

CHANGELIST = "/admin/posters/posterproposal/"


def page_of(proposal):
    return f"{CHANGELIST}{proposal.pk}/change/"


def review_of(proposal):
    return f"{CHANGELIST}{proposal.pk}/review/"


def queue(event, titles):
    """Proposals awaiting a decision, the first title the newest (the queue's top)."""
    now = timezone.now()
    made = []
    for age, title in enumerate(titles):
        proposal = PosterProposalFactory(event=event, title=title)
        PosterProposal.objects.filter(pk=proposal.pk).update(
            created_at=now - timedelta(hours=age + 1)
        )
        made.append(proposal)
    return made


def test_the_review_form_sits_beside_the_summary_with_its_required_fields_marked(
    client, reviewer, event
):
    proposal = PosterProposalFactory(
        event=event, title="Fast tokenizers", summary="Tokenizers in Rust, bound to PyTorch. " * 4
    )
    client.force_login(reviewer)

    content = client.get(page_of(proposal)).content.decode()

    desk = content.split('<div class="desk-proposal">')[1].split('id="posterproposal_form"')[0]
    brief, side = desk.split('<div class="desk-side">')
    assert "Tokenizers in Rust, bound to PyTorch." in brief
    assert re.findall(r'name="review-score" value="(\d)"', side) == ["1", "2", "3", "4", "5"]
    assert _text(side.split("<legend>")[1].split("</legend>")[0]) == "Score *"
    assert _text(re.search(r'<label for="id_review-comment">(.*?)</label>', side).group(1)) == (
        "Comment *"
    )
    required = re.findall(r'<(?:input|textarea) [^>]*name="([\w-]+)"[^>]* required', side)
    assert required == ["review-score"] * 5 + ["review-comment"]
    assert re.findall(r'<input type="submit"[^>]*value="([^"]+)"', side)[:2] == [
        "Save and next",
        "Save",
    ]
    assert content.count("<h1>") == 1
    assert "<h1>Fast tokenizers</h1>" in content


def test_save_and_next_saves_the_review_and_opens_the_next_one_awaiting_my_review(
    client, reviewer, event
):
    first, done, third = queue(event, ["First", "Reviewed already", "Third"])
    ReviewFactory(proposal=done, reviewer=reviewer)
    PosterProposalFactory(event=event, title="Decided", status="accepted")
    other_edition = EventFactory(is_current=False, name="PyTorch Ecosystem Day 2027")
    PosterProposalFactory(event=other_edition, title="Next year's")
    client.force_login(reviewer)

    response = client.post(
        review_of(first),
        {"review-score": "4", "review-comment": "Clear and useful.", "_next": "Save and next"},
    )

    assert (response.status_code, response.url) == (302, page_of(third))
    [review] = Review.objects.filter(proposal=first)
    assert (review.reviewer, review.score, review.comment) == (reviewer, 4, "Clear and useful.")
    assert StatusChange.objects.count() == 0  # a review changes no status


def test_the_last_review_lands_on_the_queue_ranked_by_mean_score(client, reviewer, event):
    low, high = queue(event, ["Low", "High"])
    ReviewFactory(proposal=low, score=2)
    ReviewFactory(proposal=high, score=5)
    ReviewFactory(proposal=high, reviewer=reviewer, score=5)
    client.force_login(reviewer)

    response = client.post(
        review_of(low), {"review-score": "1", "review-comment": "Thin.", "_next": "1"}, follow=True
    )

    [(url, _status)] = response.redirect_chain
    # a reviewer's list has no tick boxes: the mean score is its 7th column
    assert url == f"{CHANGELIST}?event__id__exact={event.pk}&status=awaiting&o=-7"
    assert [row.title for row in response.context["cl"].result_list] == ["High", "Low"]
    assert messages_shown(response) == [
        (message_levels.SUCCESS, "Your review of “Low” is saved."),
        (
            message_levels.INFO,
            f"You have reviewed every proposal awaiting a decision in {event.name}: here they "
            "are, the highest mean score first.",
        ),
    ]


def test_save_keeps_the_page_and_a_second_save_changes_the_same_review(client, reviewer, event):
    proposal = PosterProposalFactory(event=event)
    client.force_login(reviewer)

    first = client.post(review_of(proposal), {"review-score": "2", "review-comment": "Thin."})
    again = client.post(review_of(proposal), {"review-score": "3", "review-comment": "Better."})

    assert (first.url, again.url) == (page_of(proposal), page_of(proposal))
    assert list(Review.objects.values_list("reviewer", "score", "comment")) == [
        (reviewer.pk, 3, "Better.")
    ]


def test_a_review_missing_its_score_is_shown_again_with_the_error_and_the_comment_kept(
    client, reviewer, event
):
    proposal = PosterProposalFactory(event=event)
    client.force_login(reviewer)

    response = client.post(review_of(proposal), {"review-comment": "Typed, not lost.", "_next": 1})

    assert response.status_code == 200
    assert response.context["review_form"].errors == {"score": ["This field is required."]}
    assert "Typed, not lost.</textarea>" in response.content.decode()
    assert Review.objects.count() == 0


def test_the_reviews_and_their_mean_head_the_decision(client, organizer, event):
    proposal = PosterProposalFactory(event=event)
    ReviewFactory(proposal=proposal, reviewer=UserFactory(name="Ada"), score=2, comment="Thin.")
    ReviewFactory(proposal=proposal, reviewer=UserFactory(name="Bo"), score=5, comment="Great.")
    client.force_login(organizer)

    content = client.get(page_of(proposal)).content.decode()

    panel = content.split('<section class="decision-panel"')[1].split("</section>")[0]
    summary, form = panel.split('<form method="post"')
    counted = _text(summary.split("<p>")[1].split("</p>")[0])
    assert counted == "2 reviews of 2 wanted · mean score 3.5 of 5"
    assert sorted(_text(row) for row in re.findall(r"<tr><td>(.*?)</tr>", summary, re.S)) == [
        "Ada 2 Thin.",
        "Bo 5 Great.",
    ]
    assert 'name="to_status"' in form


def test_a_reviewer_cannot_review_a_past_editions_proposal(client, reviewer):
    past = EventFactory(
        is_current=False, date=(timezone.now() - timedelta(days=400)).date(), name="2021"
    )
    proposal = PosterProposalFactory(event=past)
    client.force_login(reviewer)

    page = client.get(page_of(proposal))
    refused = client.post(review_of(proposal), {"review-score": "4", "review-comment": "Late."})

    assert page.context["review_form"] is None
    assert refused.status_code == 403
    assert Review.objects.count() == 0


def test_someone_who_is_not_a_reviewer_cannot_review(client, event):
    staff = UserFactory(is_staff=True)
    proposal = PosterProposalFactory(event=event)
    client.force_login(staff)

    response = client.post(review_of(proposal), {"review-score": "4", "review-comment": "Hi."})

    assert response.status_code == 403
    assert Review.objects.count() == 0


def test_save_review_refuses_a_reviewer_changing_someone_elses_review(reviewer, event):
    from django.core.exceptions import PermissionDenied

    proposal = PosterProposalFactory(event=event)
    other = UserFactory(groups=["Reviewers"])
    ReviewFactory(proposal=proposal, reviewer=other, score=4)

    with pytest.raises(PermissionDenied, match="Only organizers change another reviewer"):
        save_review(Review, proposal, reviewer=other, by=reviewer, score=1, comment="No.")

    assert Review.objects.get().score == 4
