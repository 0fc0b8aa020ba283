"""The calendar files (.ics, in UTC) and the JSON feed other tools read the programme from,
written from the latest release alone; the frab feeds are in test_frab_feeds.py."""

import xml.etree.ElementTree as ET
from datetime import UTC

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.text import slugify

from sessions.models import AgendaFeed, ScheduleItem, Star
from sessions.releases import release_schedule
from sessions.services import move_breakout, unschedule_breakout
from tests.factories import (
    AcceptedBreakoutFactory,
    AcceptedPosterFactory,
    EventFactory,
    RoomFactory,
    ScheduledBreakoutFactory,
    ScheduleItemFactory,
    SpeakerFactory,
    UserFactory,
)
from tests.sessions import feed_checks
from tests.sessions.helpers import at, make_items, morning_and_evening, released


@pytest.fixture
def tracks(ecosystem_day):
    return list(morning_and_evening(ecosystem_day))


@pytest.fixture
def keynote(ecosystem_day, tracks):
    item = ScheduleItemFactory(
        event=ecosystem_day,
        kind=ScheduleItem.Kind.KEYNOTE,
        title="PyTorch at scale",
        description="Where PyTorch is going.",
        track=tracks[0],
        room=RoomFactory(
            event=ecosystem_day,
            name="Main stage",
            join_url="https://meet.example.org/main",
            access="public",  # a livestream: its link may be on public feeds
        ),
        starts_at=at(8, 30),
        ends_at=at(9),
        recording_url="https://video.example.org/keynote",
    )
    item.speakers.add(
        SpeakerFactory(event=ecosystem_day, name="Soumith Chintala", affiliation="Meta")
    )
    return item


@pytest.fixture
def breakout(ecosystem_day, tracks):
    poster = AcceptedPosterFactory(
        event=ecosystem_day,
        submitter=UserFactory(name="Priya Presenter"),
        title="TorchStream: streaming data loaders",
    )
    return ScheduledBreakoutFactory(
        event=ecosystem_day,
        breakout=AcceptedBreakoutFactory(
            event=ecosystem_day,
            poster=poster,
            title="Streaming terabytes into PyTorch",
            description="A live demo and questions from the audience.",
            format="talk",
        ),
        track=tracks[1],
        room=RoomFactory(
            event=ecosystem_day, name="Breakout room A", join_url="https://meet.example.org/a"
        ),
        starts_at=at(15),
    )


@pytest.fixture
def networking(ecosystem_day):
    return ScheduleItemFactory(
        event=ecosystem_day, title="Networking", starts_at=at(12), ends_at=at(13)
    )


def events_in(response):
    """The calendar and its events, read as strictly as RFC 5545 asks (feed_checks.py)."""
    parsed = feed_checks.calendar(response.content)
    return parsed, parsed.walk("VEVENT")


