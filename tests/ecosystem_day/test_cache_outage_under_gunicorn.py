"""Redis goes away under a running site, then hangs: a fault test.

The site runs under gunicorn (production settings, two sync workers) with REDIS_URL pointing
at a Redis of the test's own and the test's database. With that Redis stopped (connections
refused) and then hung (`kill -STOP`: connections accepted, nothing ever answers), every page
attendees load answers 200 within a bounded time, log-in and password reset work, /healthz
answers 200 and names the cache as unavailable, and the failure is logged, never raised.
Once Redis is back, the site uses it again by itself.

`CACHE_OUTAGE_ROUNDS=500` sends more requests (4 pages each round) for a measurement; the
figures are printed (`pytest -s`).
"""

import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from sessions.releases import release_schedule
from tests.factories import (
    PASSWORD,
    AcceptedPosterFactory,
    EventFactory,
    RoomFactory,
    ScheduledBreakoutFactory,
    TopicFactory,
    TrackFactory,
    UserFactory,
)
from tests.own_redis import free_port, running_redis

ROOT = Path(__file__).resolve().parent.parent.parent
PAGES = ["/", "/schedule/", "/posters/", "/accounts/login/"]
ROUNDS = int(os.environ.get("CACHE_OUTAGE_ROUNDS", "20"))
BOUND = 1.5  # seconds: no request may take longer while Redis is down or hung
CSRF = "cacheOutageCacheOutageCacheOut32"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def own_redis():
    yield from running_redis()


def database_url():
    """The test database, for the site's own processes."""
    db = connection.settings_dict
    password = f":{urllib.parse.quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    host = urllib.parse.quote(db["HOST"] or "", safe="")
    return f"postgres://{urllib.parse.quote(db['USER'] or '')}{password}@{host}{port}/{db['NAME']}"


def fetch(port, method, path, cookie="", body=None):
    """(status, headers, body, seconds) of one request on a fresh connection."""
    started = time.monotonic()
    link = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    link.request(method, path, body=body, headers=headers)
    response = link.getresponse()
    answer = (response.status, dict(response.getheaders()), response.read().decode())
    link.close()
    return (*answer, time.monotonic() - started)


def health(port):
    status, _, body, seconds = fetch(port, "GET", "/healthz")
    return status, json.loads(body), seconds


def wait_for_cache(port, state, seconds=30):
    """Poll /healthz until it reports the cache `state` (the site's own recovery)."""
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        try:
            if health(port)[1].get("cache") == state:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"/healthz never said the cache is {state}")


def load(port, rounds):
    """Every page `rounds` times; returns {status: count} and the durations."""
    statuses, durations = {}, []
    for _ in range(rounds):
        for path in PAGES:
            status, _, page, seconds = fetch(port, "GET", path)
            assert "Traceback" not in page
            statuses[status] = statuses.get(status, 0) + 1
            durations.append(seconds)
    return statuses, durations


def figures(name, statuses, durations):
    ordered = sorted(durations)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    line = (
        f"{name}: {len(durations)} requests, statuses {statuses}, p50 "
        f"{statistics.median(ordered) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max "
        f"{ordered[-1] * 1000:.0f} ms"
    )
    print(line)
    return line


def log_in(port):
    """Log in with the test's user; the new session's cookie."""
    fields = {"csrfmiddlewaretoken": CSRF, "username": "sam@example.org", "password": PASSWORD}
    status, headers, _, _ = fetch(
        port, "POST", "/accounts/login/", f"csrftoken={CSRF}", urllib.parse.urlencode(fields)
    )
    assert (status, headers.get("Location")) == (302, "/me/")
    session = headers["Set-Cookie"].split("sessionid=", 1)[1].split(";", 1)[0]
    return f"sessionid={session}; csrftoken={CSRF}"


def reset_password(port):
    fields = {"csrfmiddlewaretoken": CSRF, "email": "sam@example.org"}
    return fetch(
        port,
        "POST",
        "/accounts/password-reset/",
        f"csrftoken={CSRF}",
        urllib.parse.urlencode(fields),
    )[0]


@pytest.fixture
def an_event_with_its_schedule():
    """A current edition with posters and a released schedule of three breakouts."""
    event = EventFactory(name="Cache Outage Day")
    topic = TopicFactory(event=event, name="NLP")
    AcceptedPosterFactory.create_batch(8, event=event, topic=topic)
    track, room = TrackFactory(event=event), RoomFactory(event=event)
    for hour in (9, 10, 11):
        starts_at = datetime.combine(event.date, datetime.min.time(), tzinfo=event.tz)
        starts_at += timedelta(hours=hour)
        ScheduledBreakoutFactory(event=event, track=track, room=room, starts_at=starts_at)
    sam = UserFactory(email="sam@example.org", name="Sam")
    hasher = PBKDF2PasswordHasher()  # the site's hasher (the tests' own is MD5, for speed)
    sam.password = hasher.encode(PASSWORD, hasher.salt())
    sam.save()
    release_schedule(event, by=UserFactory(groups=["Organizers"]))
    return event


@pytest.fixture
def site(own_redis, an_event_with_its_schedule):
    """gunicorn on a free port, production settings, REDIS_URL at the test's own Redis."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": own_redis.url,
        "REDIS_RETRY_AFTER": "1",  # probe again every second: more timeouts than the default
        "DEBUG": "0",
        "SECRET_KEY": "cache-outage-test-secret-key-0123456789-abcdefghijkl",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "ecosystem_day.settings",
    }
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--no-input", "-v0"],
        env=env,
        check=True,
        cwd=ROOT,
    )
    port = free_port()
    with tempfile.NamedTemporaryFile(prefix="ecosystem-day-gunicorn-", suffix=".log") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "ecosystem_day.wsgi", "-w", "2", "-k", "sync"]
            + ["-b", f"127.0.0.1:{port}", "--log-level", "warning"],
            env=env,
            cwd=ROOT,
            stderr=log,
        )
        try:
            wait_for_cache(port, "ok")
            yield {"port": port, "redis": own_redis, "log": Path(log.name)}
        finally:
            server.terminate()
            server.wait(10)


def test_with_redis_stopped_or_hung_every_page_answers_200_in_bounded_time(site):
    port, redis = site["port"], site["redis"]
    assert load(port, 1)[0] == {200: len(PAGES)}
    assert redis.keys() > 0  # the site used its cache while it answered
    measured = []

    redis.stop()
    statuses, durations = load(port, ROUNDS)
    measured.append(figures("stopped", statuses, durations))
    assert statuses == {200: ROUNDS * len(PAGES)}
    assert max(durations) < BOUND, measured[-1]
    status, body, seconds = health(port)
    assert (status, body) == (200, {"status": "degraded", "database": "ok", "cache": "unavailable"})
    cookie = log_in(port)
    assert fetch(port, "GET", "/me/", cookie)[0] == 200
    assert reset_password(port) == 302

    redis.start()
    wait_for_cache(port, "ok")
    redis.hang()
    statuses, durations = load(port, ROUNDS)
    measured.append(figures("hung", statuses, durations))
    assert statuses == {200: ROUNDS * len(PAGES)}
    assert max(durations) < BOUND, measured[-1]
    status, body, seconds = health(port)
    assert (status, body) == (200, {"status": "degraded", "database": "ok", "cache": "unavailable"})
    assert seconds < BOUND
    assert fetch(port, "GET", "/me/", cookie)[0] == 200

    redis.resume()
    wait_for_cache(port, "ok")
    assert load(port, 1)[0] == {200: len(PAGES)}

    errors = site["log"].read_text()
    assert "Traceback" not in errors
    assert "The cache is unavailable" in errors
