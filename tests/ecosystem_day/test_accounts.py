"""People sign up, log in and out, and reset a forgotten password with their email."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from post_office.models import STATUS, Email

from ecosystem_day.accounts.models import User
from tests.factories import PASSWORD, UserFactory

NEW_PASSWORD = "purple-otter-violin-2021"
WRONG_LOGIN = (
    "Please enter a correct email address and password. Note that both fields may be "
    "case-sensitive."
)


def logged_in_user_id(client):
    return client.session.get(SESSION_KEY)


def log_in(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_signing_up_logs_the_new_user_in_and_lands_on_my_proposals(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "name": "Ada Lovelace",
            "email": "Ada@Example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert response.url == "/me/"
    user = User.objects.get()
    assert (user.name, user.email) == ("Ada Lovelace", "ada@example.org")
    assert user.check_password(NEW_PASSWORD)
    assert logged_in_user_id(client) == str(user.pk)
    page = client.get(response.url).content.decode()
    assert "Welcome, Ada Lovelace! Your account is ready." in page


def test_signing_up_with_an_email_already_taken_in_any_case_is_refused(client, submitter):
    response = client.post(
        "/accounts/signup/",
        {
            "name": "Another Sam",
            "email": "SAM@Example.ORG",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 200
    message = "An account with this email already exists. Log in, or reset its password."
    assert response.context["form"].errors["email"] == [message]
    assert message in response.content.decode()
    assert User.objects.count() == 1
    assert logged_in_user_id(client) is None


def test_logging_in_with_email_and_password_lands_on_my_proposals(client, submitter):
    response = log_in(client, "sam@example.org", PASSWORD)

    assert response.status_code == 302
    assert response.url == "/me/"
    assert logged_in_user_id(client) == str(submitter.pk)


def test_a_wrong_password_shows_an_error_and_does_not_log_in(client, submitter):
    response = log_in(client, "sam@example.org", "not-my-password")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [WRONG_LOGIN]
    assert WRONG_LOGIN in response.content.decode()
    assert logged_in_user_id(client) is None


def test_after_five_wrong_passwords_even_the_right_one_meets_the_lockout_page(client, submitter):
    answers = [log_in(client, "sam@example.org", "not-my-password") for _ in range(5)]
    assert [answer.status_code for answer in answers[:4]] == [200, 200, 200, 200]

    response = log_in(client, "sam@example.org", PASSWORD)

    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_failed_log_ins_are_counted_against_the_email_that_was_tried(client, submitter):
    for _ in range(2):
        log_in(client, "sam@example.org", "not-my-password")

    attempts = list(AccessAttempt.objects.values_list("username", "failures_since_start"))
    assert attempts == [("sam@example.org", 2)]


def test_four_wrong_passwords_do_not_lock_the_account(client, submitter):
    for _ in range(4):
        log_in(client, "sam@example.org", "not-my-password")

    response = log_in(client, "sam@example.org", PASSWORD)

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(submitter.pk)


def test_logging_out_by_a_plain_link_is_not_allowed(client, submitter):
    client.force_login(submitter)

    response = client.get("/accounts/logout/")

    assert response.status_code == 405
    assert logged_in_user_id(client) == str(submitter.pk)


def test_logging_out_with_the_button_ends_the_session(client, submitter):
    client.force_login(submitter)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response.url == "/"
    assert logged_in_user_id(client) is None
    assert client.get("/me/").url == "/accounts/login/?next=/me/"


@pytest.fixture
def reset_link(client, submitter, queued_mail, django_capture_on_commit_callbacks):
    """Ask for a reset of Sam's password; return the path of the link the email carries."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password-reset/", {"email": "sam@example.org"})
    assert response.status_code == 302
    assert response.url == "/accounts/password-reset/sent/"
    assert len(queued_mail) == 1
    match = re.search(
        r"http://127.0.0.1:8000(/accounts/password-reset/[^/\s]+/[^/\s]+/)", queued_mail[0].body
    )
    assert match
    return match.group(1)


def test_a_password_reset_email_is_queued_with_a_reset_link_not_sent_in_the_request(
    reset_link, queued_mail
):
    message = queued_mail[0]

    assert message.to == ["sam@example.org"]
    assert re.fullmatch(r"/accounts/password-reset/[\w-]+/[\w-]+/", reset_link)
    assert list(Email.objects.values_list("status", "to")) == [(STATUS.queued, ["sam@example.org"])]


def test_a_password_reset_for_an_unknown_email_answers_alike_and_says_no_account_uses_it(
    client, db, queued_mail
):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response.url == "/accounts/password-reset/sent/"
    [message] = queued_mail
    assert message.to == ["nobody@example.org"]
    assert message.subject == "Password reset requested for 127.0.0.1:8000"
    assert "no account uses this address" in message.body
    assert "password-reset/" not in message.body


def test_following_the_reset_link_sets_a_new_password_that_logs_in(client, submitter, reset_link):
    form_page = client.get(reset_link, follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]

    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == "/accounts/password-reset/done/"
    login = log_in(client, "sam@example.org", NEW_PASSWORD)
    assert login.status_code == 302
    assert logged_in_user_id(client) == str(submitter.pk)
    client.post("/accounts/logout/")
    assert log_in(client, "sam@example.org", PASSWORD).status_code == 200


def test_a_used_reset_link_no_longer_works(client, submitter, reset_link):
    set_password_url = client.get(reset_link).url
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.get(reset_link, follow=True)

    assert "This link no longer works" in response.content.decode()
    submitter.refresh_from_db()
    assert submitter.check_password(NEW_PASSWORD)


def test_login_is_keyed_by_email_so_two_users_never_collide(client, db):
    UserFactory(email="one@example.org")
    two = UserFactory(email="two@example.org")

    response = log_in(client, "two@example.org", PASSWORD)

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(two.pk)
