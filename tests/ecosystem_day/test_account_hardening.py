"""Accounts under attack: letter case, redirect loops, throttles, and what a stranger can learn.

The policy (docs/security.md): sign-up says when an address already has an account (people
would otherwise make a second one and lose their proposals), and is throttled per address so
a list cannot be walked; everything else keeps it to itself. Log-in answers alike for an
unknown address and a wrong password; password reset answers the same page after the same
work for both, queuing one message either way.
"""

import re

import pytest
from axes.models import AccessAttempt
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PASSWORD


def log_in(client, email, password=PASSWORD):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_logging_in_ignores_the_case_of_the_email(client, submitter):
    response = log_in(client, "Sam@Example.ORG")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(submitter.pk)


def test_failed_log_ins_in_any_case_count_toward_one_lock_out(client, submitter):
    for email in ["sam@example.org", "SAM@example.org", "Sam@example.org", "sAm@example.org"]:
        log_in(client, email, "wrong-password")
    log_in(client, "sam@EXAMPLE.org", "wrong-password")

    assert AccessAttempt.objects.get().username == "sam@example.org"
    assert log_in(client, "sam@example.org").status_code == 429  # locked: even the right one


def test_a_signed_in_visitor_sent_to_log_in_again_is_not_caught_in_a_loop(logged_in):
    for next_url in [
        "/accounts/login/",
        "/accounts/login/?next=/accounts/login/",
        "/accounts/logout/",
    ]:
        response = logged_in.get("/accounts/login/", {"next": next_url})

        assert (response.status_code, response.url) == (302, "/me/")


def test_a_safe_next_page_is_still_honoured_after_log_in(logged_in):
    response = logged_in.get("/accounts/login/", {"next": "/schedule/"})

    assert (response.status_code, response.url) == (302, "/schedule/")


def test_sign_ups_from_one_address_are_throttled(client, db, settings):
    settings.SIGNUP_RATE = "2/h"
    answers = [
        client.post("/accounts/signup/", {"name": "N", "email": f"n{i}@example.org"}).status_code
        for i in range(3)
    ]

    assert answers == [200, 200, 429]
    assert "Too many attempts" in client.post("/accounts/signup/", {}).content.decode()


def test_password_resets_from_one_address_are_throttled(client, db, settings, queued_mail):
    settings.PASSWORD_RESET_RATE = "2/h"

    answers = [
        client.post("/accounts/password-reset/", {"email": f"n{i}@example.org"}).status_code
        for i in range(3)
    ]

    assert answers == [302, 302, 429]
    assert len(queued_mail) == 2


def statements(sql_queries):
    """The SQL run, without its values: what differs between two requests' work."""
    return [re.sub(r"'[^']*'|\b\d+\b", "?", query["sql"]) for query in sql_queries]


def test_a_reset_for_a_known_and_an_unknown_address_takes_the_same_steps(
    client, submitter, queued_mail
):
    with CaptureQueriesContext(connection) as known:
        known_answer = client.post("/accounts/password-reset/", {"email": "sam@example.org"})
    with CaptureQueriesContext(connection) as unknown:
        unknown_answer = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})

    assert (known_answer.status_code, known_answer.url) == (
        unknown_answer.status_code,
        unknown_answer.url,
    )
    assert statements(known.captured_queries) == statements(unknown.captured_queries)
    assert [message.to for message in queued_mail] == [["sam@example.org"], ["nobody@example.org"]]


def test_log_in_answers_alike_for_an_unknown_address_and_a_wrong_password(client, submitter):
    unknown = log_in(client, "nobody@example.org", "whatever-password")
    wrong = log_in(client, "sam@example.org", "whatever-password")

    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()


@pytest.mark.parametrize("debug, expected", [("1", 0), ("0", 60)])
def test_persistent_connections_only_where_workers_are_long_lived(debug, expected):
    """runserver makes a thread per request and never closes its connection: with DEBUG
    (runserver) each connection is closed after its request."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DEBUG": debug, "SECRET_KEY": "x" * 50}
    env.pop("CONN_MAX_AGE", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; import django; django.setup();"
            "print(settings.DATABASES['default']['CONN_MAX_AGE'])",
        ],
        env={**env, "DJANGO_SETTINGS_MODULE": "ecosystem_day.settings"},
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == str(expected)
