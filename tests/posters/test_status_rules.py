"""The rules of posters.services.change_status: who may move a proposal, and where to."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from post_office.models import Email

from ecosystem_day.accounts.models import User
from posters.models import PosterProposal, StatusChange
from posters.proposals import InvalidStatusChange
from posters.services import change_poster_status
from tests.factories import EventFactory, PosterProposalFactory, TopicFactory, UserFactory

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


@pytest.mark.django_db(transaction=True)
def test_two_organizers_accepting_at_once_record_and_email_the_decision_once(queued_mail):
    event = EventFactory()
    proposal = PosterProposalFactory(event=event, topic=TopicFactory(event=event), title="Popular")
    organizer = UserFactory(groups=["Organizers"])
    start = threading.Barrier(2)
    outcomes = []

    def accept():
        by = User.objects.get(pk=organizer.pk)
        try:
            start.wait(timeout=10)
            change_poster_status(proposal, "accepted", by=by)
            outcomes.append("accepted")
        except InvalidStatusChange:
            outcomes.append("refused")
        except Exception as error:  # anything else is a failure the main thread must see
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=accept) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["accepted", "refused"]
    proposal.refresh_from_db()
    assert proposal.status == Status.ACCEPTED
    assert StatusChange.objects.filter(proposal=proposal, to_status=Status.ACCEPTED).count() == 1
    subject = "Your poster was accepted: Popular"
    assert Email.objects.filter(subject=subject).count() == 1
    assert [message.subject for message in queued_mail] == [subject]
