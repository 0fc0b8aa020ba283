"""The Django admin as the organizers' review queue: list, filters, decisions, history."""

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from post_office.models import EmailTemplate

from posters.models import PosterProposal, StatusChange
from tests.admin_pages import column_headers, rows, titles_listed
from tests.factories import (
    AcceptedPosterFactory,
    EventFactory,
    PosterProposalFactory,
    ReviewFactory,
    set_edition_settings,
)

CHANGELIST = "/admin/posters/posterproposal/"

Status = PosterProposal.Status


def test_a_non_staff_user_is_sent_to_the_admin_login(client, submitter):
    client.force_login(submitter)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url == "/admin/login/?next=/admin/"


def test_the_queue_shows_title_authors_topic_status_date_reviews_and_mean_score(
    client, organizer, event
):
    proposal = PosterProposalFactory(
        event=event,
        title="Fast tokenizers",
        authors="Ada Lovelace\nAlan Turing",
        topic=event.topics.get(name="NLP"),
        board_code="B7",
    )
    PosterProposal.objects.filter(pk=proposal.pk).update(
        created_at=datetime(2021, 3, 8, 12, 0, tzinfo=UTC)
    )
    ReviewFactory(proposal=proposal, score=2)
    ReviewFactory(proposal=proposal, score=5)
    client.force_login(organizer)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert column_headers(response) == [
        "Title",
        "Board",
        "Authors",
        "Topic",
        "Status",
        "Submitted",
        "Reviews",
        "Mean score",
    ]
    [row] = rows(response)
    assert row["title"] == "Fast tokenizers"
    assert row["board_code"] == "B7"
    assert row["authors_short"] == "Ada Lovelace, Alan Turing"
    assert row["topic"] == "NLP"
    assert row["status_badge"] == "Submitted"
    assert '<span class="status-badge status-submitted">Submitted</span>' in (
        response.content.decode()
    )
    assert row["submitted"] == "Mar 8, 2021 04:00 PST"  # in the event's time zone
    assert row["review_count"] == "2"
    assert row["mean_score"] == "3.5"


def test_a_proposal_without_reviews_shows_no_mean_score(client, organizer, event):
    PosterProposalFactory(event=event, title="Unreviewed")
    client.force_login(organizer)

    [row] = rows(client.get(CHANGELIST))

    assert row["review_count"] == "0"
    assert row["mean_score"] == "—"


def test_the_status_filter_lists_only_proposals_in_that_status(client, organizer, event):
    PosterProposalFactory(event=event, title="Accepted one", status=Status.ACCEPTED)
    PosterProposalFactory(event=event, title="Still waiting", status=Status.SUBMITTED)
    client.force_login(organizer)

    response = client.get(CHANGELIST, {"status": "accepted"})

    assert titles_listed(response) == ["Accepted one"]


def test_the_topic_filter_lists_only_proposals_on_that_topic(client, organizer, event):
    nlp = event.topics.get(name="NLP")
    PosterProposalFactory(event=event, title="About language", topic=nlp)
    PosterProposalFactory(
        event=event, title="About kernels", topic=event.topics.get(name="Compilers")
    )
    client.force_login(organizer)

    response = client.get(CHANGELIST, {"topic__id__exact": nlp.pk})

    assert titles_listed(response) == ["About language"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tokenizer", ["Streaming tokenizer"]),
        ("satellite", ["Geo models"]),
        ("Hopper", ["Compiler passes"]),
    ],
    ids=["title", "summary", "authors"],
)
def test_the_search_box_matches_title_summary_and_authors(
    client, organizer, event, query, expected
):
    PosterProposalFactory(event=event, title="Streaming tokenizer")
    PosterProposalFactory(
        event=event,
        title="Geo models",
        summary="Self-supervised models for satellite imagery, trained with PyTorch. " * 4,
    )
    PosterProposalFactory(event=event, title="Compiler passes", authors="Grace Hopper")
    client.force_login(organizer)

    response = client.get(CHANGELIST, {"q": query})

    assert titles_listed(response) == expected


