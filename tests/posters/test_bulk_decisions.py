"""Deciding a selection of posters at once: a page lists what will change (each poster, from
→ to) with an optional note; once confirmed, the decision transition applies it, one email
each, exactly once, even when two organizers confirm overlapping selections at one moment."""

import re

import pytest
from django.contrib.messages import constants as message_levels
from django.test import Client
from post_office.models import Email

from posters.models import PosterProposal, StatusChange
from tests.admin_pages import _text, messages_shown
from tests.factories import EventFactory, PosterProposalFactory, TopicFactory, UserFactory
from tests.races import run_together

CHANGELIST = "/admin/posters/posterproposal/"
Status = PosterProposal.Status


def confirmation(posters, action="accept", note=""):
    """What the confirmation page posts back: the selection and the statuses it showed."""
    return {
        "action": action,
        "post": "yes",
        "_selected_action": [poster.pk for poster in posters],
        "note": note,
        **{f"seen-{poster.pk}": poster.status for poster in posters},
    }


def test_a_bulk_decision_first_lists_each_poster_from_and_to_and_changes_nothing(
    client, organizer, event, queued_mail
):
    first = PosterProposalFactory(event=event, title="First poster")
    second = PosterProposalFactory(event=event, title="Second poster", submitter=None)
    gone = PosterProposalFactory(event=event, title="Gone poster", status=Status.WITHDRAWN)
    client.force_login(organizer)

    page = client.post(
        f"{CHANGELIST}?status=all",
        {"action": "accept", "_selected_action": [first.pk, second.pk, gone.pk], "index": 0},
    )

    assert page.status_code == 200
    assert page.template_name == "admin/decide_selected.html"
    assert page.context["title"] == "Accept 2 poster proposals?"
    table = page.content.decode().split('<table class="decide-table">')[1].split("</table>")[0]
    assert [_text(row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)][1:] == [
        "Second poster Submitted Accepted nobody yet (not claimed)",
        f"First poster Submitted Accepted {first.submitter.name}",
    ]
    text = _text(page.content.decode())
    assert "“Gone poster” is withdrawn: it cannot become accepted." in text
    assert (
        "These 2 proposals will become Accepted . 1 submitter will be emailed, once each; "
        "1 imported poster has nobody to email yet." in text
    )
    assert 'value="Accept 2 poster proposals and email the submitters"' in page.content.decode()
    assert list(PosterProposal.objects.values_list("status", flat=True).order_by("pk")) == [
        "submitted",
        "submitted",
        "withdrawn",
    ]
    assert queued_mail == []


def test_confirming_decides_through_the_transition_with_the_note_one_email_each(
    client, organizer, event, django_capture_on_commit_callbacks, queued_mail
):
    first = PosterProposalFactory(event=event, title="First poster")
    second = PosterProposalFactory(event=event, title="Second poster")
    client.force_login(organizer)
    note = "Decided at the committee meeting of March 3."

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{CHANGELIST}?status=awaiting",
            confirmation([first, second], "reject", note),
            follow=True,
        )

    assert response.redirect_chain == [(f"{CHANGELIST}?status=awaiting", 302)]
    assert [
        (change.proposal.title, change.from_status, change.to_status, change.changed_by)
        + (change.note,)
        for change in StatusChange.objects.order_by("proposal__title")
    ] == [
        ("First poster", "submitted", "rejected", organizer, note),
        ("Second poster", "submitted", "rejected", organizer, note),
    ]
    assert sorted((message.subject, note in message.body) for message in queued_mail) == [
        ("Your poster was not accepted: First poster", True),
        ("Your poster was not accepted: Second poster", True),
    ]
    assert messages_shown(response) == [
        (
            message_levels.SUCCESS,
            "2 proposal(s) now not accepted; 2 submitter(s) are being emailed, once each.",
        )
    ]


def test_the_list_offers_the_bulk_decisions_as_buttons_to_organizers_only(
    client, organizer, reviewer, event
):
    PosterProposalFactory(event=event)

    client.force_login(organizer)
    organizers = client.get(CHANGELIST).content.decode()
    client.force_login(reviewer)
    reviewers = client.get(CHANGELIST).content.decode()

    assert re.findall(r'name="action" value="(\w+)">([^<]+)</button>', organizers) == [
        ("accept", "Accept…"),
        ("waitlist", "Wait-list…"),
        ("reject", "Reject…"),
    ]
    assert 'class="decide-selected"' not in reviewers


def test_a_reviewer_cannot_confirm_a_bulk_decision(
    client, reviewer, event, django_capture_on_commit_callbacks, queued_mail
):
    poster = PosterProposalFactory(event=event)
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHANGELIST, confirmation([poster]))

    poster.refresh_from_db()
    assert (poster.status, StatusChange.objects.count(), queued_mail) == ("submitted", 0, [])


@pytest.mark.django_db(transaction=True)
def test_two_organizers_bulk_deciding_overlapping_posters_at_once_decide_each_once():
    """Ana accepts A, B, C while Ben rejects B, C, D, each having confirmed what they saw:
    every poster is decided once, by whoever locked it first, and mailed once."""
    event = EventFactory()
    topic = TopicFactory(event=event)
    ana, ben = (UserFactory(name=name, groups=["Organizers"]) for name in ("Ana", "Ben"))
    for _round in range(10):
        Email.objects.all().delete()
        a, b, c, d = (PosterProposalFactory(event=event, topic=topic) for _ in range(4))
        clients = {ana: Client(), ben: Client()}
        for user, client in clients.items():
            client.force_login(user)

        forms = {ana: confirmation([a, b, c], "accept"), ben: confirmation([b, c, d], "reject")}

        answers = run_together(
            *[
                lambda client=clients[user], form=forms[user]: client.post(CHANGELIST, form)
                for user in (ana, ben)
            ]
        )

        assert [answer.status_code for answer in answers] == [302, 302]
        for poster in (a, b, c, d):
            poster.refresh_from_db()
            [change] = StatusChange.objects.filter(proposal=poster)
            assert (change.from_status, change.to_status) == ("submitted", poster.status)
            assert Email.objects.filter(to=[poster.submitter.email]).count() == 1
        assert (a.status, d.status) == ("accepted", "rejected")
        assert {b.status, c.status} <= {"accepted", "rejected"}
