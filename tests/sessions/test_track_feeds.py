"""Calendar feeds from the latest release: one per session of the day (its items and the
blocks for both sessions), and a personal one at a secret address with the starred items.
Times in UTC, UIDs from the items' guids, SEQUENCE the number of releases that changed the
item; every calendar is written by sessions/calendar.py, read here as strictly as RFC 5545 asks."""

import pytest
from django.test import Client

from sessions.models import AgendaFeed, Star
from sessions.releases import release_schedule
from sessions.services import move_breakout, unschedule_breakout
from tests.sessions import feed_checks
from tests.sessions.agenda_world import many_items
from tests.sessions.helpers import at


def calendar_of(response):
    assert (response.status_code, response["Content-Type"]) == (
        200,
        "text/calendar; charset=utf-8",
    )
    return feed_checks.calendar(response.content)


def events_of(calendar):
    return [
        (str(entry["summary"]), entry.decoded("dtstart").isoformat(), entry["sequence"])
        for entry in calendar.walk("VEVENT")
    ]


def test_a_sessions_feed_holds_its_items_and_the_blocks_for_both_sessions(
    client, day, time_machine
):
    time_machine.move_to(at(8), tick=False)  # before the breakout: its Join link shows

    calendar = calendar_of(client.get("/schedule/morning-emea.ics"))

    assert str(calendar["x-wr-calname"]) == "PyTorch Ecosystem Day · Morning (EMEA)"
    assert events_of(calendar) == [
        ("Opening for both sessions", "2021-04-21T14:00:00+00:00", 1),
        ("Morning keynote", "2021-04-21T15:00:00+00:00", 1),
        ("Profiling, live", "2021-04-21T16:00:00+00:00", 1),
    ]
    [profiling] = [e for e in calendar.walk("VEVENT") if e["summary"] == "Profiling, live"]
    assert str(profiling["uid"]) == f"{day['profiling'].guid}@ecosystem-day-2021"
    assert str(profiling["location"]) == "Breakout room 1"
    assert profiling["url"] == f"http://testserver/schedule/{day['profiling'].pk}/"
    assert str(profiling["description"]).splitlines()[-2:] == [
        f"Join: http://testserver/schedule/{day['profiling'].pk}/join",
        f"Details: http://testserver/schedule/{day['profiling'].pk}/",
    ]
    assert b"DTSTART:20210421T160000Z" in client.get("/schedule/morning-emea.ics").content


def test_a_feed_shows_the_release_not_the_draft_and_moves_an_event_in_place(
    client, day, organizer, django_capture_on_commit_callbacks
):
    move_breakout(
        day["profiling"].breakout,
        track=day["morning"],
        room=day["rooms"][1],
        starts_at=at(10),
        by=organizer,
    )
    draft = calendar_of(client.get("/schedule/morning-emea.ics"))
    assert ("Profiling, live", "2021-04-21T16:00:00+00:00", 1) in events_of(draft)

    with django_capture_on_commit_callbacks(execute=True):  # the release bumps the version
        release_schedule(day["event"], by=organizer)
    released = calendar_of(client.get("/schedule/morning-emea.ics"))

    [moved] = [e for e in released.walk("VEVENT") if e["summary"] == "Profiling, live"]
    assert (moved.decoded("dtstart").isoformat(), moved["sequence"], str(moved["uid"])) == (
        "2021-04-21T17:00:00+00:00",
        2,
        f"{day['profiling'].guid}@ecosystem-day-2021",
    )


def test_an_unknown_session_has_no_feed(client, day):
    assert client.get("/schedule/afternoon.ics").status_code == 404


def test_my_feed_holds_my_starred_items_and_cancels_what_was_removed(day, organizer, attendee):
    event = day["event"]
    for item in (day["keynote"], day["tensors"]):
        Star.objects.create(user=attendee, event=event, guid=item.guid)
    feed = AgendaFeed.objects.create(user=attendee, event=event)
    unschedule_breakout(day["tensors"].breakout, by=organizer)
    release_schedule(event, by=organizer)

    response = Client().get(f"/schedule/mine/{feed.token}.ics")

    calendar = calendar_of(response)
    assert str(calendar["x-wr-calname"]) == "PyTorch Ecosystem Day · my agenda"
    assert [(str(e["summary"]), str(e["status"])) for e in calendar.walk("VEVENT")] == [
        ("Morning keynote", "CONFIRMED"),
        ("Tensors at scale", "CANCELLED"),
    ]
    assert response["Cache-Control"] == "private, no-store"


def test_a_wrong_or_revoked_secret_finds_no_feed(day, attendee):
    feed = AgendaFeed.objects.create(user=attendee, event=day["event"])
    old = feed.token
    feed.token = "a-new-secret"
    feed.save()

    assert Client().get(f"/schedule/mine/{old}.ics").status_code == 404
    assert Client().get("/schedule/mine/guessed.ics").status_code == 404


@pytest.mark.parametrize("count", [10, 1000])
def test_the_feeds_cost_the_same_queries_for_10_or_1000_items(
    day, attendee, count, django_assert_num_queries
):
    guids = many_items(day["event"], day["morning"], count)
    Star.objects.bulk_create(
        Star(user=attendee, event=day["event"], guid=value) for value in guids[::2]
    )
    feed = AgendaFeed.objects.create(user=attendee, event=day["event"])

    # The edition, its public version, the release, and how many releases changed each item.
    with django_assert_num_queries(4):
        track = Client().get("/schedule/morning-emea.ics")
    # The secret, the release, the stars, and how many releases changed each item.
    with django_assert_num_queries(4):
        mine = Client().get(f"/schedule/mine/{feed.token}.ics")

    assert len(calendar_of(track).walk("VEVENT")) == count + 3
    assert len(calendar_of(mine).walk("VEVENT")) == count // 2