def test_the_queue_lists_the_newest_proposals_first(client, organizer, event):
    now = timezone.now()
    for days_ago, title in [(3, "Oldest"), (1, "Newest"), (2, "Middle")]:
        proposal = PosterProposalFactory(event=event, title=title)
        PosterProposal.objects.filter(pk=proposal.pk).update(
            created_at=now - timedelta(days=days_ago)
        )
    client.force_login(organizer)

    response = client.get(CHANGELIST)

    assert titles_listed(response) == ["Newest", "Middle", "Oldest"]


def test_an_organizer_is_offered_the_accept_reject_and_waitlist_actions(client, organizer, event):
    PosterProposalFactory(event=event)
    client.force_login(organizer)

    content = client.get(CHANGELIST).content.decode()

    assert '<option value="accept">' in content
    assert '<option value="waitlist">' in content
    assert '<option value="reject">' in content


def test_a_reviewer_sees_the_queue_but_no_decision_actions(client, reviewer, event):
    PosterProposalFactory(event=event, title="To review")
    client.force_login(reviewer)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert titles_listed(response) == ["To review"]
    content = response.content.decode()
    assert 'value="accept"' not in content
    assert 'value="waitlist"' not in content
    assert 'value="reject"' not in content


def test_a_reviewer_cannot_open_the_decide_page(client, reviewer, event):
    proposal = PosterProposalFactory(event=event)
    client.force_login(reviewer)

    assert client.get(f"{CHANGELIST}{proposal.pk}/decide/").status_code == 403
    response = client.post(f"{CHANGELIST}{proposal.pk}/decide/", {"to_status": "accepted"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


def test_a_reviewer_cannot_accept_through_a_forged_bulk_action(
    client, reviewer, event, django_capture_on_commit_callbacks, queued_mail
):
    proposal = PosterProposalFactory(event=event)
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHANGELIST, {"action": "accept", "_selected_action": [proposal.pk], "index": 0})

    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    assert StatusChange.objects.count() == 0
    assert queued_mail == []


def test_the_decide_page_shows_the_decision_form(client, organizer, event):
    proposal = PosterProposalFactory(event=event, title="Decide me")
    client.force_login(organizer)

    response = client.get(f"{CHANGELIST}{proposal.pk}/decide/")

    assert response.status_code == 200
    assert response.context["proposal"] == proposal
    assert list(response.context["form"].fields) == ["to_status", "note"]
    content = response.content.decode()
    assert 'name="to_status" value="rejected"' in content
    assert "Record decision and email the submitter" in content


def test_rejecting_with_a_note_records_it_in_the_history_and_the_email(
    client, organizer, submitter, event, django_capture_on_commit_callbacks, queued_mail
):
    proposal = PosterProposalFactory(event=event, submitter=submitter, title="Too early")
    note = "The results section needs benchmarks against the usual baselines."
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{CHANGELIST}{proposal.pk}/decide/", {"to_status": "rejected", "note": note}
        )

    assert response.status_code == 302
    assert response.url == f"{CHANGELIST}{proposal.pk}/change/"
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED
    [change] = StatusChange.objects.filter(proposal=proposal)
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        "submitted",
        "rejected",
        organizer,
        note,
    )
    [message] = queued_mail
    assert message.subject == "Your poster was not accepted: Too early"
    assert message.to == ["sam@example.org"]
    assert note in message.body

    page = client.get(response.url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "History" in content
    assert note in content
    assert "“Too early” is now not accepted; the submitter is being emailed." in [
        str(m) for m in page.context["messages"]
    ]


def test_the_change_page_offers_the_decide_link_to_organizers_only(
    client, organizer, reviewer, event
):
    proposal = PosterProposalFactory(event=event)
    decide_url = f"{CHANGELIST}{proposal.pk}/decide/"

    client.force_login(organizer)
    assert decide_url in client.get(f"{CHANGELIST}{proposal.pk}/change/").content.decode()
    client.force_login(reviewer)
    reviewer_page = client.get(f"{CHANGELIST}{proposal.pk}/change/")
    assert reviewer_page.status_code == 200
    assert decide_url not in reviewer_page.content.decode()


def test_an_edited_email_template_changes_the_next_email_without_a_deploy(
    client, organizer, event, django_capture_on_commit_callbacks, queued_mail
):
    EmailTemplate.objects.filter(name="poster-accepted").update(
        subject="Congratulations! {{ proposal.title }} is in"
    )
    proposal = PosterProposalFactory(event=event, title="Edited wording")
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{CHANGELIST}{proposal.pk}/decide/", {"to_status": "accepted"})

    assert [message.subject for message in queued_mail] == ["Congratulations! Edited wording is in"]


# The queue starts where the work is


def test_the_queue_opens_on_what_awaits_a_decision_with_all_a_click_away(client, organizer, event):
    PosterProposalFactory(event=event, title="Waiting")
    PosterProposalFactory(event=event, title="On the list", status=Status.WAITLISTED)
    PosterProposalFactory(event=event, title="Already in", status=Status.ACCEPTED)
    client.force_login(organizer)

    opened = client.get(CHANGELIST)
    everything = client.get(CHANGELIST, {"status": "all"})

    assert titles_listed(opened) == ["Waiting"]
    assert sorted(titles_listed(everything)) == ["Already in", "On the list", "Waiting"]
    [status_filter] = [f for f in opened.context["cl"].filter_specs if f.title == "status"]
    choices = list(status_filter.choices(opened.context["cl"]))
    assert [(c["display"], c["selected"]) for c in choices][:2] == [
        ("Awaiting a decision", True),
        ("Submitted", False),
    ]
    assert (choices[-1]["display"], choices[-1]["query_string"]) == ("All", "?status=all")


def test_a_reviewer_filters_what_they_have_not_reviewed_and_sees_their_count(
    client, reviewer, event
):
    done = PosterProposalFactory(event=event, title="Reviewed")
    PosterProposalFactory(event=event, title="Not yet")
    PosterProposalFactory(event=event, title="Also not yet")
    ReviewFactory(proposal=done, reviewer=reviewer)
    client.force_login(reviewer)

    response = client.get(CHANGELIST, {"reviews": "not-mine"})

    assert sorted(titles_listed(response)) == ["Also not yet", "Not yet"]
    assert titles_listed(client.get(CHANGELIST, {"reviews": "mine"})) == ["Reviewed"]
    assert response.context["my_reviews"] == {"done": 1, "awaiting": 3, "assigned": 0}
    assert "Your reviews: <strong>1</strong> of the 3 proposals awaiting a decision" in (
        response.content.decode()
    )


def test_organizers_filter_what_has_fewer_reviews_than_the_event_wants(client, organizer, event):
    set_edition_settings(event, reviews_wanted=2)
    enough = PosterProposalFactory(event=event, title="Enough")
    short = PosterProposalFactory(event=event, title="Short")
    ReviewFactory.create_batch(2, proposal=enough)
    ReviewFactory(proposal=short)
    client.force_login(organizer)

    assert titles_listed(client.get(CHANGELIST, {"reviews": "wanted"})) == ["Short"]


def test_the_breadcrumb_says_posters_once(client, organizer, event):
    client.force_login(organizer)

    content = client.get(CHANGELIST).content.decode()

    crumbs = content.split('<div class="breadcrumbs">')[1].split("</div>")[0]
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", crumbs)).split())
    assert text == "Home › Posters › Poster proposals"


def test_the_decision_is_a_visible_form_on_the_proposals_page(client, organizer, event):
    proposal = PosterProposalFactory(event=event, title="Decide me")
    client.force_login(organizer)

    content = client.get(f"{CHANGELIST}{proposal.pk}/change/").content.decode()

    panel = content.split('<section class="decision-panel"')[1].split("</section>")[0]
    assert f'<form method="post" action="{CHANGELIST}{proposal.pk}/decide/"' in panel
    assert re.findall(r'name="to_status" value="(\w+)"', panel) == [
        "accepted",
        "waitlisted",
        "rejected",
    ]
    labels = r'<label for="id_decision_to_status_\d"><input[^>]*>\s*([^<]+?)</label>'
    assert re.findall(labels, panel) == [
        "Accept",
        "Wait-list",
        "Reject",
    ]
    assert '<label for="id_decision_note">Note for the submitter</label>' in panel
    assert 'value="Record decision and email the submitter"' in panel
    assert '<span class="status-badge status-submitted">Submitted</span>' in panel
    assert 'class="vTextField proposal-title"' in content
    assert content.index("decision-panel") < content.index('id="posterproposal_form"')


def test_an_accepted_proposal_offers_only_the_other_decisions(client, organizer, event):
    proposal = PosterProposalFactory(event=event, status=Status.ACCEPTED)
    client.force_login(organizer)

    content = client.get(f"{CHANGELIST}{proposal.pk}/change/").content.decode()

    assert re.findall(r'name="to_status" value="(\w+)"', content) == ["waitlisted", "rejected"]


def test_a_withdrawn_proposal_offers_no_decision(client, organizer, event):
    proposal = PosterProposalFactory(event=event, status=Status.WITHDRAWN)
    client.force_login(organizer)

    content = client.get(f"{CHANGELIST}{proposal.pk}/change/").content.decode()

    assert "A withdrawn proposal stays withdrawn." in content
    assert 'name="to_status"' not in content


def test_a_reviewer_sees_no_decision_form_and_their_review_form_on_the_page(
    client, reviewer, event
):
    proposal = PosterProposalFactory(event=event)
    client.force_login(reviewer)
    blank = client.get(f"{CHANGELIST}{proposal.pk}/change/").content.decode()
    ReviewFactory(proposal=proposal, reviewer=reviewer, comment="Solid and useful.")

    reviewed = client.get(f"{CHANGELIST}{proposal.pk}/change/").content.decode()

    assert 'name="to_status"' not in blank
    assert "Organizers decide; reviewers add their review." in blank
    assert f'action="{CHANGELIST}{proposal.pk}/review/"' in blank
    assert 'name="review-comment" cols="40" rows="5" autofocus required' in blank
    assert '<textarea name="review-comment" cols="40" rows="5" required' in reviewed
    assert "Solid and useful.</textarea>" in reviewed


def test_deciding_an_unclaimed_imported_poster_emails_nobody(
    client, organizer, event, django_capture_on_commit_callbacks, queued_mail
):
    proposal = PosterProposalFactory(event=event, submitter=None, title="From the catalogue")
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{CHANGELIST}{proposal.pk}/decide/", {"to_status": "accepted"}, follow=True
        )

    proposal.refresh_from_db()
    assert proposal.status == Status.ACCEPTED
    assert queued_mail == []
    assert [m.message for m in response.context["messages"]] == [
        "“From the catalogue” is now accepted; nobody is emailed: no presenter has claimed it yet."
    ]