def test_the_whole_schedule_is_one_calendar_named_after_the_event(
    client, ecosystem_day, keynote, breakout, networking
):
    released(ecosystem_day)

    response = client.get("/schedule.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ecosystem-day-2021.ics"'
    calendar, entries = events_in(response)
    assert (
        str(calendar["version"]),
        str(calendar["prodid"]),
        str(calendar["method"]),
        str(calendar["x-wr-calname"]),
    ) == ("2.0", "-//Ecosystem Day//Schedule//EN", "PUBLISH", "PyTorch Ecosystem Day")
    assert [str(entry["uid"]) for entry in entries] == [
        f"{keynote.guid}@ecosystem-day-2021",
        f"{networking.guid}@ecosystem-day-2021",
        f"{breakout.guid}@ecosystem-day-2021",
    ]
    assert {int(entry["sequence"]) for entry in entries} == {1}
    assert [str(entry["summary"]) for entry in entries] == [
        "PyTorch at scale",
        "Networking",
        "Streaming terabytes into PyTorch",
    ]


def test_calendar_times_are_in_utc_so_no_app_shifts_them(client, ecosystem_day, breakout):
    released(ecosystem_day)

    (entry,) = events_in(client.get("/schedule.ics"))[1]

    assert entry["dtstart"].to_ical() == b"20210421T220000Z"
    assert entry["dtend"].to_ical() == b"20210421T224000Z"
    assert entry.decoded("dtstart") == breakout.starts_at
    assert entry.decoded("dtstart").utcoffset().total_seconds() == 0
    assert entry.decoded("dtend") == at(15, 40)
    assert b"TZID" not in client.get("/schedule.ics").content


def test_until_it_is_over_a_breakouts_calendar_event_says_who_where_and_how_to_join(
    client, ecosystem_day, breakout, time_machine
):
    release = released(ecosystem_day)
    time_machine.move_to(at(12, day=20), tick=False)

    response = client.get(f"/schedule/{breakout.pk}.ics")

    assert response["Content-Disposition"] == (
        f'attachment; filename="ecosystem-day-2021-item-{breakout.pk}.ics"'
    )
    calendar, entries = events_in(response)
    (entry,) = entries
    assert str(calendar["x-wr-calname"]) == "PyTorch Ecosystem Day"
    assert str(entry["uid"]) == f"{breakout.guid}@ecosystem-day-2021"
    assert str(entry["summary"]) == "Streaming terabytes into PyTorch"
    assert str(entry["location"]) == "Breakout room A"
    assert str(entry["url"]) == f"http://testserver/schedule/{breakout.pk}/"
    assert str(entry["description"]) == (
        "A live demo and questions from the audience.\n\n"
        "Talk by Priya Presenter · poster: TorchStream: streaming data loaders\n"
        f"Join: http://testserver/schedule/{breakout.pk}/join\n"
        f"Details: http://testserver/schedule/{breakout.pk}/"
    )
    assert entry.decoded("dtstamp") == release.released_at.astimezone(UTC).replace(microsecond=0)


def test_once_it_is_over_a_keynotes_calendar_event_names_its_speakers_and_recording(
    client, ecosystem_day, keynote
):
    released(ecosystem_day)

    (entry,) = events_in(client.get(f"/schedule/{keynote.pk}.ics"))[1]

    assert str(entry["description"]) == (
        "Where PyTorch is going.\n\n"
        "Speakers: Soumith Chintala (Meta)\n"
        "Recording: https://video.example.org/keynote\n"
        f"Details: http://testserver/schedule/{keynote.pk}/"
    )


def test_an_item_without_a_room_has_no_location(client, ecosystem_day, networking):
    released(ecosystem_day)

    (entry,) = events_in(client.get(f"/schedule/{networking.pk}.ics"))[1]

    assert "location" not in entry
    assert str(entry["description"]) == f"Details: http://testserver/schedule/{networking.pk}/"


def test_before_the_first_release_the_feeds_are_valid_and_empty(
    client, ecosystem_day, keynote, breakout
):
    calendar, entries = events_in(client.get("/schedule.ics"))
    feed = client.get("/schedule.json").json()

    assert (str(calendar["x-wr-calname"]), entries) == ("PyTorch Ecosystem Day", [])
    assert (feed["version"], feed["tracks"], feed["items"]) == (0, [], [])
    assert client.get(f"/schedule/{keynote.pk}.ics").status_code == 404


def test_a_draft_change_reaches_no_feed_until_it_is_released(
    client, ecosystem_day, keynote, django_capture_on_commit_callbacks
):
    released(ecosystem_day)
    keynote.title = "PyTorch at scale, revised"
    keynote.save()

    before = client.get("/schedule.json").json()
    with django_capture_on_commit_callbacks(execute=True):
        released(ecosystem_day)
    after = client.get("/schedule.json").json()

    assert [item["title"] for item in before["items"]] == ["PyTorch at scale"]
    assert (after["version"], [item["title"] for item in after["items"]]) == (
        2,
        ["PyTorch at scale, revised"],
    )


def test_an_item_of_another_event_has_no_calendar_file(client, ecosystem_day):
    other = EventFactory(is_current=False)  # being prepared: a past one releases nothing
    item = ScheduleItemFactory(event=other)
    released(other)

    assert client.get(f"/schedule/{item.pk}.ics").status_code == 404


def test_the_json_feed_describes_the_event_its_tracks_and_every_item(
    client, ecosystem_day, tracks, keynote, breakout, networking, time_machine
):
    released(ecosystem_day)
    time_machine.move_to(at(12, day=20), tick=False)

    response = client.get("/schedule.json")

    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    feed = response.json()
    assert list(feed) == ["event", "version", "tracks", "items"]
    assert feed["version"] == 1
    assert feed["event"] == {
        "name": "PyTorch Ecosystem Day",
        "slug": "ecosystem-day-2021",
        "date": "2021-04-21",
        "time_zone": "America/Los_Angeles",
    }
    assert feed["tracks"] == [
        {"id": tracks[0].pk, "name": "Morning (EMEA)", "slug": "morning-emea"},
        {"id": tracks[1].pk, "name": "Evening (APAC / US)", "slug": "evening-apac-us"},
    ]
    assert [item["id"] for item in feed["items"]] == [keynote.pk, networking.pk, breakout.pk]
    poster = breakout.breakout.poster
    assert feed["items"][2] == {
        "id": breakout.pk,
        "guid": str(breakout.guid),
        "kind": "breakout",
        "title": "Streaming terabytes into PyTorch",
        "description": "A live demo and questions from the audience.",
        "starts_at": "2021-04-21T22:00:00Z",
        "ends_at": "2021-04-21T22:40:00Z",
        "track": "evening-apac-us",
        "room": {
            "name": "Breakout room A",
            "join_url": None,  # registered attendees only: Join checks the registration
            "join_page": f"http://testserver/schedule/{breakout.pk}/join",
        },
        "recording_url": None,
        "url": f"http://testserver/schedule/{breakout.pk}/",
        "breakout": {
            "format": "talk",
            "presenter": "Priya Presenter",
            "poster": {
                "id": poster.pk,
                "title": "TorchStream: streaming data loaders",
                "url": f"http://testserver/posters/{poster.pk}/",
            },
        },
        "topic": {"slug": slugify(poster.topic.name), "name": poster.topic.name},
        "speakers": [],
    }
    assert feed["items"][0] == {
        "id": keynote.pk,
        "guid": str(keynote.guid),
        "kind": "keynote",
        "title": "PyTorch at scale",
        "description": "Where PyTorch is going.",
        "starts_at": "2021-04-21T15:30:00Z",
        "ends_at": "2021-04-21T16:00:00Z",
        "track": "morning-emea",
        "room": {
            "name": "Main stage",
            "join_url": "https://meet.example.org/main",
            "join_page": f"http://testserver/schedule/{keynote.pk}/join",
        },
        "recording_url": "https://video.example.org/keynote",
        "url": f"http://testserver/schedule/{keynote.pk}/",
        "breakout": None,
        "topic": None,
        "speakers": [{"name": "Soumith Chintala", "affiliation": "Meta"}],
    }
    assert feed["items"][1]["track"] is None
    assert feed["items"][1]["room"] is None


def test_once_an_item_is_over_the_json_feed_drops_its_join_link(client, ecosystem_day, keynote):
    released(ecosystem_day)

    (item,) = client.get("/schedule.json").json()["items"]

    assert item["room"] == {"name": "Main stage", "join_url": None, "join_page": None}
    assert item["recording_url"] == "https://video.example.org/keynote"


def test_the_feeds_answer_404_before_an_event_is_current(client, db):
    EventFactory(is_current=False)

    assert (client.get("/schedule.ics").status_code, client.get("/schedule.json").status_code) == (
        404,
        404,
    )


@pytest.mark.parametrize("count", [10, 1000])
@pytest.mark.parametrize(
    ("path", "queries"),
    # The calendar adds one: how many releases changed each item (its SEQUENCE).
    [("/schedule.ics", 4), ("/schedule.json", 3), ("/schedule.xml", 3), ("/schedule.frab.json", 3)],
)
def test_the_feeds_cost_the_same_queries_for_10_or_1000_items(
    client, ecosystem_day, tracks, count, path, queries, django_assert_num_queries
):
    total = make_items(ecosystem_day, tracks, count)
    released(ecosystem_day)

    with django_assert_num_queries(queries):
        response = client.get(path)

    if path == "/schedule.json":
        assert len(response.json()["items"]) == total
    elif path == "/schedule.ics":
        assert len(events_in(response)[1]) == total
    elif path == "/schedule.xml":
        assert len(ET.fromstring(response.content).findall("day/room/event")) == total
    else:
        days = response.json()["schedule"]["conference"]["days"]
        assert sum(len(events) for day in days for events in day["rooms"].values()) == total


def test_a_tool_that_already_has_the_feed_is_told_nothing_changed(client, ecosystem_day, keynote):
    released(ecosystem_day)
    first = client.get("/schedule.json")

    again = client.get("/schedule.json", headers={"if-none-match": first["ETag"]})

    assert (first.status_code, again.status_code, again.content) == (200, 304, b"")


def test_any_text_survives_the_calendar_file_exactly(client, ecosystem_day):
    title = "Ünïcode, commas; semicolons \\ backslashes and 😀 emoji " * 4
    description = "First line,\nsecond line; with — dashes\r\nand a third " + "é" * 120
    item = ScheduleItemFactory(
        event=ecosystem_day, title=title.strip()[:200], description=description
    )
    released(ecosystem_day)

    response = client.get(f"/schedule/{item.pk}.ics")

    (entry,) = events_in(response)[1]
    assert str(entry["summary"]) == title.strip()[:200]
    assert str(entry["description"]).split("\n\n")[0] == description.replace("\r\n", "\n")
    assert max(len(line) for line in response.content.split(b"\r\n")) <= 75


def test_every_calendar_says_publish_and_names_one_product(day, attendee):
    feed = AgendaFeed.objects.create(user=attendee, event=day["event"])
    paths = [
        "/schedule.ics",
        f"/schedule/{day['keynote'].pk}.ics",
        "/schedule/morning-emea.ics",
        f"/schedule/mine/{feed.token}.ics",
    ]

    heads = {Client().get(path).content.split(b"\r\n")[:4] == HEAD for path in paths}

    assert heads == {True}


HEAD = [b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:-//Ecosystem Day//Schedule//EN"]
HEAD += [b"METHOD:PUBLISH"]


def test_a_cancelled_items_own_calendar_file_tells_whoever_imported_it_that_it_is_off(
    client, day, organizer
):
    tensors = day["tensors"]
    unschedule_breakout(tensors.breakout, by=organizer)
    release_schedule(day["event"], by=organizer)

    response = client.get(f"/schedule/{tensors.pk}.ics")

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="ecosystem-day-2021-item-{tensors.pk}.ics"'
    )
    (entry,) = events_in(response)[1]
    assert (
        str(entry["uid"]),
        str(entry["status"]),
        entry["sequence"],
        str(entry["summary"]),
        entry.decoded("dtstart"),
        str(entry["location"]),
        str(entry["description"]),
    ) == (
        f"{tensors.guid}@ecosystem-day-2021",
        "CANCELLED",
        2,
        "Tensors at scale",
        at(15),
        "Breakout room 2",
        "Removed from the schedule.",
    )


def test_an_item_number_that_was_never_released_has_no_calendar_file(client, day):
    draft = ScheduleItemFactory(event=day["event"], title="Not yet released")

    assert client.get(f"/schedule/{draft.pk}.ics").status_code == 404


def test_sequence_counts_the_releases_that_changed_each_item(client, day, organizer):
    move_breakout(
        day["profiling"].breakout,
        track=day["morning"],
        room=day["rooms"][0],
        starts_at=at(10),
        by=organizer,
    )
    release_schedule(day["event"], by=organizer)  # 2: profiling moved
    day["keynote"].title = "Morning keynote, with news"
    day["keynote"].save()
    release_schedule(day["event"], by=organizer)  # 3: the keynote renamed
    extra = ScheduleItemFactory(event=day["event"], title="Lightning talks", starts_at=at(13))
    release_schedule(day["event"], by=organizer)  # 4: lightning talks added

    entries = events_in(client.get("/schedule.ics"))[1]

    assert {str(entry["summary"]): entry["sequence"] for entry in entries} == {
        "Opening for both sessions": 1,
        "Morning keynote, with news": 2,
        "Profiling, live": 2,
        "Lightning talks": 1,
        "Tensors at scale": 1,
    }
    assert events_in(client.get(f"/schedule/{extra.pk}.ics"))[1][0]["sequence"] == 1


def test_every_calendar_describes_an_item_alike_join_until_it_ends_then_the_recording(
    day, attendee, time_machine
):
    keynote = day["keynote"]
    keynote.room, keynote.recording_url = day["rooms"][1], "https://video.example.org/keynote"
    keynote.save()
    release_schedule(day["event"], by=UserFactory(groups=["Organizers"]))
    Star.objects.create(user=attendee, event=day["event"], guid=keynote.guid)
    feed = AgendaFeed.objects.create(user=attendee, event=day["event"])
    paths = [
        "/schedule.ics",
        f"/schedule/{keynote.pk}.ics",
        "/schedule/morning-emea.ics",
        f"/schedule/mine/{feed.token}.ics",
    ]

    def descriptions():
        cache.clear()
        return {
            str(entry["description"])
            for path in paths
            for entry in events_in(Client().get(path))[1]
            if entry["summary"] == "Morning keynote"
        }

    time_machine.move_to(at(8, 30), tick=False)
    during = descriptions()
    time_machine.move_to(at(8, 40), tick=False)
    after = descriptions()

    details = f"Details: http://testserver/schedule/{keynote.pk}/"
    assert (during, after) == (
        {f"Join: http://testserver/schedule/{keynote.pk}/join\n{details}"},
        {f"Recording: https://video.example.org/keynote\n{details}"},
    )
