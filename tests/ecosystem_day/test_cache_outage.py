"""The shared cache (Redis) stopped or hung: the site renders without it, in bounded time.

The cache is configured as production configures it (`redis_cache` in settings), against a
Redis of the test's own. Its outage is a miss and one logged warning, never an error; the
process leaves Redis alone for a short back-off, so a hung Redis costs one timeout, not one
per call. Nothing that must last lives there: sessions and log-in lockouts are in
PostgreSQL, and the sign-up and reset throttles let requests through while it is down.
The same under gunicorn, with every page and its latency: test_cache_outage_under_gunicorn.py.
"""

import logging
import time

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from redis.exceptions import ResponseError

from ecosystem_day.infra import cache_backend
from ecosystem_day.settings import redis_cache
from tests.factories import PASSWORD
from tests.own_redis import running_redis

PAGES = ["/", "/schedule/", "/posters/", "/accounts/login/"]
TIMEOUT = 0.25  # the production default for connecting and for reading
BACK_OFF = 0.6  # seconds, shorter than production's 5 so that the test sees the retry

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_redis():
    # A new server may reuse an earlier one's port: forget what this process knew of that.
    cache_backend._resting_until.clear()
    yield from running_redis()


@pytest.fixture
def redis(settings, own_redis):
    """The site's cache is the test's own Redis, configured as in production."""
    settings.CACHES = {"default": redis_cache(own_redis.url)}
    return own_redis


@pytest.fixture
def short_back_off(settings, redis):
    """The same, leaving Redis alone for BACK_OFF seconds after a failure."""
    shared = redis_cache(redis.url)
    shared["OPTIONS"]["retry_after"] = BACK_OFF
    settings.CACHES = {"default": shared}
    return redis


@pytest.fixture
def warnings(caplog):
    """What the cache logged."""
    caplog.set_level(logging.WARNING, logger="ecosystem_day.infra.cache_backend")
    return lambda: [r.getMessage() for r in caplog.records if r.name.startswith("ecosystem_day")]


def timed(call):
    started = time.monotonic()
    answer = call()
    return answer, time.monotonic() - started


def test_the_production_cache_gives_up_on_redis_within_a_quarter_second():
    options = redis_cache("redis://cache.example.org:6379/0")["OPTIONS"]

    assert (options["socket_connect_timeout"], options["socket_timeout"]) == (TIMEOUT, TIMEOUT)
    assert (options["retry"].get_retries(), options["retry_after"]) == (0, 5)


def test_with_redis_stopped_every_page_renders_and_the_outage_is_logged_once(
    client, event, redis, warnings
):
    redis.stop()

    answers = [client.get(path).status_code for path in PAGES * 3]

    assert answers == [200] * len(PAGES) * 3
    assert len(warnings()) == 1
    assert warnings()[0].startswith("The cache is unavailable (Error 111 connecting to 127.0.0.1:")


def test_a_hung_redis_costs_one_short_timeout_then_is_left_alone_until_the_back_off_ends(
    short_back_off, warnings
):
    redis = short_back_off
    assert cache.get("page") is None  # connected
    redis.hang()

    first, first_took = timed(lambda: cache.get("page", "missed"))
    rest, rest_took = timed(lambda: [cache.get("page", "missed") for _ in range(100)])
    time.sleep(BACK_OFF)
    retried, retry_took = timed(lambda: cache.get("page", "missed"))

    assert (first, rest, retried) == ("missed", ["missed"] * 100, "missed")
    assert TIMEOUT <= first_took < 2 * TIMEOUT  # one timeout, no retry
    assert rest_took < TIMEOUT  # a hundred calls, none of which reached Redis
    assert TIMEOUT <= retry_took < 2 * TIMEOUT  # one probe once the back-off is over
    assert len(warnings()) == 2
    assert warnings()[0].startswith("The cache is unavailable (Timeout reading from socket)")


def test_once_redis_answers_again_the_cache_is_used_again_after_the_back_off(
    short_back_off, warnings
):
    redis = short_back_off
    redis.stop()
    cache.set("page", "rendered")
    redis.start()
    time.sleep(BACK_OFF)

    cache.set("page", "rendered")

    assert (cache.get("page"), redis.keys()) == ("rendered", 1)
    assert warnings()[1:] == ["The cache answers again."]


def test_only_an_outage_is_absorbed_a_wrong_command_still_raises(redis):
    cache.set("title", "not a number")

    with pytest.raises(ResponseError):
        cache.incr("title")


def test_health_check_says_the_site_is_degraded_not_down_while_the_cache_is(client, redis):
    up = client.get("/healthz")
    redis.stop()
    down = client.get("/healthz")

    assert (up.status_code, up.json()) == (200, {"status": "ok", "database": "ok", "cache": "ok"})
    assert (down.status_code, down.json()) == (
        200,
        {"status": "degraded", "database": "ok", "cache": "unavailable"},
    )


def test_with_the_cache_down_log_in_works_and_its_session_is_kept_in_postgresql(
    client, submitter, redis
):
    redis.stop()

    answer = client.post("/accounts/login/", {"username": "sam@example.org", "password": PASSWORD})

    assert (answer.status_code, answer.url) == (302, "/me/")
    assert Session.objects.get().get_decoded()["_auth_user_id"] == str(submitter.pk)
    assert client.get("/me/").status_code == 200


def test_with_the_cache_down_wrong_passwords_still_lock_the_log_in(client, submitter, redis):
    redis.stop()

    for _ in range(5):
        client.post("/accounts/login/", {"username": "sam@example.org", "password": "wrong"})
    right = client.post("/accounts/login/", {"username": "sam@example.org", "password": PASSWORD})

    assert right.status_code == 429


@pytest.mark.parametrize(
    ("redis_state", "answers"),
    [("up", [200, 200, 429, 429]), ("stopped", [200, 200, 200, 200])],
)
def test_sign_ups_are_throttled_while_the_cache_answers_and_let_through_while_it_is_down(
    client, settings, redis, redis_state, answers
):
    settings.SIGNUP_RATE = "2/h"
    if redis_state == "stopped":
        redis.stop()

    statuses = [client.post("/accounts/signup/", {"name": "N"}).status_code for _ in range(4)]

    assert statuses == answers
