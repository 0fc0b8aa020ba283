"""The home page: what every visitor sees first, fast and never stale."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils.html import strip_tags

from tests.factories import EventFactory

LOS_ANGELES = ZoneInfo("America/Los_Angeles")


@pytest.fixture
def closed_call(db):
    return EventFactory(
        name="PyTorch Ecosystem Day 2021",
        cfp_deadline=datetime(2021, 3, 18, 23, 59, 59, tzinfo=LOS_ANGELES),
    )


def test_the_home_page_shows_the_event_its_day_and_that_the_call_is_closed(client, closed_call):
    page = client.get("/").content.decode()

    assert "PyTorch Ecosystem Day 2021" in page
    assert (
        'The call for posters closed on <span class="moment" data-moment="long" '
        'data-event-zone="America/Los_Angeles">'
        '<time datetime="2021-03-19T06:59:59+00:00" data-times="event">'
        "Thursday, March 18, 2021, 11:59:59 PM PDT (America/Los_Angeles)</time></span>"
    ) in page


def test_an_open_call_says_how_long_is_left_and_links_to_the_form(client, event):
    page = client.get("/").content.decode()

    assert "Proposals close in <strong>6\xa0days, 23\xa0hours</strong>" in page
    assert 'href="/posters/submit/"' in page


def test_the_deadline_is_also_shown_in_the_zone_asked_for_with_tz(client, closed_call):
    page = client.get("/", {"tz": "Asia/Tokyo"}).content.decode()

    assert (
        "The call for posters closed on Friday, March 19, 2021, 3:59:59 PM JST (Asia/Tokyo) "
        "(event time: "
        "Thursday, March 18, 2021, 11:59:59 PM PDT (America/Los_Angeles))."
    ) in strip_tags(page)


def test_an_unknown_zone_is_ignored_and_the_event_zone_is_shown(client, closed_call):
    response = client.get("/?tz=Mars/Olympus_Mons")

    assert response.status_code == 200
    assert 'data-times="visitor"' not in response.content.decode()


def test_without_an_event_the_home_page_tells_organizers_what_to_do(client, db):
    page = client.get("/").content.decode()

    assert "No event yet" in page


def test_an_organizers_change_to_the_event_shows_at_once_despite_the_cache(
    client, closed_call, django_capture_on_commit_callbacks
):
    assert "PyTorch Ecosystem Day 2021" in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        closed_call.name = "PyTorch Ecosystem Day 2022"
        closed_call.save()

    page = client.get("/").content.decode()
    assert "PyTorch Ecosystem Day 2022" in page
    assert "PyTorch Ecosystem Day 2021" not in page


def test_a_repeat_visit_with_the_same_etag_gets_304_not_modified(client, closed_call):
    first = client.get("/")
    etag = first.headers["ETag"]

    second = client.get("/", headers={"If-None-Match": etag})

    assert second.status_code == 304
    assert second.content == b""


def test_a_cached_home_page_costs_no_query(client, closed_call, django_assert_num_queries):
    client.get("/")

    with django_assert_num_queries(0):
        client.get("/")


def test_signed_in_visitors_are_not_served_anonymous_pages(client, closed_call, submitter):
    client.get("/")
    client.force_login(submitter)

    page = client.get("/").content.decode()

    assert "Sam Submitter" in page
    assert "Log out" in page


def test_the_liveness_check_answers_ok_without_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/livez")

    assert response.content == b"ok"


def test_the_health_check_asks_the_database_once_and_says_it_answers(
    client, db, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/healthz")

    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok"},
    )