def test_a_board_code_is_normalised_and_unique_within_the_event(client, organizer, event):
    AcceptedPosterFactory(event=event, title="First", board_code="A4")
    second = AcceptedPosterFactory(event=event, title="Second", topic=event.topics.first())
    client.force_login(organizer)
    url = f"{CHANGELIST}{second.pk}/change/"

    def save(code):
        form = client.get(url).context["adminform"].form
        data = {
            name: value
            for name, value in form.initial.items()
            if name in form.fields and value is not None
        }
        data.update(
            board_code=code,
            tending_tracks=[],
            extra_topics=[],
            **{
                f"{prefix}-{key}": 0
                for prefix in ("assignments", "status_changes", "edits")
                for key in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        )
        return client.post(url, data)

    taken = save(" a4 ")
    malformed = save("4A")
    saved = save(" b 12 ")

    assert taken.status_code == 200
    assert taken.context["adminform"].form.errors == {
        "board_code": ["“First” already hangs on board A4."]
    }
    assert malformed.context["adminform"].form.errors == {
        "board_code": [
            "Not a board code. Letters for the row, then the board's number in it: A4, J8, AA12."
        ]
    }
    assert saved.status_code == 302
    second.refresh_from_db()
    assert second.board_code == "B12"


def test_the_database_refuses_two_posters_on_one_board_of_an_event(event):
    from django.db import IntegrityError, transaction

    AcceptedPosterFactory(event=event, board_code="A4")
    other_event = EventFactory(is_current=False)

    with pytest.raises(IntegrityError), transaction.atomic():
        AcceptedPosterFactory(event=event, board_code="A4")
    AcceptedPosterFactory(event=other_event, board_code="A4")
    AcceptedPosterFactory(event=event, board_code="")
    AcceptedPosterFactory(event=event, board_code="")

    assert PosterProposal.objects.filter(board_code="A4").count() == 2
