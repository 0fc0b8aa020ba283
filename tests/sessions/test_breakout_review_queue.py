"""Breakouts in the organizers' panel work like posters: list, reviews, decisions, history."""

from datetime import UTC, datetime

from django.contrib.messages import constants as message_levels

from sessions.models import BreakoutProposal, BreakoutReview, BreakoutStatusChange
from tests.admin_pages import column_headers, messages_shown, rows, titles_listed
from tests.factories import BreakoutProposalFactory, BreakoutReviewFactory, TrackFactory

CHANGELIST = "/admin/breakouts/breakoutproposal/"
REVIEW_ADD = "/admin/breakouts/breakoutreview/add/"
ALREADY_REVIEWED = "You have already reviewed this proposal: edit your review instead."

Status = BreakoutProposal.Status


def test_the_breakout_queue_shows_title_format_status_reviews_and_mean_score(
    client, organizer, event
):
    track = TrackFactory(event=event, name="Morning (EMEA)")
    breakout = BreakoutProposalFactory(
        event=event,
        title="Profiling in practice",
        format=BreakoutProposal.Format.TUTORIAL,
        preferred_track=track,
    )
    BreakoutProposal.objects.filter(pk=breakout.pk).update(
        created_at=datetime(2021, 4, 1, 17, 30, tzinfo=UTC)
    )
    BreakoutReviewFactory(proposal=breakout, score=3)
    BreakoutReviewFactory(proposal=breakout, score=4)
    client.force_login(organizer)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert column_headers(response) == [
        "Title",
        "Presenter",
        "Format",
        "Prefers",
        "Status",
        "Scheduled",
        "Submitted",
        "Reviews",
        "Mean score",
    ]
    [row] = rows(response)
    assert row["title"] == "Profiling in practice"
    assert row["format"] == "Tutorial"
    assert row["prefers"] == "Morning (EMEA)"
    assert row["status_badge"] == "Submitted"
    assert row["submitted"] == "Apr 1, 2021 10:30 PDT"
    assert row["review_count"] == "2"
    assert row["mean_score"] == "3.5"


def test_a_breakout_without_reviews_shows_no_mean_score(client, organizer, event):
    BreakoutProposalFactory(event=event)
    client.force_login(organizer)

    [row] = rows(client.get(CHANGELIST))

    assert (row["review_count"], row["mean_score"]) == ("0", "—")


def test_the_bulk_accept_action_accepts_records_and_emails_each_breakout_once(
    client, organizer, event, django_capture_on_commit_callbacks, queued_mail
):
    first = BreakoutProposalFactory(event=event, title="First breakout")
    second = BreakoutProposalFactory(event=event, title="Second breakout")
    gone = BreakoutProposalFactory(event=event, title="Gone breakout", status=Status.WITHDRAWN)
    client.force_login(organizer)
    selection = {"action": "accept", "_selected_action": [first.pk, second.pk, gone.pk]}

    asked = client.post(f"{CHANGELIST}?status=all", {**selection, "index": 0})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{CHANGELIST}?status=all",
            {
                **selection,
                "post": "yes",
                **{f"seen-{b.pk}": b.status for b in (first, second, gone)},
            },
            follow=True,
        )

    assert [row.title for row in asked.context["changing"]] == ["Second breakout", "First breakout"]
    assert [row.title for row in asked.context["staying"]] == ["Gone breakout"]
    assert response.status_code == 200
    for breakout in (first, second, gone):
        breakout.refresh_from_db()
    assert (first.status, second.status, gone.status) == (
        Status.ACCEPTED,
        Status.ACCEPTED,
        Status.WITHDRAWN,
    )
    changes = BreakoutStatusChange.objects.order_by("proposal__title")
    assert [
        (change.proposal.title, change.from_status, change.to_status, change.changed_by)
        for change in changes
    ] == [
        ("First breakout", "submitted", "accepted", organizer),
        ("Second breakout", "submitted", "accepted", organizer),
    ]
    assert sorted(message.subject for message in queued_mail) == [
        "Your breakout was accepted: First breakout",
        "Your breakout was accepted: Second breakout",
    ]
    assert messages_shown(response) == [
        (
            message_levels.SUCCESS,
            "2 proposal(s) now accepted; 2 submitter(s) are being emailed, once each.",
        ),
        (message_levels.WARNING, "“Gone breakout” is withdrawn; it cannot become accepted."),
    ]


def test_accepting_twice_in_bulk_emails_the_proposer_once(
    client, organizer, event, django_capture_on_commit_callbacks, queued_mail
):
    breakout = BreakoutProposalFactory(event=event, title="Once only")
    client.force_login(organizer)
    form = {
        "action": "accept",
        "_selected_action": [breakout.pk],
        "post": "yes",
        f"seen-{breakout.pk}": "submitted",
    }

    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHANGELIST, form, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(CHANGELIST, form, follow=True)

    assert [message.subject for message in queued_mail] == ["Your breakout was accepted: Once only"]
    assert BreakoutStatusChange.objects.filter(proposal=breakout).count() == 1
    assert messages_shown(again) == [
        (
            message_levels.WARNING,
            "“Once only” became accepted while you were confirming: someone else decided it "
            "first, so it was left as it is.",
        )
    ]


