"""/schedule.xml and /schedule.frab.json: the latest release in the frab formats conference
apps read; before the first release, valid and empty. (The documents' shape against the c3voc
schemas is specified in test_frab.py.)"""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import RoomFactory, ScheduleItemFactory
from tests.sessions.helpers import at, morning_and_evening, released


@pytest.fixture
def opening(ecosystem_day):
    morning, _ = morning_and_evening(ecosystem_day)
    return ScheduleItemFactory(
        event=ecosystem_day,
        kind="opening",
        title="Morning opening talks",
        track=morning,
        room=RoomFactory(event=ecosystem_day, name="Main stage"),
        starts_at=at(8),
        ends_at=at(9),
    )


def test_the_xml_feed_is_the_latest_release_in_frab_xml(client, ecosystem_day, opening):
    released(ecosystem_day)

    response = client.get("/schedule.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Access-Control-Allow-Origin"] == "*"
    root = ET.fromstring(response.content)
    assert root.findtext("version") == "1"
    assert root.findtext("conference/base_url") == "http://testserver/schedule/"
    (event,) = root.findall("day/room/event")
    assert (event.get("guid"), event.findtext("title"), event.findtext("start")) == (
        str(opening.guid),
        "Morning opening talks",
        "08:00",
    )
    assert event.findtext("url") == f"http://testserver/schedule/{opening.pk}/"


def test_the_frab_json_feed_is_the_latest_release_in_the_c3voc_schema(
    client, ecosystem_day, opening
):
    released(ecosystem_day)

    response = client.get("/schedule.frab.json")

    assert response["Content-Type"] == "application/json"
    schedule = response.json()["schedule"]
    assert schedule["version"] == "1"
    (day,) = schedule["conference"]["days"]
    assert [event["guid"] for event in day["rooms"]["Main stage"]] == [str(opening.guid)]


def test_before_the_first_release_the_frab_feeds_are_valid_and_empty(
    client, ecosystem_day, opening
):
    root = ET.fromstring(client.get("/schedule.xml").content)
    schedule = client.get("/schedule.frab.json").json()["schedule"]

    assert root.findtext("version") == "0"
    assert [
        (day.get("index"), day.get("date"), day.get("start"), list(day)) for day in root.iter("day")
    ] == [("1", "2021-04-21", "2021-04-21T00:00:00-07:00", [])]
    assert (schedule["version"], schedule["conference"]["days"]) == ("0", [])


def test_a_draft_change_reaches_the_frab_feeds_only_once_released(
    client, ecosystem_day, opening, django_capture_on_commit_callbacks
):
    released(ecosystem_day)
    opening.title = "Opening talks, with a surprise"
    opening.save()

    before = ET.fromstring(client.get("/schedule.xml").content)
    with django_capture_on_commit_callbacks(execute=True):
        released(ecosystem_day)
    after = ET.fromstring(client.get("/schedule.xml").content)

    assert [e.findtext("title") for e in before.iter("event")] == ["Morning opening talks"]
    assert after.findtext("version") == "2"
    assert [e.findtext("title") for e in after.iter("event")] == ["Opening talks, with a surprise"]
