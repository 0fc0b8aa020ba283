"""The menu offers registration: "Register" on every page of the current edition (to the form
until registration closes, or to the external address organizers gave, as in 2021), and "My
registration" in the account's menu for a signed-in visitor who holds one. Anonymous pages
stay one cached copy for everyone, so only signed-in pages (never cached) differ by person."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import EventFactory, RegistrationFactory, RegistrationSettingsFactory
from tests.sessions.helpers import page

PAGES = ["/", "/schedule/", "/posters/", "/speakers/"]


def menu(response):
    """The menu's links as (text, address)."""
    nav = page(response).one("id", "site-menu")
    return [(link.text, link.attrs["href"]) for link in nav.find_all("href")]


def registration_links(response):
    return [
        (text, href) for text, href in menu(response) if text in ("Register", "My registration")
    ]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_offers_register_while_registration_is_open(client, registration_open, path):
    response = client.get(path)

    assert registration_links(response) == [("Register", "/register/")]
    assert "Cookie" not in response.get("Vary", "")


def test_before_registration_opens_register_leads_to_the_page_that_says_when(client, event):
    RegistrationSettingsFactory(
        event=event,
        opens_at=timezone.now() + timedelta(days=2),
        closes_at=timezone.now() + timedelta(days=9),
    )

    assert registration_links(client.get("/schedule/")) == [("Register", "/register/")]
    assert "Registration opens on" in client.get("/register/").content.decode()


def test_once_registration_closes_the_menu_no_longer_offers_it(client, event, time_machine):
    found = RegistrationSettingsFactory(event=event)
    assert registration_links(client.get("/schedule/")) == [("Register", "/register/")]

    time_machine.move_to(found.closes_at + timedelta(seconds=1), tick=False)

    assert registration_links(client.get("/schedule/")) == []


def test_an_external_registration_address_is_where_register_leads(client, event):
    RegistrationSettingsFactory(event=event, external_url="https://www.eventbrite.com/e/ptd-2021")

    assert registration_links(client.get("/posters/")) == [
        ("Register", "https://www.eventbrite.com/e/ptd-2021")
    ]


def test_an_edition_without_registration_offers_none(client, event):
    assert registration_links(client.get("/schedule/")) == []


def test_a_signed_in_registrant_sees_my_registration_and_anyone_else_register(
    client, event, registration_open, morning, submitter
):
    client.force_login(submitter)
    assert registration_links(client.get("/schedule/")) == [("Register", "/register/")]

    RegistrationFactory(event=event, user=submitter, email=submitter.email, tracks=[morning])

    assert registration_links(client.get("/schedule/")) == [
        ("My registration", "/me/registration/")
    ]
    assert registration_links(client.get("/me/registration/")) == [
        ("My registration", "/me/registration/")
    ]


@pytest.mark.parametrize("status", ["wait_listed", "cancelled"])
def test_the_wait_list_keeps_my_registration_and_a_cancelled_one_offers_register_again(
    client, event, registration_open, morning, submitter, status
):
    RegistrationFactory(
        event=event, user=submitter, email=submitter.email, tracks=[morning], status=status
    )
    client.force_login(submitter)

    expected = "My registration" if status == "wait_listed" else "Register"
    assert [text for text, _ in registration_links(client.get("/"))] == [expected]


def test_the_shared_copy_says_register_even_after_a_registrant_loaded_the_page(
    client, event, registration_open, morning, submitter
):
    RegistrationFactory(event=event, user=submitter, email=submitter.email, tracks=[morning])
    client.force_login(submitter)
    client.get("/schedule/")
    client.logout()

    response = client.get("/schedule/")

    assert registration_links(response) == [("Register", "/register/")]
    assert response["Cache-Control"].startswith("public")


def test_a_past_editions_pages_offer_no_registration(client, event, registration_open):
    past = EventFactory(name="PyTorch Ecosystem Day 2021", slug="2021", is_current=False)
    past.date = event.date - timedelta(days=400)
    past.save()
    RegistrationSettingsFactory(event=past)

    assert registration_links(client.get("/2021/schedule/")) == []


def registration_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in queries if 'FROM "registration_registration"' in q["sql"]]


def test_the_menu_costs_a_signed_in_visitor_one_query_and_an_anonymous_visitor_none(
    client, event, registration_open, morning, submitter
):
    RegistrationFactory(event=event, user=submitter, email=submitter.email, tracks=[morning])

    anonymous = registration_queries(client, "/posters/")
    client.force_login(submitter)
    signed_in = registration_queries(client, "/posters/")

    assert (len(anonymous), len(signed_in)) == (0, 1), anonymous
