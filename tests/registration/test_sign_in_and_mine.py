"""No password: a sign-in link by email, single use and expiring, opens "My registration",
where its owner sees it, changes it, cancels it or deletes its data."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from ecosystem_day.accounts.models import User
from ecosystem_day.registration import links
from ecosystem_day.registration.models import Answer, Question, Registration
from tests.factories import RegistrationFactory, UserFactory
from tests.races import named, run_together
from tests.registration.conftest import SIGN_IN_LINK, form_data

USED = "This link has already been used, or is no longer valid."


def sign_in_path(message):
    return re.search(SIGN_IN_LINK, message.body).group(1)


@pytest.fixture
def registered(client, registration_open, morning, queued_mail):
    """Ada registered for the morning; the path of the link in her confirmation."""
    client.post("/register/", form_data([morning]))
    return sign_in_path(queued_mail[0])


def test_the_link_asks_first_then_signs_in_to_a_new_account_with_the_address_verified(
    client, registered
):
    page = client.get(registered).content.decode()
    assert 'Sign in as <strong class="text-break">ada@example.org</strong>' in page
    assert not User.objects.exists()  # a mail scanner opening the link changes nothing

    response = client.post(registered)

    assert (response.status_code, response.url) == (302, "/me/registration/")
    user = User.objects.get()
    assert (user.email, user.name, user.has_usable_password(), user.has_verified_email) == (
        "ada@example.org",
        "Ada Lovelace",
        False,
        True,
    )
    assert Registration.objects.get().user == user
    mine = client.get("/me/registration/").content.decode()
    assert "My registration for" in mine
    assert "Morning (EMEA)" in mine


def test_a_link_works_once(client, registered):
    client.post(registered)
    client.logout()

    again = client.post(registered)

    assert again.status_code == 200
    assert USED in again.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_link_expires_after_two_days(client, registered):
    with time_machine.travel(timezone.now() + timedelta(days=2, seconds=1)):
        response = client.post(registered)

    assert "This link has expired." in response.content.decode()
    assert not User.objects.exists()


def test_a_link_still_works_on_its_last_second(client, registered):
    with time_machine.travel(timezone.now() + timedelta(days=2) - timedelta(seconds=5)):
        response = client.post(registered)

    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_two_clicks_on_one_link_at_once_sign_in_once(registration_open, morning, queued_mail):
    from ecosystem_day.registration import services

    services.register(
        event=morning.event, name="Ada", email="ada@example.org", tracks=[morning], time_zone="UTC"
    )
    token = sign_in_path(queued_mail[0]).split("/")[-2]

    outcomes = run_together(
        lambda: links.sign_in_with_link(token), lambda: links.sign_in_with_link(token)
    )

    assert sorted(named(o, (links.LinkRefused,)) for o in outcomes) == ["LinkRefused", "done"]
    assert User.objects.count() == 1


def test_an_existing_unverified_account_links_up_and_loses_the_password_nobody_proved(
    client, registered
):
    user = UserFactory(email="ADA@example.org")

    client.post(registered)

    user.refresh_from_db()
    assert (user.has_verified_email, user.has_usable_password()) == (True, False)
    assert Registration.objects.get().user == user


def test_an_existing_verified_account_keeps_its_password(client, registered):
    user = UserFactory(email="ada@example.org", email_verified_at=timezone.now())

    client.post(registered)

    user.refresh_from_db()
    assert user.has_usable_password()


def test_asking_for_a_link_answers_alike_for_any_address(client, event, registered, queued_mail):
    known = client.post("/register/sign-in/", {"email": "Ada@example.org"}, follow=True)
    unknown = client.post("/register/sign-in/", {"email": "nobody@example.org"}, follow=True)

    def said(response):
        return [str(m) for m in response.context["messages"]][0].split(" is registered")[1]

    assert said(known) == said(unknown)
    assert [m.subject for m in queued_mail][1:] == [f"Your sign-in link for {event.name}"]
    assert client.post(sign_in_path(queued_mail[1])).status_code == 302


def test_my_registration_without_signing_in_leads_to_the_sign_in_link_page(client, db, event):
    response = client.get("/me/registration/")

    assert response.url == "/register/sign-in/?next=/me/registration/"


@pytest.fixture
def signed_in(client, registered):
    client.post(registered)
    return client


def test_its_owner_changes_sessions_zone_and_answers(
    client, event, signed_in, morning, evening, queued_mail
):
    question = Question.objects.create(event=event, label="Dietary needs?", kind="text")
    data = form_data([evening], time_zone="Europe/Berlin", name="Ada King")
    data[f"question_{question.pk}"] = "None, thanks"
    del data["email"], data["code_of_conduct"]

    response = client.post("/me/registration/", data)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.name, registration.time_zone, list(registration.tracks.all())) == (
        "Ada King",
        "Europe/Berlin",
        [evening],
    )
    assert list(Answer.objects.values_list("value", flat=True)) == ["None, thanks"]
    assert queued_mail[-1].subject == f"Your registration for {event.name} was changed"
    assert "- Evening (APAC / US):" in queued_mail[-1].body
    assert "(Europe/Berlin)" in queued_mail[-1].body


def test_its_owner_cancels_it_after_a_confirmation_page(client, event, signed_in, queued_mail):
    page = client.get("/me/registration/cancel/").content.decode()
    response = client.post("/me/registration/cancel/")

    assert "Cancel your registration?" in page
    assert response.url == "/me/registration/"
    assert Registration.objects.get().status == "cancelled"
    assert queued_mail[-1].subject == f"Your registration for {event.name} is cancelled"
    assert client.get("/me/registration/cancel/").status_code == 404


def test_after_cancelling_the_same_address_registers_again_and_the_history_says_so(
    client, event, signed_in, evening, queued_mail
):
    client.post("/me/registration/cancel/")
    cancelled_page = client.get("/me/registration/").content.decode()

    response = client.post("/register/", form_data([evening], name="Ada King"))

    registration = Registration.objects.get()
    assert '<a class="btn btn-primary" href="/register/">Register again</a>' in cancelled_page
    assert response.url == "/register/sent/"
    assert (registration.status, registration.name, list(registration.tracks.all())) == (
        "registered",
        "Ada King",
        [evening],
    )
    assert list(registration.changes.values_list("from_status", "to_status")) == [
        ("", "registered"),
        ("registered", "cancelled"),
        ("cancelled", "registered"),
    ]
    assert queued_mail[-1].subject == f"You are registered for {event.name}"
    assert client.get("/me/registration/cancel/").status_code == 200  # theirs to cancel again


def test_a_deleted_registrations_address_registers_afresh(client, event, signed_in, morning):
    client.post("/me/registration/delete/")

    client.post("/register/", form_data([morning]))

    assert sorted(Registration.objects.values_list("email", "status")) == [
        ("", "cancelled"),
        ("ada@example.org", "registered"),
    ]


def test_deleting_my_data_blanks_what_names_me_and_keeps_the_counts(
    client, event, signed_in, morning
):
    question = Question.objects.create(event=event, label="Why?", kind="text")
    registration = Registration.objects.get()
    Answer.objects.create(registration=registration, question=question, value="Curious")

    response = client.post("/me/registration/delete/")

    registration.refresh_from_db()
    assert response.url == "/me/registration/"
    assert (
        registration.name,
        registration.email,
        registration.affiliation,
        registration.user,
        registration.status,
        registration.country.code,
        list(registration.tracks.all()),
    ) == ("", "", "", None, "cancelled", "GB", [morning])
    assert registration.anonymised_at is not None
    assert not Answer.objects.exists()
    assert list(registration.changes.values_list("changed_by", flat=True)) == [None, None]
    assert "You are not registered" in client.get("/me/registration/").content.decode()


def test_a_deleted_registrations_links_no_longer_work(client, registered, signed_in):
    client.post("/me/registration/delete/")
    client.logout()

    assert "This link is not valid." in client.get(registered).content.decode()


def test_nobody_changes_anyone_elses_registration(client, event, registration_open, morning):
    RegistrationFactory(event=event, tracks=[morning], user=UserFactory())
    client.force_login(UserFactory())

    assert "You are not registered" in client.get("/me/registration/").content.decode()
    assert client.post("/me/registration/cancel/").status_code == 404
    assert client.post("/me/registration/delete/").status_code == 404
    assert client.post("/me/registration/", form_data([morning])).status_code == 404
    assert Registration.objects.get().status == "registered"


def test_after_registration_closes_it_can_be_cancelled_but_not_changed(
    client, signed_in, registration_open, morning
):
    registration_open.closes_at = timezone.now() - timedelta(seconds=1)
    registration_open.opens_at = timezone.now() - timedelta(days=3)
    registration_open.save()

    page = client.get("/me/registration/").content.decode()
    refused = client.post("/me/registration/", form_data([morning], name="Changed"))

    assert "Change it" not in page
    assert refused.status_code == 403
    assert Registration.objects.get().name == "Ada Lovelace"
    assert client.post("/me/registration/cancel/").status_code == 302
