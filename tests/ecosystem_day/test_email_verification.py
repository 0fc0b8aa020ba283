"""An account's email is verified by a link sent to it: at sign-up, again on request; the link
works once, for three days, and only for the address it was sent to."""

import re
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from ecosystem_day.accounts import links, verification
from ecosystem_day.accounts.models import User
from tests.factories import UserFactory
from tests.races import named, run_together

NEW_PASSWORD = "purple-otter-violin-2021"
LINK = re.compile(r"http://127\.0\.0\.1:8000(/accounts/verify-email/[^/\s]+/)")
SENT = "Verify your email address for 127.0.0.1:8000"
USED = "This link has already been used, or is no longer valid."


@pytest.fixture
def superuser_client(client, db):
    """A second client, signed in as a superuser (who alone edits accounts)."""
    admin = Client()
    admin.force_login(UserFactory(is_staff=True, is_superuser=True))
    return admin


def link_in(message):
    return LINK.search(message.body).group(1)


@pytest.fixture
def sent_link(submitter, queued_mail):
    """The path of a fresh link sent to the submitter, who has not verified yet."""
    verification.send_verification_link(submitter)
    return link_in(queued_mail[-1])


def test_signing_up_sends_a_link_to_verify_the_address(client, db, queued_mail):
    response = client.post(
        "/accounts/signup/",
        {
            "name": "Ada Lovelace",
            "email": "Ada@Example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )

    page = client.get(response.url).content.decode()
    [message] = queued_mail
    assert (message.subject, message.to) == (SENT, ["ada@example.org"])
    assert message.body == (
        "Hello Ada Lovelace,\n\nPlease confirm that ada@example.org is your address on "
        "127.0.0.1:8000: open this link and press “Verify my email”.\n\n"
        f"http://127.0.0.1:8000{link_in(message)}\n\nThe link works once, for 3 days. A "
        "verified address lets you claim any poster the organizers listed under it.\n\n"
        "If you did not create an account, ignore this email."
    )
    assert (
        "We sent a link to ada@example.org to verify your address: it works once, for 3 days."
        in page
    )
    assert User.objects.get().email_verified_at is None


def test_a_new_account_and_an_existing_one_start_unverified(submitter):
    user = User.objects.create_user("new@example.org", NEW_PASSWORD, name="New")

    assert (user.email_verified_at, user.has_verified_email) == (None, False)
    assert (submitter.email_verified_at, submitter.has_verified_email) == (None, False)


def test_the_link_asks_first_then_verifies_on_the_button(client, submitter, sent_link):
    client.force_login(submitter)

    question = client.get(sent_link)
    submitter.refresh_from_db()
    verified_after_looking = submitter.email_verified_at
    answer = client.post(sent_link)

    assert question.status_code == 200
    assert 'Confirm that <strong class="text-break">sam@example.org</strong>' in (
        question.content.decode()
    )
    assert verified_after_looking is None  # a mail scanner that opens links uses nothing up
    assert (answer.status_code, answer.url) == (302, "/me/")
    submitter.refresh_from_db()
    assert submitter.has_verified_email
    assert "Thank you: sam@example.org is verified." in client.get("/me/").content.decode()


def test_the_link_works_without_logging_in_then_asks_to_log_in(client, submitter, sent_link):
    answer = client.post(sent_link)

    assert (answer.status_code, answer.url) == (302, "/accounts/login/?next=/me/")
    submitter.refresh_from_db()
    assert submitter.has_verified_email


def test_the_link_works_once(client, submitter, sent_link):
    client.force_login(submitter)
    client.post(sent_link)
    submitter.refresh_from_db()
    first = submitter.email_verified_at

    again = client.post(sent_link)

    assert again.status_code == 200
    assert str(again.context["refusal"]) == USED
    assert "Your email address sam@example.org is verified: there is nothing left to do." in (
        again.content.decode()
    )
    submitter.refresh_from_db()
    assert submitter.email_verified_at == first


def test_every_link_sent_stops_working_once_one_is_used(client, submitter, queued_mail):
    verification.send_verification_link(submitter)
    verification.send_verification_link(submitter)
    older, newer = (link_in(message) for message in queued_mail)

    client.post(newer)

    assert str(client.get(older).context["refusal"]) == USED


@pytest.mark.parametrize(
    "after, works",
    [(timedelta(days=3), True), (timedelta(days=3, seconds=1), False)],
)
def test_a_link_works_for_three_days_to_the_second(
    client, submitter, queued_mail, time_machine, after, works
):
    sent_at = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)
    time_machine.move_to(sent_at, tick=False)
    verification.send_verification_link(submitter)
    path = link_in(queued_mail[0])
    time_machine.move_to(sent_at + after, tick=False)

    response = client.post(path)

    submitter.refresh_from_db()
    assert submitter.has_verified_email == works
    if not works:
        assert str(response.context["refusal"]) == "This link has expired."
        assert "Each link works once, for 3 days" in response.content.decode()


def test_changing_the_email_unverifies_it_and_ends_the_old_links(
    client, superuser_client, submitter, sent_link
):
    submitter.email_verified_at = timezone.now()
    submitter.save()
    old_link = links.VERIFY_EMAIL.make_token(submitter)

    response = superuser_client.post(
        f"/admin/accounts/user/{submitter.pk}/change/",
        {
            "email": "sam@elsewhere.org",
            "name": submitter.name,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )

    assert response.status_code == 302
    submitter.refresh_from_db()
    assert (submitter.email, submitter.email_verified_at) == ("sam@elsewhere.org", None)
    assert str(client.post(sent_link).context["refusal"]) == USED
    assert str(client.get(f"/accounts/verify-email/{old_link}/").context["refusal"]) == USED


def test_editing_anything_else_keeps_the_address_verified(superuser_client, submitter):
    submitter.email_verified_at = verified_at = timezone.now()
    submitter.save()

    superuser_client.post(
        f"/admin/accounts/user/{submitter.pk}/change/",
        {
            "email": submitter.email,
            "name": "Samuel Submitter",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )

    submitter.refresh_from_db()
    assert (submitter.name, submitter.email_verified_at) == ("Samuel Submitter", verified_at)


@pytest.mark.parametrize(
    "token",
    [
        "MQ",
        "MQ:1abcde:forged",
        "not-base64:1abcde:x",
        "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk:1abc:x",
        "x" * 300,
    ],
)
def test_a_forged_or_garbled_link_verifies_nobody(client, submitter, token):
    response = client.post(f"/accounts/verify-email/{token}/")

    assert response.status_code == 200
    assert "This link does not work" in response.content.decode()
    submitter.refresh_from_db()
    assert submitter.email_verified_at is None


def test_one_persons_link_does_not_verify_another(client, submitter, sent_link):
    other = UserFactory(email="other@example.org")
    uid, rest = sent_link.removeprefix("/accounts/verify-email/").split(":", 1)
    other_uid = links.VERIFY_EMAIL.make_token(other).split(":", 1)[0]

    client.post(f"/accounts/verify-email/{other_uid}:{rest}")

    other.refresh_from_db()
    assert other.email_verified_at is None


def test_a_link_made_for_another_purpose_does_nothing_here(client, submitter):
    """A future sign-in link shares the machinery, never the tokens."""
    sign_in = links.UserLink(
        purpose="sign-in",
        url_name="verify_email",
        state=lambda user: f"{user.email}|{user.last_login}",
        max_age_setting="EMAIL_VERIFICATION_MAX_AGE",
    )

    response = client.post(f"/accounts/verify-email/{sign_in.make_token(submitter)}/")

    assert str(response.context["refusal"]) == USED
    submitter.refresh_from_db()
    assert submitter.email_verified_at is None


def test_the_profile_shows_the_address_and_resends_the_link(
    logged_in, submitter, queued_mail, django_capture_on_commit_callbacks
):
    page = logged_in.get("/me/profile/").content.decode()
    response = logged_in.post("/accounts/verify-email/send/", {"next": "/me/profile/"})

    assert "not verified yet" in page
    assert 'action="/accounts/verify-email/send/"' in page
    assert (response.status_code, response.url) == (302, "/me/profile/")
    assert [(message.subject, message.to) for message in queued_mail] == [
        (SENT, ["sam@example.org"])
    ]
    logged_in.post(link_in(queued_mail[0]))
    assert "sam@example.org</span> · verified" in logged_in.get("/me/profile/").content.decode()


def test_a_verified_address_gets_no_more_links(logged_in, submitter, queued_mail):
    submitter.email_verified_at = timezone.now()
    submitter.save()

    response = logged_in.post("/accounts/verify-email/send/", {"next": "https://evil.example/"})

    assert (response.status_code, response.url) == (302, "/me/profile/")
    assert len(queued_mail) == 0
    page = logged_in.get("/me/profile/").content.decode()
    assert "Your email address sam@example.org is already verified." in page
    assert 'action="/accounts/verify-email/send/"' not in page


def test_new_links_are_throttled_per_person(logged_in, settings, queued_mail):
    settings.VERIFICATION_EMAIL_RATE = "2/h"

    statuses = [logged_in.post("/accounts/verify-email/send/").status_code for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert len(queued_mail) == 2


def test_asking_for_a_link_needs_an_account(client, db, queued_mail):
    response = client.post("/accounts/verify-email/send/")

    assert (response.status_code, response.url) == (
        302,
        "/accounts/login/?next=/accounts/verify-email/send/",
    )
    assert len(queued_mail) == 0


@pytest.mark.django_db(transaction=True)
def test_two_clicks_on_one_link_at_once_verify_once():
    for _round in range(20):
        user = UserFactory()
        token = links.VERIFY_EMAIL.make_token(user)

        outcomes = run_together(
            lambda t=token: verification.verify_email(t),
            lambda t=token: verification.verify_email(t),
        )

        assert not any(isinstance(outcome, OperationalError) for outcome in outcomes)
        assert sorted(named(outcome, (links.LinkRefused,)) for outcome in outcomes) == [
            "LinkRefused",
            "done",
        ]
        user.refresh_from_db()
        assert user.has_verified_email


def test_seed_demo_verifies_the_demo_accounts(db):
    call_command("seed_demo", "--stage", "call", "--posters", "2", stdout=StringIO())

    assert set(User.objects.filter(email_verified_at__isnull=True)) == set()
    assert User.objects.get(email="submitter@example.com").has_verified_email
