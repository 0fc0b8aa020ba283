"""Email is stored before it is sent: an outage loses nothing, a rollback sends nothing."""

from io import StringIO

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction

from ecosystem_day.models import OutboxEmail
from posters.models import PosterProposal
from posters.services import change_status
from tests.factories import PosterProposalFactory

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class MailServerDown(BaseEmailBackend):
    """A delivery backend whose mail server refuses every connection."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def send_pending_email():
    out = StringIO()
    call_command("send_pending_email", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_an_email_sent_while_the_mail_server_is_down_is_delivered_later(
    settings, organizer, event, django_capture_on_commit_callbacks, mailoutbox
):
    proposal = PosterProposalFactory(event=event, title="Resilient poster")
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.MailServerDown"

    with django_capture_on_commit_callbacks(execute=True):
        change_status(proposal, "accepted", by=organizer)

    [row] = OutboxEmail.objects.all()
    assert row.subject == "Your poster was accepted: Resilient poster"
    assert row.status == OutboxEmail.Status.PENDING
    assert row.attempts == 1
    assert "mail server down" in row.last_error
    assert row.sent_at is None
    assert mailoutbox == []

    settings.OUTBOX_DELIVERY_BACKEND = LOCMEM
    assert send_pending_email() == "1 sent, 0 failed.\n"

    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.SENT
    assert row.sent_at is not None
    assert row.attempts == 2
    assert row.last_error == ""
    assert [message.subject for message in mailoutbox] == [
        "Your poster was accepted: Resilient poster"
    ]

    assert send_pending_email() == "0 sent, 0 failed.\n"
    assert len(mailoutbox) == 1


def test_the_command_reports_a_failure_and_keeps_the_email_pending(
    settings, organizer, event, django_capture_on_commit_callbacks, mailoutbox
):
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.MailServerDown"
    with django_capture_on_commit_callbacks(execute=True):
        change_status(PosterProposalFactory(event=event), "rejected", by=organizer)

    assert send_pending_email() == "0 sent, 1 failed.\n"

    row = OutboxEmail.objects.get()
    assert (row.status, row.attempts) == (OutboxEmail.Status.PENDING, 2)
    assert mailoutbox == []


def test_a_decision_in_a_rolled_back_transaction_sends_nothing(
    organizer, event, django_capture_on_commit_callbacks, mailoutbox
):
    proposal = PosterProposalFactory(event=event)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError, match="something later failed"),
        transaction.atomic(),
    ):
        change_status(proposal, "accepted", by=organizer)
        raise RuntimeError("something later failed")

    assert OutboxEmail.objects.count() == 0
    assert mailoutbox == []
    proposal.refresh_from_db()
    assert proposal.status == PosterProposal.Status.SUBMITTED
