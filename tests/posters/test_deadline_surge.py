"""The deadline minute: a thousand proposals from a hundred people, all at once, over HTTP.

Against the live server on PostgreSQL, with the clock crossing the deadline mid-surge:
every proposal the site acknowledged is saved exactly once, none is saved after the
deadline's last second, every late one gets the 403 page, and nothing answers 500.
"""

import http.client
import statistics
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from posters.models import PosterProposal
from tests.factories import EventFactory, TopicFactory, UserFactory
from tests.posters.authors import author_fields

PEOPLE, EACH, AT_ONCE = 100, 10, 24
CSRF_SECRET = "surgeSurgeSurgeSurgeSurgeSurge32"  # the cookie's secret, echoed by the form
DEADLINE = datetime(2026, 3, 18, 23, 59, 59, tzinfo=UTC)


def signed_in_cookie(user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; csrftoken={CSRF_SECRET}"


def post(address, cookie, fields):
    host, port = address
    connection = http.client.HTTPConnection(host, port, timeout=60)
    started = time.perf_counter()
    connection.request(
        "POST",
        "/posters/submit/",
        body=urllib.parse.urlencode({"csrfmiddlewaretoken": CSRF_SECRET, **fields}),
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    status = connection.getresponse().status
    connection.close()
    return status, time.perf_counter() - started


@pytest.mark.django_db(transaction=True)
def test_a_thousand_proposals_across_the_deadline_are_each_saved_once_and_never_late(
    live_server, capsys
):
    event = EventFactory(cfp_deadline=DEADLINE)
    topic = TopicFactory(event=event)
    people = [signed_in_cookie(UserFactory()) for _ in range(PEOPLE)]
    address = (live_server.thread.host, live_server.thread.port)
    jobs = [
        (f"Surge {person}-{n}", cookie) for n in range(EACH) for person, cookie in enumerate(people)
    ]

    def submit(job):
        title, cookie = job
        fields = {"title": title, "summary": "A tool for surges. " * 12, **author_fields("Ada")}
        return title, *post(address, cookie, {**fields, "topic": topic.pk, "link": ""})

    # The surge starts three seconds before the deadline's last second and runs past it.
    with time_machine.travel(DEADLINE - timedelta(seconds=3), tick=True):
        started = time.perf_counter()
        with ThreadPoolExecutor(AT_ONCE) as pool:
            answers = list(pool.map(submit, jobs))
        elapsed = time.perf_counter() - started

    statuses = {status for _title, status, _seconds in answers}
    acknowledged = sorted(title for title, status, _seconds in answers if status == 302)
    refused = [title for title, status, _seconds in answers if status == 403]
    saved = list(PosterProposal.objects.values_list("title", "created_at"))
    assert statuses <= {302, 403}
    assert acknowledged and refused, "the surge must cross the deadline"
    assert len(acknowledged) + len(refused) == PEOPLE * EACH
    assert sorted(title for title, _at in saved) == acknowledged  # none lost, none twice
    assert max(at for _title, at in saved) < DEADLINE + timedelta(seconds=1)

    latencies = sorted(seconds * 1000 for _title, _status, seconds in answers)
    with capsys.disabled():
        print(
            f"\nsurge: {len(answers)} proposals in {elapsed:.1f} s "
            f"({len(answers) / elapsed:.0f}/s), {len(acknowledged)} saved, {len(refused)} late; "
            f"p50 {statistics.median(latencies):.0f} ms, "
            f"p99 {latencies[int(len(latencies) * 0.99) - 1]:.0f} ms"
        )
