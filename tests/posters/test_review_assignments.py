"""Organizers assign reviewers to proposals (an action on the queue, an inline on the
proposal's page) or balance them over the edition: N per proposal, the reviewers with the
fewest assignments first, deterministic, never an author. Reviewers find what is assigned to
them on their desk, and "Save and next" takes it first."""

from datetime import timedelta

import pytest
from django.contrib.messages import constants as levels
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ecosystem_day.event.frozen import PastEditionReadOnly
from posters.assignments import assign, balance
from posters.call import call_for
from posters.models import PosterProposal, Review, ReviewAssignment
from posters.reviews import next_to_review
from sessions.models import BreakoutProposal, BreakoutReviewAssignment
from tests.admin_pages import messages_shown
from tests.ecosystem_day.past_edition import two_editions
from tests.factories import (
    BreakoutProposalFactory,
    PosterProposalFactory,
    ReviewFactory,
    UserFactory,
)
from tests.races import run_together

CHANGELIST = "/admin/posters/posterproposal/"


def pairs():
    return sorted(ReviewAssignment.objects.values_list("proposal__title", "reviewer__name"))


@pytest.fixture
def three_reviewers(db):
    return [UserFactory(name=name, groups=["Reviewers"]) for name in ("Ana", "Ben", "Cai")]


def four_posters(event, ana_wrote="P2"):
    return [
        PosterProposalFactory(
            event=event, title=title, authors="Ana" if title == ana_wrote else "Zed Zimmer"
        )
        for title in ("P1", "P2", "P3", "P4")
    ]


def test_balancing_gives_each_proposal_n_reviewers_the_least_loaded_first_never_its_author(
    event, organizer, three_reviewers
):
    four_posters(event)
    PosterProposalFactory(event=event, title="Decided", status="accepted")

    done = balance(PosterProposal, event, per_proposal=2, by=organizer)

    assert pairs() == [
        ("P1", "Ana"),
        ("P1", "Ben"),
        ("P2", "Ben"),
        ("P2", "Cai"),
        ("P3", "Ana"),
        ("P3", "Cai"),
        ("P4", "Ana"),
        ("P4", "Ben"),
    ]
    assert (len(done.made), done.short) == (8, [])


def test_balancing_again_counts_who_is_there_and_adds_nobody(event, organizer, three_reviewers):
    ana, ben, _cai = three_reviewers
    p1, *_ = four_posters(event)
    assign(PosterProposal, [p1], [ben], by=organizer)

    balance(PosterProposal, event, per_proposal=2, by=organizer)
    again = balance(PosterProposal, event, per_proposal=2, by=organizer)

    assert again.made == []
    counts = {title: 0 for title in ("P1", "P2", "P3", "P4")}
    for title, _name in pairs():
        counts[title] += 1
    assert counts == {"P1": 2, "P2": 2, "P3": 2, "P4": 2}
    assert ("P1", "Ben") in pairs()


def test_a_proposal_without_enough_reviewers_who_did_not_write_it_is_reported_short(
    event, organizer
):
    ana = UserFactory(name="Ana", groups=["Reviewers"])
    PosterProposalFactory(event=event, title="Ana's", authors="Ana")

    done = balance(PosterProposal, event, per_proposal=1, by=organizer)

    assert ([p.title for p in done.short], done.made) == (["Ana's"], [])
    assert not ReviewAssignment.objects.filter(reviewer=ana).exists()


@pytest.mark.django_db(transaction=True)
def test_two_organizers_balancing_at_once_give_n_per_proposal_not_twice_n(event):
    for name in ("Ana", "Ben", "Cai", "Dee"):
        UserFactory(name=name, groups=["Reviewers"])
    first, second = UserFactory(groups=["Organizers"]), UserFactory(groups=["Organizers"])
    for n in range(12):
        PosterProposalFactory(event=event, title=f"P{n}")

    outcomes = run_together(
        lambda: balance(PosterProposal, event, per_proposal=2, by=first),
        lambda: balance(PosterProposal, event, per_proposal=2, by=second),
    )

    assert sorted(len(outcome.made) for outcome in outcomes) == [0, 24]
    per_proposal = {
        pk: ReviewAssignment.objects.filter(proposal_id=pk).count()
        for pk in PosterProposal.objects.values_list("pk", flat=True)
    }
    assert set(per_proposal.values()) == {2}


def test_assigning_leaves_out_an_author_and_keeps_what_was_there(event, organizer):
    ana, ben = (UserFactory(name=n, groups=["Reviewers"]) for n in ("Ana", "Ben"))
    p1, p2 = (PosterProposalFactory(event=event, title=t, authors="Ana") for t in ("P1", "P2"))
    p2.authors = "Someone"
    p2.save()
    assign(PosterProposal, [p2], [ben], by=organizer)

    done = assign(PosterProposal, [p1, p2], [ana, ben], by=organizer)

    assert [(p.title, r.name) for p, r in done.authors] == [("P1", "Ana")]
    assert (len(done.made), done.already) == (2, 1)
    assert pairs() == [("P1", "Ben"), ("P2", "Ana"), ("P2", "Ben")]


def test_only_organizers_assign_and_never_in_a_past_edition(reviewer, organizer):
    past = two_editions(UserFactory(), organizer)
    event = past.current
    poster = PosterProposalFactory(event=event)

    with pytest.raises(PermissionDenied):
        assign(PosterProposal, [poster], [reviewer], by=reviewer)
    with pytest.raises(PermissionDenied):
        balance(PosterProposal, event, per_proposal=1, by=reviewer)
    with pytest.raises(PastEditionReadOnly):
        assign(PosterProposal, [past.waiting], [reviewer], by=organizer)
    assert ReviewAssignment.objects.filter(reviewer=reviewer).count() == 0