def test_deciding_one_breakout_with_a_note_records_it_and_emails_it(
    client, organizer, submitter, event, django_capture_on_commit_callbacks, queued_mail
):
    breakout = BreakoutProposalFactory(
        event=event, poster__submitter=submitter, title="Too much for 40 minutes"
    )
    note = "Could you make it a demo of one feature instead?"
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{CHANGELIST}{breakout.pk}/decide/", {"to_status": "waitlisted", "note": note}
        )

    assert response.status_code == 302
    assert response.url == f"{CHANGELIST}{breakout.pk}/change/"
    breakout.refresh_from_db()
    assert breakout.status == Status.WAITLISTED
    [change] = BreakoutStatusChange.objects.filter(proposal=breakout)
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        "submitted",
        "waitlisted",
        organizer,
        note,
    )
    [message] = queued_mail
    assert message.subject == "Your breakout is on the waiting list: Too much for 40 minutes"
    assert message.to == ["sam@example.org"]
    assert note in message.body
    page = client.get(response.url)
    assert page.status_code == 200
    assert note in page.content.decode()
    assert [str(m) for m in page.context["messages"]] == [
        "“Too much for 40 minutes” is now wait-listed; the submitter is being emailed."
    ]


def test_the_decide_page_shows_the_decision_form_for_a_breakout(client, organizer, event):
    breakout = BreakoutProposalFactory(event=event, title="Decide me")
    client.force_login(organizer)

    response = client.get(f"{CHANGELIST}{breakout.pk}/decide/")

    assert response.status_code == 200
    assert response.context["proposal"] == breakout
    assert list(response.context["form"].fields) == ["to_status", "note"]


def test_a_reviewer_adds_a_breakout_review_that_is_saved_as_theirs(client, reviewer, event):
    breakout = BreakoutProposalFactory(event=event)
    client.force_login(reviewer)

    response = client.post(
        REVIEW_ADD, {"proposal": breakout.pk, "score": 5, "comment": "A crowd pleaser."}
    )

    assert response.status_code == 302
    [review] = BreakoutReview.objects.all()
    assert (review.proposal, review.reviewer, review.score, review.comment) == (
        breakout,
        reviewer,
        5,
        "A crowd pleaser.",
    )


def test_a_second_review_of_the_same_breakout_by_the_same_reviewer_is_refused(
    client, reviewer, event
):
    breakout = BreakoutProposalFactory(event=event)
    BreakoutReviewFactory(proposal=breakout, reviewer=reviewer, score=2)
    client.force_login(reviewer)

    response = client.post(
        REVIEW_ADD, {"proposal": breakout.pk, "score": 5, "comment": "Changed my mind."}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [ALREADY_REVIEWED]
    assert ALREADY_REVIEWED in response.content.decode()
    assert BreakoutReview.objects.get().score == 2


def test_a_reviewer_sees_the_breakout_queue_but_no_decision_actions(client, reviewer, event):
    BreakoutProposalFactory(event=event, title="To review")
    client.force_login(reviewer)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert titles_listed(response) == ["To review"]
    assert 'value="accept"' not in response.content.decode()


def test_a_reviewer_cannot_open_or_post_the_breakout_decide_page(
    client, reviewer, event, django_capture_on_commit_callbacks, queued_mail
):
    breakout = BreakoutProposalFactory(event=event)
    client.force_login(reviewer)

    assert client.get(f"{CHANGELIST}{breakout.pk}/decide/").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{CHANGELIST}{breakout.pk}/decide/", {"to_status": "accepted"})

    assert response.status_code == 403
    breakout.refresh_from_db()
    assert breakout.status == Status.SUBMITTED
    assert BreakoutStatusChange.objects.count() == 0
    assert queued_mail == []


def test_a_reviewer_cannot_accept_breakouts_through_a_forged_bulk_action(
    client, reviewer, event, django_capture_on_commit_callbacks, queued_mail
):
    breakout = BreakoutProposalFactory(event=event)
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHANGELIST, {"action": "accept", "_selected_action": [breakout.pk], "index": 0})

    breakout.refresh_from_db()
    assert breakout.status == Status.SUBMITTED
    assert queued_mail == []


def test_a_non_staff_user_is_sent_away_from_the_breakout_queue(client, submitter, event):
    breakout = BreakoutProposalFactory(event=event)
    client.force_login(submitter)

    queue = client.get(CHANGELIST)
    decide = client.get(f"{CHANGELIST}{breakout.pk}/decide/")

    assert (queue.status_code, queue.url) == (
        302,
        f"/admin/login/?next={CHANGELIST}",
    )
    assert (decide.status_code, decide.url) == (
        302,
        f"/admin/login/?next={CHANGELIST}{breakout.pk}/decide/",
    )


def test_a_reviewer_reviews_a_breakout_on_its_page_and_save_and_next_opens_the_next(
    client, reviewer, event
):
    older = BreakoutProposalFactory(event=event, title="Older breakout")
    newer = BreakoutProposalFactory(event=event, title="Newer breakout")
    BreakoutProposal.objects.filter(pk=older.pk).update(created_at=datetime(2021, 3, 1, tzinfo=UTC))
    client.force_login(reviewer)

    page = client.get(f"{CHANGELIST}{newer.pk}/change/").content.decode()
    response = client.post(
        f"{CHANGELIST}{newer.pk}/review/",
        {"review-score": "5", "review-comment": "Would fill a room.", "_next": "1"},
    )

    assert f"<dd>{newer.poster.title}</dd>" in page
    assert 'name="review-score"' in page
    assert (response.status_code, response.url) == (302, f"{CHANGELIST}{older.pk}/change/")
    assert list(BreakoutReview.objects.values_list("proposal", "reviewer", "score")) == [
        (newer.pk, reviewer.pk, 5)
    ]
