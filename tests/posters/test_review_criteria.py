"""An edition's reviews score its own criteria, 1 to 5 each, beside the overall score: the
form on the proposal's page asks for each (required, marked), the decision shows the mean of
each, and a review saved before the edition had criteria keeps its overall score alone."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ecosystem_day.event.frozen import PastEditionReadOnly
from posters.models import Review, ReviewScore, ReviewSettings
from posters.reviews import save_review
from tests.admin_pages import _text
from tests.factories import EventFactory, PosterProposalFactory, ReviewFactory, UserFactory

CHANGELIST = "/admin/posters/posterproposal/"


def criteria(event, *names):
    settings = ReviewSettings.objects.create(event=event)
    return [
        settings.criteria.create(name=name, help_text=f"About {name.lower()}.", position=n)
        for n, name in enumerate(names)
    ]


def test_the_form_asks_for_the_overall_score_then_each_criterion_all_marked_required(
    client, reviewer, event
):
    depth, clarity = criteria(event, "Technical depth", "Clarity")
    proposal = PosterProposalFactory(event=event)
    client.force_login(reviewer)

    content = client.get(f"{CHANGELIST}{proposal.pk}/change/").content.decode()

    side = content.split('<div class="desk-side">')[1]
    legends = [_text(legend) for legend in re.findall(r"<legend>(.*?)</legend>", side, re.S)]
    assert legends[:3] == ["Overall score *", "Technical depth *", "Clarity *"]
    assert "About technical depth." in side
    radios = re.findall(r'<input type="radio" name="([\w-]+)" value="(\d)"[^>]* required', side)
    assert sorted({name for name, _value in radios}) == sorted(
        ["review-score", f"review-criterion_{depth.pk}", f"review-criterion_{clarity.pk}"]
    )


def test_saving_the_form_keeps_a_score_for_each_criterion(client, reviewer, event):
    depth, clarity = criteria(event, "Technical depth", "Clarity")
    proposal = PosterProposalFactory(event=event)
    client.force_login(reviewer)

    response = client.post(
        f"{CHANGELIST}{proposal.pk}/review/",
        {
            "review-score": "4",
            f"review-criterion_{depth.pk}": "5",
            f"review-criterion_{clarity.pk}": "3",
            "review-comment": "Deep, a little dense.",
        },
    )

    assert response.status_code == 302
    [review] = Review.objects.filter(proposal=proposal)
    assert review.score == 4
    assert list(review.criterion_scores.values_list("criterion__name", "score")) == [
        ("Technical depth", 5),
        ("Clarity", 3),
    ]


def test_a_criterion_left_unscored_is_refused_on_the_form_and_nothing_is_saved(
    client, reviewer, event
):
    depth, clarity = criteria(event, "Technical depth", "Clarity")
    proposal = PosterProposalFactory(event=event)
    client.force_login(reviewer)

    response = client.post(
        f"{CHANGELIST}{proposal.pk}/review/",
        {"review-score": "4", f"review-criterion_{depth.pk}": "5", "review-comment": "Deep."},
    )

    assert response.status_code == 200
    assert response.context["review_form"].errors == {
        f"criterion_{clarity.pk}": ["This field is required."]
    }
    assert Review.objects.count() == 0


def test_save_review_refuses_scores_that_miss_or_stray_from_the_editions_criteria(event, reviewer):
    (depth,) = criteria(event, "Technical depth")
    (elsewhere,) = criteria(EventFactory(is_current=False), "Clarity")
    proposal = PosterProposalFactory(event=event)

    for scores in ({}, {depth.pk: 4, elsewhere.pk: 4}):
        with pytest.raises(ValidationError):
            save_review(Review, proposal, reviewer=reviewer, score=4, comment="x", scores=scores)
    with pytest.raises(ValidationError):
        save_review(Review, proposal, reviewer=reviewer, score=4, comment="x", scores={depth.pk: 9})
    assert ReviewScore.objects.count() == 0


def test_the_decision_shows_each_criterions_mean_and_an_older_review_counts_for_the_overall_only(
    client, organizer, event
):
    proposal = PosterProposalFactory(event=event)
    older = ReviewFactory(proposal=proposal, reviewer=UserFactory(name="Ada"), score=2)
    depth, clarity = criteria(event, "Technical depth", "Clarity")
    for name, overall, scores in (("Bo", 5, (5, 4)), ("Cy", 4, (4, 1))):
        save_review(
            Review,
            proposal,
            reviewer=UserFactory(name=name, groups=["Reviewers"]),
            score=overall,
            comment="Read.",
            scores={depth.pk: scores[0], clarity.pk: scores[1]},
        )
    client.force_login(organizer)

    content = client.get(f"{CHANGELIST}{proposal.pk}/change/").content.decode()

    panel = content.split('<section class="decision-panel"')[1].split("</section>")[0]
    means = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", panel.split('class="criteria-means"')[1])
    assert [(name, _text(value)) for name, value in means] == [
        ("Technical depth", "4.5 of 5 (2 reviews)"),
        ("Clarity", "2.5 of 5 (2 reviews)"),
    ]
    assert 'mean score <strong class="reviews-mean">3.7</strong>' in panel
    rows = re.findall(r"<tr><td>(\w+)</td>(.*?)</tr>", panel)
    cells = {name: re.findall(r'<td class="score">(.*?)</td>', rest) for name, rest in rows}
    assert cells == {"Ada": ["2", "—", "—"], "Bo": ["5", "5", "4"], "Cy": ["4", "4", "1"]}
    assert older.criterion_scores.count() == 0


def test_an_older_review_edited_now_is_asked_for_each_criterion(client, reviewer, event):
    proposal = PosterProposalFactory(event=event)
    ReviewFactory(proposal=proposal, reviewer=reviewer, score=3)
    (depth,) = criteria(event, "Technical depth")
    client.force_login(reviewer)

    refused = client.post(
        f"{CHANGELIST}{proposal.pk}/review/", {"review-score": "4", "review-comment": "Again."}
    )
    saved = client.post(
        f"{CHANGELIST}{proposal.pk}/review/",
        {"review-score": "4", f"review-criterion_{depth.pk}": "3", "review-comment": "Again."},
    )

    assert refused.status_code == 200
    assert saved.status_code == 302
    assert list(ReviewScore.objects.values_list("review__score", "score")) == [(4, 3)]


def test_organizers_set_up_an_editions_criteria_in_the_admin(client, organizer, event):
    client.force_login(organizer)
    form = {
        "event": event.pk,
        "blind": "on",
        "criteria-TOTAL_FORMS": 2,
        "criteria-INITIAL_FORMS": 0,
        "criteria-0-name": "Clarity",
        "criteria-0-help_text": "Could a visitor grasp it?",
        "criteria-0-position": 2,
        "criteria-1-name": "Technical depth",
        "criteria-1-position": 1,
    }

    response = client.post("/admin/posters/reviewsettings/add/", form)

    assert response.status_code == 302
    settings = ReviewSettings.of(event)
    assert settings.blind is True
    assert [c.name for c in settings.criteria.all()] == ["Technical depth", "Clarity"]


def test_a_past_editions_criteria_and_reviews_stay_as_they_are(client, organizer, reviewer):
    past = EventFactory(is_current=False, date=date(2021, 4, 21))
    (depth,) = criteria(past, "Technical depth")
    proposal = PosterProposalFactory(event=past)
    client.force_login(organizer)

    page = client.get(f"/admin/posters/reviewsettings/{ReviewSettings.of(past).pk}/change/")

    assert page.context["has_change_permission"] is False
    with pytest.raises(PastEditionReadOnly):
        save_review(Review, proposal, reviewer=reviewer, score=4, comment="x", scores={depth.pk: 4})
