"""The outbox: organizers read every message with the links that act for someone hidden,
and resend a failed one; reviewers see none of it."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.utils.html import strip_tags
from post_office.models import STATUS, Email, Log

from ecosystem_day.infra.mail import ResendRefused, queue_email, resend_failed
from ecosystem_day.infra.mail.delivery import deliver_queued
from ecosystem_day.infra.mail.outbox import REDACTED
from ecosystem_day.registration.services import register
from posters.services import change_poster_status
from tests.factories import (
    PASSWORD,
    PosterProposalFactory,
    RegistrationSettingsFactory,
    TrackFactory,
    UserFactory,
)
from tests.races import named, run_together

LIST = "/admin/post_office/email/"
SITE = "https://ecosystem.example.org"


def page(email):
    return f"{LIST}{email.pk}/change/"


def message(subject, status, to="sam@example.org", body="Hello."):
    return Email.objects.create(
        from_email="noreply@example.org", to=[to], subject=subject, message=body, status=status
    )


def shown(response):
    """(recipient, subject, state) of each row of the outbox list, newest first."""
    return [
        (email.to[0], email.subject, strip_tags(response.context["cl"].model_admin.state(email)))
        for email in response.context["cl"].result_list
    ]


def test_organizers_read_sent_waiting_and_failed_messages_newest_first(client, organizer):
    message("Sent one", STATUS.sent)
    message("Waiting one", STATUS.queued, to="ada@example.org")
    message("Retrying one", STATUS.requeued)
    message("Failed one", STATUS.failed)
    client.force_login(organizer)

    response = client.get(LIST)

    assert response.status_code == 200
    assert shown(response) == [
        ("sam@example.org", "Failed one", "Failed"),
        ("sam@example.org", "Retrying one", "Waiting to be sent"),
        ("ada@example.org", "Waiting one", "Waiting to be sent"),
        ("sam@example.org", "Sent one", "Sent"),
    ]


@pytest.mark.parametrize(
    ("query", "subjects"),
    [
        ("?state=failed", ["Failed one"]),
        ("?state=waiting", ["Your poster was accepted: TorchTrace", "Retrying one", "Waiting one"]),
        ("?state=sent", ["Sent one"]),
        ("?q=ada@example", ["Waiting one"]),
        ("?q=retrying", ["Retrying one"]),
        ("?kind=poster-accepted", ["Your poster was accepted: TorchTrace"]),
    ],
)
def test_the_outbox_filters_by_state_and_kind_and_searches_recipient_and_subject(
    client, organizer, event, query, subjects
):
    message("Sent one", STATUS.sent)
    message("Waiting one", STATUS.queued, to="ada@example.org")
    message("Retrying one", STATUS.requeued)
    message("Failed one", STATUS.failed)
    change_poster_status(
        PosterProposalFactory(event=event, title="TorchTrace"), "accepted", by=organizer
    )
    client.force_login(organizer)

    response = client.get(LIST + query)

    assert [email.subject for email in response.context["cl"].result_list] == subjects


def test_reviewers_can_neither_list_nor_read_nor_resend_a_message(client, reviewer):
    failed = message("Failed one", STATUS.failed)
    client.force_login(reviewer)

    assert client.get(LIST).status_code == 403
    assert client.get(page(failed)).status_code == 403
    assert client.post(f"{LIST}{failed.pk}/resend/").status_code == 403
    failed.refresh_from_db()
    assert failed.status == STATUS.failed


def test_a_message_is_read_only_even_for_organizers(client, organizer):
    sent = message("Sent one", STATUS.sent)
    client.force_login(organizer)

    response = client.post(page(sent), {"subject": "Changed", "to": "eve@example.org"})

    assert response.status_code == 403
    sent.refresh_from_db()
    assert (sent.subject, sent.to) == ("Sent one", ["sam@example.org"])
    assert client.post(f"{LIST}{sent.pk}/delete/").status_code == 403


def body_shown(client, email):
    content = client.get(page(email)).content.decode()
    return re.search(r'<pre class="email-body">(.*?)</pre>', content, re.S).group(1)


def test_a_password_reset_link_is_hidden_in_the_outbox(client, organizer, submitter, settings):
    settings.SITE_URL = SITE
    client.post("/accounts/password-reset/", {"email": submitter.email})
    email = Email.objects.get(template__name="account-password-reset")
    link = re.search(rf"{SITE}/accounts/password-reset/\S+", email.message).group()
    client.force_login(organizer)

    body = body_shown(client, email)

    assert link not in body
    assert body.count(REDACTED) == 1
    assert body == email.message.replace(link, REDACTED)


def test_an_email_verification_link_is_hidden_in_the_outbox(client, organizer, db, settings):
    settings.SITE_URL = SITE
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "name": "New Person",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    email = Email.objects.get(template__name="account-verify-email")
    link = re.search(rf"{SITE}/accounts/verify-email/\S+", email.message).group()
    client.logout()
    client.force_login(organizer)

    body = body_shown(client, email)

    assert link not in body
    assert body.count(REDACTED) == 1


def test_a_claim_invitation_in_an_organizers_note_is_hidden_and_the_proposal_link_kept(
    client, organizer, event, settings
):
    """The invitation lets whoever follows it present the poster, like a sign-in link."""
    settings.SITE_URL = SITE
    poster = PosterProposalFactory(event=event, title="TorchTrace")
    invitation = f"{SITE}/posters/claim/AbC123-secret/"
    change_poster_status(
        poster, "accepted", by=organizer, note=f"Your co-author can claim it: {invitation}."
    )
    email = Email.objects.get()
    client.force_login(organizer)

    body = body_shown(client, email)

    assert invitation not in body
    assert f"Your co-author can claim it: {REDACTED}." in body
    assert f"{SITE}/me/posters/{poster.pk}/" in body


def test_a_registrations_sign_in_link_is_hidden_and_the_code_of_conduct_link_kept(
    client, organizer, event, settings
):
    settings.SITE_URL = SITE
    RegistrationSettingsFactory(event=event)
    register(
        event=event,
        name="Ada",
        email="ada@example.org",
        tracks=[TrackFactory(event=event)],
        time_zone="Asia/Tokyo",
        country="GB",
    )
    email = Email.objects.get(template__name="registration-confirmed")
    link = re.search(rf"{SITE}/register/sign-in/\S+", email.message).group()
    client.force_login(organizer)

    body = body_shown(client, email)

    assert link not in body
    assert body.count(REDACTED) == 1
    assert "Our code of conduct: https://example.org/code-of-conduct/" in body


@pytest.mark.parametrize(
    "link",
    [
        "http://127.0.0.1:8000/accounts/password-reset/MQ/abc-123/",  # written for another host
        "https://old.example.org/accounts/verify-email/MQ:1abc:xyz",  # no slash at the end
        "https://ecosystem.example.org/accounts/verify-email/MQ:1abc:xyz/),",
    ],
)
def test_a_secret_link_is_hidden_whatever_host_it_names_and_whatever_follows_it(
    client, organizer, settings, link
):
    settings.SITE_URL = SITE
    email = message("Old", STATUS.sent, body=f"Open ({link}\nthen log in at {SITE}/accounts/login/")
    client.force_login(organizer)

    body = body_shown(client, email)

    assert "MQ" not in body
    assert f"{SITE}/accounts/login/" in body


def test_an_organizer_resends_a_failed_message_and_the_worker_delivers_it(
    client, organizer, settings
):
    failed = message("Failed one", STATUS.failed)
    Email.objects.filter(pk=failed.pk).update(number_of_retries=5)
    client.force_login(organizer)

    response = client.post(LIST, {"action": "resend", "_selected_action": [failed.pk]}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "1 email is queued again; the mail worker sends it within a minute."
    ]
    failed.refresh_from_db()
    assert (failed.status, failed.number_of_retries) == (STATUS.queued, 0)
    entry = LogEntry.objects.get()
    assert (entry.user, entry.object_id, entry.change_message) == (
        organizer,
        str(failed.pk),
        "Resent: queued again after it failed.",
    )
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    }
    assert deliver_queued() == (1, 0, 0)
    assert [sent.subject for sent in mail.outbox] == ["Failed one"]


def test_a_sent_or_waiting_message_is_not_resent_and_the_organizer_is_told_why(client, organizer):
    sent = message("Sent one", STATUS.sent)
    waiting = message("Waiting one", STATUS.queued)
    client.force_login(organizer)

    response = client.post(
        LIST, {"action": "resend", "_selected_action": [sent.pk, waiting.pk]}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "“Sent one” to sam@example.org was sent: it is not sent twice.",
        "“Waiting one” to sam@example.org is already waiting to be sent.",
    ]
    assert list(Email.objects.order_by("pk").values_list("status", flat=True)) == [
        STATUS.sent,
        STATUS.queued,
    ]
    assert LogEntry.objects.count() == 0


def test_a_message_that_could_not_be_written_is_not_resent(organizer, db):
    unwritable = queue_email("poster-accepted", "not an address", {})
    assert unwritable.status == STATUS.failed

    requeued, refused = resend_failed([unwritable], by=organizer)

    assert requeued == []
    assert [str(refusal) for refusal in refused] == [
        "“Not sent: poster-accepted” to not an address could not be written (see its delivery "
        "log): resending would not help."
    ]
    assert Log.objects.get().exception_type == "EmailNotWritten"


def test_a_failed_messages_page_has_a_resend_button_that_a_sent_one_lacks(client, organizer):
    failed = message("Failed one", STATUS.failed)
    sent = message("Sent one", STATUS.sent)
    client.force_login(organizer)

    assert "Resend this email" in client.get(page(failed)).content.decode()
    assert "Resend this email" not in client.get(page(sent)).content.decode()
    response = client.post(f"{LIST}{failed.pk}/resend/")

    assert response.status_code == 302
    assert response.url == page(failed)
    failed.refresh_from_db()
    assert failed.status == STATUS.queued


@pytest.mark.django_db(transaction=True)
def test_of_two_organizers_resending_one_message_at_once_one_requeues_it(event):
    failed = message("Failed one", STATUS.failed)
    first, second = UserFactory(groups=["Organizers"]), UserFactory(groups=["Organizers"])

    def resend(by):
        requeued, refused = resend_failed([failed], by=by)
        if refused:
            raise refused[0]
        return requeued

    for _ in range(10):
        Email.objects.filter(pk=failed.pk).update(status=STATUS.failed)
        LogEntry.objects.all().delete()
        outcomes = run_together(lambda: resend(first), lambda: resend(second))

        assert sorted(named(outcome, ResendRefused) for outcome in outcomes) == [
            "ResendRefused",
            "done",
        ]
        assert LogEntry.objects.count() == 1
        assert Email.objects.get().status == STATUS.queued


@pytest.mark.parametrize("count", [10, 1000])
def test_the_outbox_costs_the_same_queries_for_10_or_1000_messages(
    client, organizer, event, count, django_assert_num_queries
):
    template = queue_email("poster-accepted", "sam@example.org", {}).template
    Email.objects.bulk_create(
        Email(
            from_email="noreply@example.org",
            to=[f"person{n}@example.org"],
            subject=f"Message {n}",
            message="Hello.",
            status=[STATUS.sent, STATUS.queued, STATUS.failed][n % 3],
            template=template,
        )
        for n in range(count - 1)
    )
    client.force_login(organizer)

    with django_assert_num_queries(9):
        response = client.get(LIST + "?q=example.org")

    assert response.context["cl"].result_count == count
    assert len(response.context["cl"].result_list) == min(count, 100)
