"""`seed_demo` says what it did: a stage asked of a database that already has the demo's
next edition changes nothing, and it says so; at the default stage the demo submitter can
try proposing a breakout at once."""

from io import StringIO

import pytest
from django.core.management import call_command

from ecosystem_day.event.models import Event
from posters.call import call_for
from posters.models import PosterProposal
from sessions.models import BreakoutProposal


def seed(*args):
    out = StringIO()
    call_command("seed_demo", "--posters", "2", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_stage_asked_of_a_database_with_the_demo_changes_nothing_and_says_so(client):
    first = seed()
    current = Event.objects.current()
    before = (PosterProposal.objects.count(), call_for(current).deadline, current.date)

    out = seed("--stage", "review")

    assert first.endswith(f"{current.name} is at the stage “call”.\n")
    assert out.endswith(
        f"{current.name} was already there: it is left as it is, and --stage review changed "
        "nothing. A stage is set when the next edition is made: to see another one, start from "
        "an empty database (make reset-db, then make seed STAGE=review; with DATABASE_URL, name "
        "an empty database).\n"
    )
    current = Event.objects.current()
    assert (PosterProposal.objects.count(), call_for(current).deadline, current.date) == before


@pytest.mark.django_db
def test_at_the_default_stage_the_demo_submitter_proposes_a_breakout(client):
    seed()
    current = Event.objects.current()
    [poster] = PosterProposal.objects.filter(
        event=current, submitter__email="submitter@example.com", status="accepted"
    )
    client.post(
        "/accounts/login/",
        {"username": "submitter@example.com", "password": "submit-ecosystem-2021"},
    )

    response = client.post(
        "/breakouts/propose/",
        {
            "poster": poster.pk,
            "title": "Streaming tokenizers, live",
            "description": "A live demo.",
            "format": "demo",
            "preferred_track": "",
        },
    )

    breakout = BreakoutProposal.objects.get(event=current)
    assert response.status_code == 302
    assert (breakout.title, breakout.poster, breakout.status) == (
        "Streaming tokenizers, live",
        poster,
        "submitted",
    )