def test_the_queues_action_asks_for_the_reviewers_then_assigns_them(
    client, event, organizer, three_reviewers
):
    ana, ben, _cai = three_reviewers
    p1, p2, *_ = four_posters(event)
    client.force_login(organizer)
    ticked = {"action": "assign_reviewers", "_selected_action": [p1.pk, p2.pk]}

    asked = client.post(f"{CHANGELIST}?event__id__exact={event.pk}", ticked)
    done = client.post(
        f"{CHANGELIST}?event__id__exact={event.pk}",
        {**ticked, "post": "yes", "reviewers": [ana.pk, ben.pk]},
        follow=True,
    )

    assert asked.status_code == 200
    assert asked.context["title"] == "Assign reviewers to 2 poster proposals"
    assert [u.name for u in asked.context["form"].fields["reviewers"].queryset] == [
        "Ana",
        "Ben",
        "Cai",
    ]
    assert pairs() == [("P1", "Ana"), ("P1", "Ben"), ("P2", "Ben")]
    assert messages_shown(done) == [
        (levels.SUCCESS, "3 assignment(s) made."),
        (levels.WARNING, "Ana was not assigned “P2”: they wrote it."),
    ]


def test_the_balance_page_balances_the_edition_shown_for_organizers_only(
    client, event, organizer, reviewer, three_reviewers
):
    four_posters(event)
    client.force_login(reviewer)
    assert client.get(f"{CHANGELIST}balance/").status_code == 403
    client.force_login(organizer)

    page = client.get(f"{CHANGELIST}balance/?event__id__exact={event.pk}")
    response = client.post(f"{CHANGELIST}balance/?event__id__exact={event.pk}", {"per_proposal": 3})

    assert page.context["form"].initial == {"per_proposal": call_for(event).reviews_wanted}
    assert response.status_code == 302
    # four reviewers (Ravi too): three each, and P2's are the three who did not write it
    assert ReviewAssignment.objects.count() == 12
    assert [name for title, name in pairs() if title == "P2"] == ["Ben", "Cai", "Ravi Reviewer"]


def test_the_inline_on_the_proposals_page_assigns_through_the_same_rule(
    client, event, organizer, three_reviewers
):
    ana, ben, _cai = three_reviewers
    p1, p2, *_ = four_posters(event)
    client.force_login(organizer)

    def save(poster, reviewer):
        page = client.get(f"{CHANGELIST}{poster.pk}/change/")
        form = page.context["adminform"].form
        data = {
            name: value
            for name, value in form.initial.items()
            if name in form.fields and value is not None and name not in ("extra_topics",)
        }
        data.update(topic=poster.topic_id, **{"tending_tracks": []})
        data = {k: v for k, v in data.items() if v != []}
        for prefix in ("assignments", "status_changes", "edits"):
            data[f"{prefix}-TOTAL_FORMS"] = 1 if prefix == "assignments" else 0
            data[f"{prefix}-INITIAL_FORMS"] = 0
        data["assignments-0-reviewer"] = reviewer.pk
        return client.post(f"{CHANGELIST}{poster.pk}/change/", data)

    saved = save(p1, ben)
    refused = save(p2, ana)

    assert saved.status_code == 302
    assert [(a.reviewer, a.assigned_by) for a in ReviewAssignment.objects.all()] == [
        (ben, organizer)
    ]
    assert refused.status_code == 200
    [errors] = [f.errors for f in refused.context["inline_admin_formsets"][0].formset.forms]
    assert errors == {"reviewer": ["You wrote “P2” (or co-wrote it): someone else reviews it."]}


def test_my_desk_counts_what_is_assigned_to_me_and_the_queue_lists_it(
    client, event, organizer, three_reviewers
):
    ana, ben, _cai = three_reviewers
    p1, p2, p3, _p4 = four_posters(event, ana_wrote="")
    assign(PosterProposal, [p1, p3], [ana], by=organizer)
    ReviewFactory(proposal=p3, reviewer=ana)
    client.force_login(ana)

    desk = client.get("/admin/")
    queue = client.get(CHANGELIST, {"status": "awaiting", "reviews": "assigned"})

    item = next(i for i in desk.context["work"] if i.label == "Posters assigned to you")
    assert item.count == 1
    assert [row.title for row in queue.context["cl"].result_list] == ["P1"]
    assert queue.context["title"] == f"Posters assigned to you — {event.name}"
    assert queue.context["my_reviews"] == {"done": 1, "awaiting": 4, "assigned": 1}


def test_save_and_next_takes_what_is_assigned_to_me_first(event, organizer, three_reviewers):
    ana = three_reviewers[0]
    now = timezone.now()
    posters = four_posters(event, ana_wrote="")
    for age, poster in enumerate(posters):  # P1 the newest: the queue's top
        PosterProposal.objects.filter(pk=poster.pk).update(created_at=now - timedelta(hours=age))
    p1, p2, p3, p4 = PosterProposal.objects.order_by("title")
    assign(PosterProposal, [p4], [ana], by=organizer)

    assert next_to_review(p1, Review, ana) == p4
    ReviewFactory(proposal=p4, reviewer=ana)
    assert next_to_review(p1, Review, ana) == p2


def test_breakouts_are_balanced_by_the_same_rule(event, organizer, three_reviewers):
    breakout = BreakoutProposalFactory(event=event)

    balance(BreakoutProposal, event, per_proposal=2, by=organizer)

    assert sorted(
        BreakoutReviewAssignment.objects.filter(proposal=breakout).values_list(
            "reviewer__name", flat=True
        )
    ) == ["Ana", "Ben"]
