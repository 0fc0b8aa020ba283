"""The rules of posters.services.change_status: who may move a proposal, and where to."""

import pytest
from django.core.exceptions import PermissionDenied
from post_office.models import Email

from posters.models import PosterProposal, StatusChange
from posters.proposals import InvalidStatusChange
from posters.services import change_poster_status
from tests.factories import PosterProposalFactory

Status = PosterProposal.Status


def test_a_withdrawn_proposal_cannot_be_accepted(
    organizer, event, django_capture_on_commit_callbacks, queued_mail
):
    proposal = PosterProposalFactory(event=event, status=Status.WITHDRAWN)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(InvalidStatusChange, match="it cannot become accepted"),
    ):
        change_poster_status(proposal, "accepted", by=organizer)

    proposal.refresh_from_db()
    assert proposal.status == Status.WITHDRAWN
    assert StatusChange.objects.count() == 0
    assert Email.objects.count() == 0
    assert queued_mail == []


def test_accepting_an_accepted_proposal_again_sends_no_second_email(
    organizer, event, django_capture_on_commit_callbacks, queued_mail
):
    proposal = PosterProposalFactory(event=event, title="Twice lucky")
    with django_capture_on_commit_callbacks(execute=True):
        change_poster_status(proposal, "accepted", by=organizer)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(InvalidStatusChange),
    ):
        change_poster_status(proposal, "accepted", by=organizer)

    assert [message.subject for message in queued_mail] == ["Your poster was accepted: Twice lucky"]
    assert StatusChange.objects.filter(proposal=proposal).count() == 1


def test_a_reviewer_cannot_accept_a_proposal(
    reviewer, event, django_capture_on_commit_callbacks, queued_mail
):
    proposal = PosterProposalFactory(event=event)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        change_poster_status(proposal, "accepted", by=reviewer)

    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    assert StatusChange.objects.count() == 0
    assert queued_mail == []


def test_a_submitter_can_withdraw_their_own_proposal(
    submitter, event, django_capture_on_commit_callbacks, queued_mail
):
    proposal = PosterProposalFactory(event=event, submitter=submitter, title="Mine")

    with django_capture_on_commit_callbacks(execute=True):
        change_poster_status(proposal, "withdrawn", by=submitter)

    proposal.refresh_from_db()
    assert proposal.status == Status.WITHDRAWN
    [change] = StatusChange.objects.all()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "submitted",
        "withdrawn",
        submitter,
    )
    assert [message.subject for message in queued_mail] == ["Your poster was withdrawn: Mine"]


def test_a_submitter_cannot_withdraw_someone_elses_proposal(
    submitter, event, django_capture_on_commit_callbacks, queued_mail
):
    proposal = PosterProposalFactory(event=event)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        change_poster_status(proposal, "withdrawn", by=submitter)

    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    assert StatusChange.objects.count() == 0
    assert queued_mail == []


def test_a_submitter_cannot_accept_their_own_proposal(submitter, event):
    proposal = PosterProposalFactory(event=event, submitter=submitter)

    with pytest.raises(PermissionDenied):
        change_poster_status(proposal, "accepted", by=submitter)

    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
