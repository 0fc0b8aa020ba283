"""Email is stored with the change that causes it and sent by a worker, never in a request.

An outage loses nothing (the message is retried), a rollback queues nothing, and a mail
server that never answers cannot hold an organizer's decision.
"""

import socket
import threading
import time

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from post_office.models import STATUS, Email

from ecosystem_day.infra.mail.delivery import deliver_queued
from posters.models import PosterProposal
from posters.services import change_poster_status
from tests.factories import PosterProposalFactory, TopicFactory

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class MailServerDown(BaseEmailBackend):
    """A delivery backend whose mail server refuses every connection."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def deliver_with(settings, backend):
    """One pass of the mail worker, delivering through `backend`: (sent, failed, requeued)."""
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": backend}}
    return deliver_queued()


def test_a_decision_queues_its_email_in_the_same_transaction_and_sends_nothing_yet(
    organizer, event
):
    proposal = PosterProposalFactory(event=event, title="Queued poster")

    change_poster_status(proposal, "accepted", by=organizer)

    [email] = Email.objects.all()
    assert (email.status, email.to, email.subject) == (
        STATUS.queued,
        [proposal.submitter.email],
        "Your poster was accepted: Queued poster",
    )
    assert email.template.name == "poster-accepted"
    assert mail.outbox == []


def test_an_email_queued_while_the_mail_server_is_down_is_retried_and_delivered_later(
    settings, organizer, event
):
    poster = PosterProposalFactory(event=event, title="Resilient")
    change_poster_status(poster, "accepted", by=organizer)

    assert deliver_with(settings, f"{__name__}.MailServerDown") == (0, 0, 1)
    email = Email.objects.get()
    assert email.status == STATUS.requeued
    assert email.number_of_retries == 1
    assert email.logs.get().message == "mail server down"
    assert mail.outbox == []

    Email.objects.update(scheduled_time=None)  # the retry interval has passed
    assert deliver_with(settings, LOCMEM) == (1, 0, 0)

    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert [message.subject for message in mail.outbox] == ["Your poster was accepted: Resilient"]
    assert deliver_with(settings, LOCMEM) == (0, 0, 0)


def test_after_its_last_retry_a_message_is_kept_as_failed_for_an_organizer_to_requeue(
    settings, organizer, event
):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "MAX_RETRIES": 1}
    change_poster_status(PosterProposalFactory(event=event), "rejected", by=organizer)

    deliver_with(settings, f"{__name__}.MailServerDown")
    Email.objects.update(scheduled_time=None)
    deliver_with(settings, f"{__name__}.MailServerDown")

    email = Email.objects.get()
    assert (email.status, email.logs.count()) == (STATUS.failed, 2)


def test_a_decision_in_a_rolled_back_transaction_queues_nothing(organizer, event, queued_mail):
    proposal = PosterProposalFactory(event=event)

    with pytest.raises(RuntimeError, match="something later failed"), transaction.atomic():
        change_poster_status(proposal, "accepted", by=organizer)
        raise RuntimeError("something later failed")

    assert queued_mail == []
    proposal.refresh_from_db()
    assert proposal.status == PosterProposal.Status.SUBMITTED


def test_plain_text_mail_keeps_the_titles_characters_as_typed(organizer, event, queued_mail):
    proposal = PosterProposalFactory(event=event, title="Tensors & <Graphs>: “fast”")

    change_poster_status(proposal, "accepted", by=organizer)

    [message] = queued_mail
    assert message.subject == "Your poster was accepted: Tensors & <Graphs>: “fast”"
    assert "“Tensors & <Graphs>: “fast”” is accepted" in message.body


class BlackHoleSMTP:
    """A mail server on 127.0.0.1 that accepts connections and never says a word."""

    def __enter__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.held = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()
        return self

    def _accept(self):
        self.server.settimeout(0.1)
        while not self.stop.is_set():
            try:
                self.held.append(self.server.accept()[0])
            except TimeoutError:
                continue

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        for conn in self.held:
            conn.close()
        self.server.close()


def test_a_bulk_decision_of_71_posters_answers_in_under_a_second_while_smtp_hangs(
    settings, client, organizer, event, capsys
):
    topic = TopicFactory(event=event)
    posters = PosterProposalFactory.create_batch(71, event=event, topic=topic)
    client.force_login(organizer)

    with BlackHoleSMTP() as smtp:
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", smtp.port, 5
        smtp_backend = "django.core.mail.backends.smtp.EmailBackend"
        settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": smtp_backend}}
        started = time.perf_counter()
        response = client.post(  # the confirmation page's answer
            "/admin/posters/posterproposal/",
            {
                "action": "accept",
                "post": "yes",
                "_selected_action": [poster.pk for poster in posters],
                **{f"seen-{poster.pk}": "submitted" for poster in posters},
            },
        )
        elapsed = time.perf_counter() - started

        with capsys.disabled():
            print(f"\nbulk decision of 71 posters with SMTP hanging: {elapsed * 1000:.0f} ms")
        assert response.status_code == 302
        # Under a second on a quiet machine (the figure printed above); the bound leaves room
        # for a busy CI machine and still fails if the request waits for the silent server.
        assert elapsed < 2.5, f"the bulk decision took {elapsed:.2f} s"
        assert PosterProposal.objects.filter(status="accepted").count() == 71
        assert Email.objects.filter(status=STATUS.queued).count() == 71

        # The worker meets the silent server, gives up on each message after its timeout
        # and keeps it for a retry: nothing is lost (two messages are enough to show it).
        settings.EMAIL_TIMEOUT = 1
        assert deliver_queued(limit=2) == (0, 0, 2)

    assert Email.objects.filter(status=STATUS.requeued).count() == 2
    assert Email.objects.filter(status=STATUS.queued).count() == 69
