"""The schedule as a grid: a section per session, rooms as columns, blocks sized by duration,
filters by format and topic (server side here; in the browser in tests/browser/), Join until
an item is over and its recording afterwards."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings

from sessions.grid import HEADER_ROWS, MAX_COLUMNS, MAX_ROWS
from sessions.models import ScheduleItem
from sessions.services import move_breakout
from tests.factories import (
    ScheduleItemFactory,
)
from tests.sessions.helpers import at, morning_and_evening, page, released, the_2021_day

FORMATS = ["talk", "demo", "tutorial", "discussion"]


@pytest.fixture
def day(ecosystem_day):
    return the_2021_day(ecosystem_day)


def block(tree, item):
    return tree.one("data-item", str(item.pk))


def position(node):
    """The grid classes of a block: first row, rows spanned, column."""
    return [name for name in node.attrs["class"].split() if re.fullmatch(r"[rsc]-\w+", name)]


def section(tree, slug):
    return tree.one("data-section", slug)


def test_each_session_is_a_grid_with_a_column_per_room(client, day):
    tree = page(client.get("/schedule/"))

    evening = section(tree, "evening-apac-us")
    heads = [node.text for node in evening.find_all("class") if "grid-head" in node.attrs["class"]]
    assert heads == [
        "Main stage",
        "Poster hall",
        "Breakout room 1",
        "Breakout room 2",
        "Breakout room 3",
        "Breakout room 4",
    ]
    assert evening.one("class", "schedule-grid cols-6").tag == "div"
    assert section(tree, "morning-emea").one("class", "schedule-grid cols-5").tag == "div"


def test_a_block_starts_on_the_row_of_its_start_and_spans_its_duration(client, day):
    tree = page(client.get("/schedule/"))

    first_round, second_round = day["breakouts"][8:12], day["breakouts"][12:16]
    assert [position(block(tree, item)) for item in first_round] == [
        ["r-2", "s-8", "c-4"],
        ["r-2", "s-8", "c-5"],
        ["r-2", "s-8", "c-6"],
        ["r-2", "s-8", "c-7"],
    ]
    assert position(block(tree, second_round[1])) == ["r-11", "s-8", "c-5"]
    assert position(block(tree, day["evening-apac-us-posters"])) == ["r-2", "s-36", "c-3"]


def test_a_programme_block_that_overlaps_nothing_spans_every_room(client, day):
    tree = page(client.get("/schedule/"))

    assert position(block(tree, day["morning-emea-opening"])) == ["r-2", "s-12", "c-all"]
    assert position(block(tree, day["evening-apac-us-opening"])) == ["r-2", "s-12", "c-2"]


def test_the_time_axis_has_a_band_per_hour_of_the_session(client, day):
    tree = page(client.get("/schedule/"))

    morning = section(tree, "morning-emea")
    bands = [node for node in morning.find_all("class") if node.attrs["class"].startswith("grid-")]
    hours = [
        (position(node), node.one("data-clock").text)
        for node in bands
        if "grid-hour" in node.attrs["class"].split()
    ]
    assert hours == [
        (["r-2", "s-12"], "8:00 AM"),
        (["r-14", "s-12"], "9:00 AM"),
        (["r-26", "s-12"], "10:00 AM"),
        (["r-38", "s-12"], "11:00 AM"),
    ]


def test_items_for_both_sessions_are_listed_above_the_grids(client, day):
    tree = page(client.get("/schedule/"))

    both = section(tree, "both")
    assert both.one("class", "schedule-list").tag == "div"
    assert position(block(tree, day["networking"])) == []


def test_a_session_with_more_parallel_items_than_columns_is_a_plain_list(client, ecosystem_day):
    morning, _ = morning_and_evening(ecosystem_day)
    for n in range(MAX_COLUMNS + 1):
        ScheduleItemFactory(
            event=ecosystem_day, title=f"Keynote {n}", track=morning, starts_at=at(8)
        )
    released(ecosystem_day)

    tree = page(client.get("/schedule/"))

    listed = section(tree, "morning-emea")
    assert listed.one("class", "schedule-list").tag == "div"
    assert len(list(listed.find_all("data-item"))) == MAX_COLUMNS + 1


def hidden_breakouts(tree, day):
    return sorted(item.pk for item in day["breakouts"] if "hidden" in block(tree, item).attrs)


def test_the_format_filter_hides_breakouts_of_other_formats_and_keeps_programme_blocks(client, day):
    tree = page(client.get("/schedule/?format=demo"))

    demos = [item for item in day["breakouts"] if item.breakout.format == "demo"]
    assert len(demos) == 4
    assert hidden_breakouts(tree, day) == sorted(
        item.pk for item in day["breakouts"] if item not in demos
    )
    assert "hidden" not in block(tree, day["morning-emea-opening"]).attrs
    assert tree.one("data-filter-count").text == (
        "4 of 16 breakouts shown; programme blocks always shown."
    )
    chosen = [
        node.attrs["value"]
        for node in tree.one("id", "filter-format").find_all("value")
        if "selected" in node.attrs
    ]
    assert chosen == ["demo"]


def test_the_topic_filter_keeps_the_breakouts_whose_poster_has_that_topic(client, day):
    tree = page(client.get("/schedule/?topic=computer-vision&format=talk"))

    expected = [
        item.pk
        for item in day["breakouts"]
        if item.breakout.poster.topic.name == "Computer vision" and item.breakout.format == "talk"
    ]
    assert len(expected) == 4
    assert hidden_breakouts(tree, day) == sorted(
        item.pk for item in day["breakouts"] if item.pk not in expected
    )


def test_the_topic_menu_offers_the_topics_of_the_breakouts(client, day):
    tree = page(client.get("/schedule/"))

    options = [
        (node.attrs["value"], node.text)
        for node in tree.one("id", "filter-topic").find_all("value")
    ]
    other = day["breakouts"][1].breakout.poster.topic.name
    assert options[:2] == [("", "All topics"), ("computer-vision", "Computer vision")]
    assert options[2:] == [(other.lower().replace(" ", "-"), other)]


def test_an_unknown_format_or_topic_filters_nothing(client, day):
    tree = page(client.get("/schedule/?format=keynote&topic=<b>nope</b>"))

    assert hidden_breakouts(tree, day) == []
    assert tree.one("data-filter-count").text == "16 breakouts."


def test_each_filter_is_cached_apart(client, day):
    talks = page(client.get("/schedule/?format=talk"))
    demos = page(client.get("/schedule/?format=demo"))

    assert hidden_breakouts(talks, day) != hidden_breakouts(demos, day)


def test_the_session_switcher_jumps_to_each_session(client, day):
    switcher = page(client.get("/schedule/")).one("data-switcher")

    links = [(node.text, node.attrs["href"]) for node in switcher.find_all("href")]
    assert links == [
        ("Both sessions", "#session-both"),
        ("Morning (EMEA)", "#session-morning-emea"),
        ("Evening (APAC / US)", "#session-evening-apac-us"),
    ]


def test_during_the_day_the_switcher_jumps_to_what_is_on_now_not_to_the_all_day_networking(
    client, day, time_machine
):
    time_machine.move_to(at(15, 50), tick=False)

    tree = page(client.get("/schedule/"))

    now = tree.one("data-now-link")
    assert (now.text, now.attrs["href"]) == ("Now", f"#item-{day['breakouts'][12].pk}")


def test_while_only_long_blocks_are_on_now_jumps_to_the_sessions_shortest(
    client, day, time_machine
):
    time_machine.move_to(at(15, 42), tick=False)

    tree = page(client.get("/schedule/"))

    now = tree.one("data-now-link")
    assert (now.text, now.attrs["href"]) == ("Now", f"#item-{day['evening-apac-us-opening'].pk}")


def test_moving_a_breakout_never_reorders_the_rooms(client, day, organizer):
    first = day["breakouts"][8]  # the evening's first round, in Breakout room 1

    move_breakout(
        first.breakout, track=first.track, room=first.room, starts_at=at(16, 30), by=organizer
    )
    released(first.event)

    evening = section(page(client.get("/schedule/")), "evening-apac-us")
    heads = [node.text for node in evening.find_all("class") if "grid-head" in node.attrs["class"]]
    assert heads == [
        "Main stage",
        "Poster hall",
        "Breakout room 1",
        "Breakout room 2",
        "Breakout room 3",
        "Breakout room 4",
    ]
    assert position(block(page(client.get("/schedule/")), first)) == ["r-20", "s-8", "c-4"]


def test_before_the_day_blocks_offer_join_and_afterwards_their_recordings(
    client, day, time_machine
):
    time_machine.move_to(at(12, day=20), tick=False)
    before = page(client.get("/schedule/"))
    time_machine.move_to(at(12, day=22), tick=False)
    after = page(client.get("/schedule/"))

    opening = day["morning-emea-opening"]
    assert block(before, opening).one("data-join").attrs["href"] == f"/schedule/{opening.pk}/join"
    assert list(block(before, opening).find_all("data-recording")) == []
    assert len(list(before.find_all("data-join"))) == 16 + 4 + 0  # networking has no room
    assert list(after.find_all("data-join")) == []
    assert block(after, opening).one("data-recording").attrs["href"] == opening.recording_url
    assert list(block(after, day["breakouts"][0]).find_all("data-recording")) == []


def test_the_opening_talks_list_their_keynote_speakers(client, day):
    tree = page(client.get("/schedule/"))

    assert block(tree, day["morning-emea-opening"]).one("data-speakers").text == (
        "Joe Spisak (Meta)"
    )


def test_every_block_carries_its_items_guid_for_stars(client, day):
    tree = page(client.get("/schedule/"))

    guids = {
        node.attrs["data-item"]: node.attrs["data-guid"] for node in tree.find_all("data-item")
    }
    items = ScheduleItem.objects.filter(event=day["morning"].event)
    assert guids == {str(item.pk): str(item.guid) for item in items}


def test_the_stylesheet_defines_every_grid_class_the_layout_can_use():
    css = (Path(settings.BASE_DIR) / "static/css/schedule.css").read_text()

    defined = set(re.findall(r"\.((?:r|s|c|cols)-\d+) \{", css))
    expected = {f"r-{n}" for n in range(1, MAX_ROWS + HEADER_ROWS + 1)}
    expected |= {f"s-{n}" for n in range(1, MAX_ROWS + 1)}
    expected |= {f"c-{n}" for n in range(1, MAX_COLUMNS + 2)}
    expected |= {f"cols-{n}" for n in range(1, MAX_COLUMNS + 1)}
    assert defined == expected


def test_a_long_day_still_fits_the_rows_the_stylesheet_defines(client, ecosystem_day):
    morning, _ = morning_and_evening(ecosystem_day)
    ScheduleItemFactory(
        event=ecosystem_day,
        title="Hackathon",
        track=morning,
        starts_at=at(0),
        ends_at=at(0) + timedelta(hours=23, minutes=59),
    )
    released(ecosystem_day)

    tree = page(client.get("/schedule/"))

    assert position(tree.one("data-section", "morning-emea").one("data-item")) == [
        "r-2",
        "s-288",
        "c-all",
    ]
