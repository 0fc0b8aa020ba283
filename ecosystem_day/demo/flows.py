"""The busy minutes, driven over HTTP against the gunicorn that `make bench` starts: the
deadline surge (signed-in people submitting posters), registrations (visitors filling in the
form) and joins (registered attendees clicking Join). Every request is timed by the client
that sent it, from connecting to the last byte of the answer.

The people and rows a run makes have addresses at BENCH_DOMAIN: each run removes those of
the run before first, and its own at the end, so the demo's data stay as seeded.
"""

import http.client
import statistics
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from post_office.models import Email

from ecosystem_day.accounts.models import User
from ecosystem_day.event.models import PublicVersion
from ecosystem_day.registration import services as registrations
from ecosystem_day.registration.models import Registration
from posters.call import CallForPosters, call_for
from posters.models import PosterProposal
from sessions.published import published

BENCH_DOMAIN = "bench.invalid"
# The CSRF cookie's secret, echoed by every form sent (32 characters, as Django makes them).
CSRF_SECRET = "benchBenchBenchBenchBenchBench32"
SUMMARY = "A tool that keeps its promise when a thousand people press Submit at once. " * 2


@dataclass
class Flow:
    """What one flow measured: how many requests, in how long, and their latencies (ms)."""

    name: str
    latencies: list
    statuses: Counter
    seconds: float

    @property
    def count(self):
        return len(self.latencies)

    @property
    def p50(self):
        return statistics.median(self.latencies)

    @property
    def p99(self):
        ordered = sorted(self.latencies)
        return ordered[max(0, int(len(ordered) * 0.99) - 1)]

    @property
    def per_minute(self):
        return self.count / self.seconds * 60


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    cookie: str
    fields: dict | None = None


def send(port, request):
    """One request on a connection of its own (gunicorn's sync workers close each one):
    (status, milliseconds)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": request.cookie}
    body = None
    if request.fields is not None:
        fields = {"csrfmiddlewaretoken": CSRF_SECRET, **request.fields}
        body = urllib.parse.urlencode(fields, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    started = time.perf_counter()
    connection.request(request.method, request.path, body=body, headers=headers)
    answer = connection.getresponse()
    answer.read()
    took = (time.perf_counter() - started) * 1000
    connection.close()
    return answer.status, took


def drive(name, port, requests, *, connections=16):
    """Send `requests` over `connections` at once, as fast as the server answers."""
    started = time.perf_counter()
    with ThreadPoolExecutor(connections) as pool:
        answers = list(pool.map(lambda request: send(port, request), requests))
    seconds = time.perf_counter() - started
    return Flow(
        name=name,
        latencies=[took for _status, took in answers],
        statuses=Counter(status for status, _took in answers),
        seconds=seconds,
    )


def bench_people(count):
    """`count` verified accounts at BENCH_DOMAIN (made once, kept between runs)."""
    people = []
    for number in range(count):
        user, made = User.objects.get_or_create(
            email=f"person-{number}@{BENCH_DOMAIN}", defaults={"name": f"Bench Person {number}"}
        )
        if made or user.email_verified_at is None:
            user.set_unusable_password()
            user.email_verified_at = timezone.now()
            user.save()
        people.append(user)
    return people


def signed_in_cookie(user):
    """A session in the database, as logging in makes it, and the CSRF cookie."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; csrftoken={CSRF_SECRET}"


def forget_bench_rows():
    """Remove what runs made: their proposals, registrations and queued email."""
    PosterProposal.objects.filter(submitter__email__endswith=f"@{BENCH_DOMAIN}").delete()
    Registration.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()
    for email in Email.objects.filter(to__icontains=f"@{BENCH_DOMAIN}").prefetch_related(
        "attachments"
    ):
        for attachment in email.attachments.all():
            attachment.file.delete(save=False)
            attachment.delete()
        email.delete()


class CallOpened:
    """The current edition's call open for the surge (the bench seeds a later stage), and
    closed again as it was afterwards; each change bumps the public version as organizers'
    changes do."""

    def __init__(self, event):
        self.event = event
        self.deadline = call_for(event).deadline

    def __enter__(self):
        self._set(timezone.now() + timedelta(hours=1))
        return self

    def __exit__(self, *exc):
        self._set(self.deadline)

    def _set(self, deadline):
        CallForPosters.objects.filter(event=self.event).update(deadline=deadline)
        PublicVersion.bump(self.event.pk)


def surge_requests(event, cookies, *, each):
    """Each person sends `each` proposals, the people taking turns as at the deadline."""
    topic = event.topics.first()
    return [
        Request(
            "POST",
            "/posters/submit/",
            cookie,
            {
                "title": f"Surge {person}-{number}",
                "summary": SUMMARY,
                "authors": "Ada Lovelace",
                "topic": topic.pk,
                "link": "",
            },
        )
        for number in range(each)
        for person, cookie in enumerate(cookies)
    ]


def registration_requests(event, count):
    """`count` visitors, none signed in, registering for every session."""
    tracks = [str(pk) for pk in event.tracks.values_list("pk", flat=True)]
    answers = {}
    for question in event.questions.all():
        choices = question.choice_list() if question.kind == "choice" else []
        answers[f"question_{question.pk}"] = choices[0] if choices else "From the bench"
    return [
        Request(
            "POST",
            "/register/",
            f"csrftoken={CSRF_SECRET}",
            {
                "name": f"Visitor {number}",
                "email": f"visitor-{number}@{BENCH_DOMAIN}",
                "affiliation": "Bench",
                "country": "JP",
                "tracks": tracks,
                "time_zone": "Asia/Tokyo",
                "code_of_conduct": "on",
                **answers,
            },
        )
        for number in range(count)
    ]


def joinable_item(event):
    """A published item whose Join checks the registration (else any joinable one)."""
    items = [item for item in published(event).items if item.joinable]
    registered_only = [item for item in items if item.room_access != "public"]
    return (registered_only or items or [None])[0]


def join_requests(event, people, cookies, item, count):
    """Registered attendees clicking Join on `item`, `count` times in turn."""
    tracks = list(event.tracks.all())
    for person in people:
        registrations.register(
            event=event,
            name=person.name,
            email=person.email,
            tracks=tracks,
            time_zone="Europe/Berlin",
            by=person,
        )
    path = item.join_path
    return [Request("GET", path, cookies[number % len(cookies)]) for number in range(count)]
