"""The change log: every release, newest first, with its note and what it added, moved,
cancelled and changed; and the guids each release touched, in JSON, for the "Changed" marks."""

import pytest
from django.core.cache import cache
from django.test import Client

from sessions.models import ScheduleRelease
from sessions.releases import release_schedule
from sessions.services import move_breakout, unschedule_breakout
from tests.sessions.agenda_world import released_day
from tests.sessions.helpers import at, ecosystem_day_2021, page


@pytest.fixture
def day(organizer):
    """Version 1 the whole day; version 2 moves “Profiling, live” and cancels the evening."""
    day = released_day(organizer)
    move_breakout(
        day["profiling"].breakout,
        track=day["morning"],
        room=day["rooms"][1],
        starts_at=at(10),
        by=organizer,
    )
    unschedule_breakout(day["tensors"].breakout, by=organizer)
    day["second"] = release_schedule(
        day["event"], by=organizer, note="Two changes, sorry.", at=at(6, day=20)
    )
    return day


def slots(change):
    return list(change.find_all("data-change-slot"))


def test_the_change_log_lists_every_release_newest_first_with_its_changes_in_words(client, day):
    response = client.get("/schedule/changes/")

    log = page(response)
    assert [section.attrs["data-release"] for section in log.find_all("data-release")] == [
        "2",
        "1",
    ]
    second, first = log.find_all("data-release")
    assert second.texts("data-note") == ["Two changes, sorry."]
    moved, cancelled = second.find_all("data-change")
    assert [(node.attrs["data-change-slot"], node.text) for node in slots(moved)] == [
        ("before", "Was: 9:00 AM PDT – 9:40 AM PDT Breakout room 1"),
        ("after", "Now: 10:00 AM PDT – 10:40 AM PDT Breakout room 2"),
    ]
    assert [node.text for node in slots(cancelled)] == [
        "No longer on the schedule; was 3:00 PM PDT – 3:40 PM PDT Breakout room 2"
    ]
    assert moved.text.startswith("Moved Profiling, live")
    assert cancelled.text.startswith("Cancelled Tensors at scale")
    assert "join at" not in second.text  # the rooms' links are for registered attendees
    assert [node.attrs["data-change"] for node in first.find_all("data-change")] == ["added"] * 4
    assert "Released Tuesday, April 20, 2021" in second.text
    assert "(America/Los_Angeles)" in second.text


def test_the_changes_json_says_the_latest_release_and_the_guids_each_release_touched(client, day):
    response = client.get("/schedule/changes.json")

    moved, cancelled = str(day["profiling"].guid), str(day["tensors"].guid)
    data = response.json()
    assert (data["latest"], data["url"]) == (2, "/schedule/changes/")
    assert [(r["number"], r["guids"]) for r in data["releases"]][0] == (
        2,
        sorted([moved, cancelled]),
    )
    assert len(data["releases"][1]["guids"]) == 4


def test_before_the_first_release_the_change_log_says_so(client, db):
    ecosystem_day_2021()

    assert "The schedule is not published yet." in client.get("/schedule/changes/").content.decode()
    assert client.get("/schedule/changes.json").json() == {
        "latest": 0,
        "url": "/schedule/changes/",
        "releases": [],
    }


def test_an_anonymous_visitor_gets_the_change_log_from_the_cache(day, django_assert_num_queries):
    first = Client().get("/schedule/changes/")

    with django_assert_num_queries(0):
        again = Client().get("/schedule/changes/")

    assert again.content == first.content


@pytest.mark.parametrize("count", [10, 1000])
def test_the_change_log_costs_the_same_queries_for_10_or_1000_releases(
    client, day, count, django_assert_num_queries
):
    change = day["second"].changes[0]
    ScheduleRelease.objects.bulk_create(
        ScheduleRelease(
            event=day["event"],
            number=3 + n,
            programme=day["second"].programme,
            changes=[change],
            note=f"Release {3 + n}",
        )
        for n in range(count)
    )

    with django_assert_num_queries(3):  # the event, the public version, the releases
        response = client.get("/schedule/changes/")
    cache.clear()
    with django_assert_num_queries(3):
        data = client.get("/schedule/changes.json").json()

    assert len(list(page(response).find_all("data-release"))) == count + 2
    assert data["latest"] == count + 2
