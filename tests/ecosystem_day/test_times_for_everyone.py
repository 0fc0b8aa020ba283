"""One HTML for every visitor: times in the event's zone for the browser to rewrite, a page
that shared caches may keep, and ?tz= as the one input that makes the server write a zone."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.template import Context, Template
from django.test import Client, RequestFactory

from ecosystem_day.event.caching import SHARED_MAX_AGE
from ecosystem_day.event.middleware import VisitorTimeZoneMiddleware
from ecosystem_day.event.templatetags.schedule_time import zone_options_html
from tests.factories import EventFactory, ScheduleItemFactory
from tests.sessions.helpers import at, ecosystem_day_2021, released


def render(source, event, query="", **values):
    """A template rendered for a request of `/?{query}`, through the visitor zone middleware."""
    request = RequestFactory().get(f"/?{query}")
    VisitorTimeZoneMiddleware(lambda request: None)(request)
    return Template(source).render(Context({"event": event, "request": request, **values}))


SPAN = "{% load schedule_time %}{% time_span starts ends %}"


@pytest.fixture
def ecosystem_day(db):
    return ecosystem_day_2021()


def test_a_time_span_is_the_events_times_with_utc_moments_for_the_browser(ecosystem_day):
    html = render(SPAN, ecosystem_day, starts=at(15), ends=at(15, 40))

    assert html == (
        '<span class="time-span" data-time-span data-event-date="2021-04-21" '
        'data-event-zone="America/Los_Angeles"><span class="d-block" data-times="event">'
        '<time datetime="2021-04-21T22:00:00+00:00">3:00 PM PDT</time> – '
        '<time datetime="2021-04-21T22:40:00+00:00">3:40 PM PDT</time></span></span>'
    )


def test_with_tz_the_server_writes_the_visitors_line_first_and_the_events_below(ecosystem_day):
    html = render(SPAN, ecosystem_day, "tz=Asia/Tokyo", starts=at(15), ends=at(15, 40))

    assert html == (
        '<span class="time-span" data-time-span data-event-date="2021-04-21" '
        'data-event-zone="America/Los_Angeles" data-zone="Asia/Tokyo">'
        '<span class="d-block fw-semibold" data-times="visitor">'
        '<time datetime="2021-04-21T22:00:00+00:00">Thu, Apr 22, 7:00 AM JST</time> – '
        '<time datetime="2021-04-21T22:40:00+00:00">7:40 AM JST</time></span>'
        '<span class="d-block small text-body-secondary">Event time: <span data-times="event">'
        '<time datetime="2021-04-21T22:00:00+00:00">3:00 PM PDT</time> – '
        '<time datetime="2021-04-21T22:40:00+00:00">3:40 PM PDT</time></span></span></span>'
    )


def test_a_moment_names_the_events_zone_and_its_format_for_the_browser(ecosystem_day):
    html = render(
        "{% load event_time %}{% event_time moment 'short' %}", ecosystem_day, moment=at(15)
    )

    assert html == (
        '<span class="moment" data-moment="short" data-event-zone="America/Los_Angeles">'
        '<time datetime="2021-04-21T22:00:00+00:00" data-times="event">'
        "Wed, Apr 21, 3:00 PM PDT (America/Los_Angeles)</time></span>"
    )


def test_the_tz_cookie_no_longer_changes_the_page(ecosystem_day):
    ScheduleItemFactory(event=ecosystem_day, starts_at=at(15), ends_at=at(15, 40))
    released(ecosystem_day)
    plain = Client().get("/schedule/").content
    with_cookie = Client(headers={"Cookie": "tz=Asia/Tokyo"}).get("/schedule/").content

    assert with_cookie == plain
    assert b'data-times="visitor"' not in plain


def test_tz_in_the_url_does_change_the_page(ecosystem_day):
    ScheduleItemFactory(event=ecosystem_day, starts_at=at(15), ends_at=at(15, 40))
    released(ecosystem_day)

    page = Client().get("/schedule/?tz=Asia/Tokyo").content.decode()

    assert re.findall(r"<span data-clock><time[^>]*>([^<]*)</time>", page) == ["7:00"]
    assert "Thursday, April 22 · times in Asia/Tokyo (JST)" in page


@pytest.mark.parametrize("path", ["/", "/schedule/", "/posters/", "/speakers/"])
def test_an_anonymous_page_may_be_kept_by_shared_caches_without_varying_on_cookies(
    ecosystem_day, path
):
    response = Client().get(path)

    assert response.status_code == 200
    assert response["Cache-Control"] == f"public, max-age={SHARED_MAX_AGE}"
    assert "Cookie" not in response.get("Vary", "")
    assert response.has_header("ETag")
    assert response.cookies == {}


def test_a_page_that_changes_by_itself_soon_is_kept_by_shared_caches_only_until_then(db):
    deadline = datetime(2026, 3, 18, 23, 59, 59, tzinfo=UTC)
    with time_machine.travel(deadline - timedelta(seconds=90), tick=False) as clock:
        EventFactory(cfp_deadline=deadline)
        # The call closes once its last second is over: 90 + 1 seconds from now.
        assert Client().get("/")["Cache-Control"] == "public, max-age=91"

        clock.move_to(deadline - timedelta(seconds=30))

        assert Client().get("/")["Cache-Control"] == "public, max-age=31"


def test_a_repeat_visit_with_the_etag_gets_304_with_the_same_cache_policy(ecosystem_day):
    visitor = Client()
    first = visitor.get("/schedule/")

    again = visitor.get("/schedule/", headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert again["Cache-Control"] == f"public, max-age={SHARED_MAX_AGE}"


def test_a_signed_in_visitors_page_is_never_stored_by_anyone(client, ecosystem_day, submitter):
    client.force_login(submitter)

    response = client.get("/schedule/")

    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "query_or_cookie",
    [{"query": {"tz": "Mars/Base"}}, {"cookie": "messages=abc"}],
    ids=["unknown zone", "message"],
)
def test_a_page_that_repeats_the_visitors_words_or_a_message_stays_private(
    ecosystem_day, query_or_cookie
):
    visitor = Client(headers={"Cookie": query_or_cookie.get("cookie", "")})

    response = visitor.get("/schedule/", query_or_cookie.get("query", {}))

    assert response["Cache-Control"] == "private, no-cache"


def test_the_picker_groups_the_common_zones_by_region_with_the_others_last():
    groups = re.findall(r'<optgroup label="([^"]+)">', zone_options_html())

    assert groups == [
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Canada",
        "Europe",
        "Indian",
        "Pacific",
        "US",
        "Other",
    ]
    assert '<option value="Asia/Tokyo">Tokyo</option>' in zone_options_html()
    assert '<option value="America/Argentina/Buenos_Aires">Argentina / Buenos Aires</option>' in (
        zone_options_html()
    )


def test_the_browsers_request_for_favicon_ico_gets_the_icon(db):
    response = Client().get("/favicon.ico")

    assert (response.status_code, response["Content-Type"]) == (200, "image/x-icon")
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_visitors_with_different_zones_in_their_cookies_share_one_cached_copy(
    ecosystem_day, django_assert_num_queries
):
    Client(headers={"Cookie": "tz=Asia/Tokyo"}).get("/schedule/")

    with django_assert_num_queries(0):
        response = Client(headers={"Cookie": "tz=Europe/Berlin"}).get("/schedule/")

    assert response.status_code == 200
