"""The schedule page: the latest release as a grid, one section per session of the day, every
time in the event's zone and the visitor's. Grid layout, filters and Join buttons are specified
in test_schedule_grid.py."""

import pytest
from django.core.cache import cache

from ecosystem_day.event.models import Event
from sessions.models import ScheduleItem
from tests.factories import (
    AcceptedBreakoutFactory,
    AcceptedPosterFactory,
    EventFactory,
    RoomFactory,
    ScheduledBreakoutFactory,
    ScheduleItemFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
)
from tests.sessions.helpers import (
    at,
    attribute_values,
    make_items,
    morning_and_evening,
    page,
    released,
)


def times_of(tree, item):
    """An item's time on the schedule, written once, as its block shows it."""
    return tree.one("data-item", str(item.pk)).one("data-clock").text


def caption_of(tree, slug):
    """The words above a section's times: its date(s) and the zone they are in."""
    return tree.one("data-section", slug).one("data-day-caption").text


@pytest.fixture
def programme(ecosystem_day):
    """Opening for both sessions, a keynote in the morning, a breakout at 15:00, networking."""
    event = ecosystem_day
    morning, evening = morning_and_evening(event)
    opening = ScheduleItemFactory(
        event=event,
        kind=ScheduleItem.Kind.OPENING,
        title="Opening talks",
        starts_at=at(8),
        ends_at=at(8, 30),
    )
    keynote = ScheduleItemFactory(
        event=event,
        kind=ScheduleItem.Kind.KEYNOTE,
        title="PyTorch at scale",
        track=morning,
        room=RoomFactory(event=event, name="Main stage"),
        starts_at=at(8, 30),
        ends_at=at(9),
    )
    keynote.speakers.add(SpeakerFactory(event=event, name="Soumith Chintala", affiliation="Meta"))
    presenter = UserFactory(name="Priya Presenter")
    poster = AcceptedPosterFactory(
        event=event,
        submitter=presenter,
        title="TorchStream: streaming data loaders",
        topic=TopicFactory(event=event, name="Data loading"),
    )
    breakout = ScheduledBreakoutFactory(
        event=event,
        breakout=AcceptedBreakoutFactory(
            event=event, poster=poster, title="Streaming terabytes into PyTorch", format="talk"
        ),
        track=evening,
        room=RoomFactory(event=event, name="Breakout room A"),
        starts_at=at(15),
    )
    networking = ScheduleItemFactory(
        event=event, title="Networking", starts_at=at(12), ends_at=at(13)
    )
    released(event)
    return {
        "morning": morning,
        "evening": evening,
        "opening": opening,
        "keynote": keynote,
        "breakout": breakout,
        "networking": networking,
    }


def test_items_for_both_sessions_come_first_then_one_section_per_session(client, programme):
    tree = page(client.get("/schedule/"))

    opening, keynote, breakout, networking = (
        programme[name] for name in ("opening", "keynote", "breakout", "networking")
    )
    sections = [
        (section.one("id", f"{section.attrs['id']}-title").text, ids_in(section))
        for section in tree.find_all("data-section")
    ]
    assert sections == [
        ("Both sessions", [opening.pk, networking.pk]),
        ("Morning (EMEA)", [keynote.pk]),
        ("Evening (APAC / US)", [breakout.pk]),
    ]


def ids_in(node):
    return [int(pk) for pk in attribute_values(node, "data-item")]


def test_each_item_shows_its_title_kind_room_and_times_in_the_events_zone(client, programme):
    tree = page(client.get("/schedule/"))

    breakout = tree.one("data-item", str(programme["breakout"].pk))
    assert breakout.one("href").text == "Streaming terabytes into PyTorch"
    assert breakout.one("data-details").text == ("Talk · Priya Presenter · Breakout room A")
    assert breakout.one("data-poster").text == (
        "Poster: TorchStream: streaming data loaders · Data loading"
    )
    assert times_of(tree, programme["breakout"]) == "3:00 – 3:40 PM"
    assert caption_of(tree, "evening-apac-us") == (
        "Wednesday, April 21 · times in America/Los_Angeles (PDT)"
    )

    keynote = tree.one("data-item", str(programme["keynote"].pk))
    assert keynote.one("data-details").text == "Keynote · Main stage"
    assert keynote.one("data-speakers").text == "Soumith Chintala (Meta)"
    assert times_of(tree, programme["keynote"]) == "8:30 – 9:00 AM"


def test_each_item_links_to_its_own_page(client, programme):
    tree = page(client.get("/schedule/"))

    links = {
        int(node.attrs["data-item"]): node.one("id", f"item-{node.attrs['data-item']}-title")
        for node in tree.find_all("data-item")
    }
    items = [programme[name] for name in ("opening", "keynote", "breakout", "networking")]
    assert {pk: link.attrs["href"] for pk, link in links.items()} == {
        item.pk: f"/schedule/{item.pk}/" for item in items
    }


def test_a_draft_change_is_invisible_until_it_is_released(
    client, programme, ecosystem_day, django_capture_on_commit_callbacks
):
    programme["keynote"].title = "PyTorch at scale, revised"
    programme["keynote"].save()
    ScheduleItemFactory(event=ecosystem_day, title="Late networking", starts_at=at(18))

    before = page(client.get("/schedule/"))
    with django_capture_on_commit_callbacks(execute=True):  # the release bumps on commit
        released(ecosystem_day)
    after = page(client.get("/schedule/"))

    keynote = f"item-{programme['keynote'].pk}-title"
    assert before.one("id", keynote).text == "PyTorch at scale"
    assert len(list(before.find_all("data-item"))) == 4
    assert after.one("id", keynote).text == "PyTorch at scale, revised"
    assert len(list(after.find_all("data-item"))) == 5


@pytest.mark.parametrize(
    ("zone", "caption", "opening", "breakout"),
    [
        (
            "Asia/Tokyo",
            "Thursday, April 22 · times in Asia/Tokyo (JST)",
            "12:00 – 12:30 AM",
            "7:00 – 7:40 AM",
        ),
        (
            "Europe/Berlin",
            "Thursday, April 22 · times in Europe/Berlin (CEST)",
            "5:00 – 5:30 PM",
            "12:00 – 12:40 AM",
        ),
        (
            "America/Los_Angeles",
            "Wednesday, April 21 · times in America/Los_Angeles (PDT)",
            "8:00 – 8:30 AM",
            "3:00 – 3:40 PM",
        ),
    ],
)
def test_with_tz_each_time_is_written_once_in_that_zone_under_a_caption_naming_its_day(
    client, programme, zone, caption, opening, breakout
):
    tree = page(client.get("/schedule/", {"tz": zone}))

    assert caption_of(tree, "evening-apac-us") == caption
    assert times_of(tree, programme["breakout"]) == breakout
    assert times_of(tree, programme["opening"]) == opening


def test_a_time_off_its_sections_day_carries_its_weekday(client, programme, ecosystem_day):
    after_midnight = ScheduleItemFactory(
        event=ecosystem_day, title="Night owls", starts_at=at(16), ends_at=at(17)
    )
    released(ecosystem_day)

    tree = page(client.get("/schedule/", {"tz": "Europe/Berlin"}))

    assert caption_of(tree, "both") == (
        "Wednesday, April 21 – Thursday, April 22 · times in Europe/Berlin (CEST)"
    )
    assert times_of(tree, programme["networking"]) == "9:00 – 10:00 PM"
    assert times_of(tree, after_midnight) == "Thu 1:00 – 2:00 AM"


@pytest.mark.parametrize(
    ("zone", "caption", "shown"),
    [
        (
            "America/Sao_Paulo",
            "Wednesday, April 21 · times in America/Sao_Paulo (UTC-3)",
            "7:00 – 7:40 PM",
        ),
        (
            "Asia/Kathmandu",
            "Thursday, April 22 · times in Asia/Kathmandu (UTC+5:45)",
            "3:45 – 4:25 AM",
        ),
    ],
)
def test_a_zone_without_a_letter_abbreviation_is_named_by_its_utc_offset(
    client, programme, zone, caption, shown
):
    tree = page(client.get(f"/schedule/?tz={zone}"))

    assert caption_of(tree, "evening-apac-us") == caption
    assert times_of(tree, programme["breakout"]) == shown


def test_a_page_cached_for_one_zone_is_never_served_in_another(client, programme):
    tokyo = page(client.get("/schedule/?tz=Asia/Tokyo"))
    berlin = page(client.get("/schedule/?tz=America/Sao_Paulo"))

    assert times_of(tokyo, programme["breakout"]) == "7:00 – 7:40 AM"
    assert times_of(berlin, programme["breakout"]) == "7:00 – 7:40 PM"


def test_an_item_that_crosses_midnight_in_the_visitors_zone_dates_its_end(
    client, programme, ecosystem_day
):
    late = ScheduleItemFactory(
        event=ecosystem_day, title="Late networking", starts_at=at(14, 30), ends_at=at(15, 30)
    )
    released(ecosystem_day)

    tree = page(client.get("/schedule/?tz=Europe/Berlin"))

    assert times_of(tree, late) == "11:30 PM – Thu 12:30 AM"


def test_a_zone_chosen_with_tz_is_shown_without_setting_a_cookie(client, programme):
    response = client.get("/schedule/?tz=Asia/Tokyo")

    assert response.status_code == 200
    assert "tz" not in response.cookies
    assert times_of(page(response), programme["breakout"]) == "7:00 – 7:40 AM"


def test_the_zone_picker_offers_the_common_zones_with_the_one_asked_for_selected(client, programme):
    tree = page(client.get("/schedule/?tz=Asia/Tokyo"))

    picker = tree.one("id", "time-zone")
    assert (picker.tag, picker.attrs["method"], picker.attrs["action"]) == (
        "form",
        "get",
        "/schedule/",
    )
    options = [node for node in picker.find_all("value") if node.tag == "option"]
    # The zone asked for, the event's, then the 433 common zones grouped by region.
    assert [option.attrs["value"] for option in options[:2]] == [
        "Asia/Tokyo",
        "America/Los_Angeles",
    ]
    assert len(options) == 2 + 433
    assert [option.attrs["value"] for option in options if "selected" in option.attrs] == [
        "Asia/Tokyo"
    ]
    assert picker.one("id", "tz-help").text == (
        "Times are in Asia/Tokyo (JST), the zone you chose; "
        "the event's zone is America/Los_Angeles (PDT)."
    )


def test_without_tz_the_picker_selects_no_zone_as_if_it_were_detected(client, programme):
    tree = page(client.get("/schedule/"))

    selected = [
        option.attrs["value"]
        for option in tree.one("id", "time-zone").find_all("value")
        if "selected" in option.attrs
    ]
    assert selected == [""]


def test_an_unknown_zone_gets_a_polite_message_and_the_events_times_only(client, programme):
    response = client.get("/schedule/?tz=Mars/Base")

    assert response.status_code == 200
    tree = page(response)
    assert tree.texts("class", "alert alert-warning") == [
        "We don't know the time zone “Mars/Base”, so times are shown in America/Los_Angeles "
        "and, if your browser can tell, in its zone. Choose your zone ."
    ]
    assert times_of(tree, programme["breakout"]) == "3:00 – 3:40 PM"
    assert caption_of(tree, "evening-apac-us") == (
        "Wednesday, April 21 · times in America/Los_Angeles (PDT)"
    )
    assert "tz" not in response.cookies


def badges(response):
    return {
        int(node.attrs["data-item"]): node.texts("data-badge")
        for node in page(response).find_all("data-item")
    }


def test_during_the_event_what_is_on_is_marked_now_and_what_starts_next_is_marked_next(
    client, programme, time_machine
):
    time_machine.move_to(at(8, 10), tick=False)

    shown = badges(client.get("/schedule/"))

    assert shown == {
        programme["opening"].pk: ["Now"],
        programme["keynote"].pk: ["Next"],
        programme["networking"].pk: [],
        programme["breakout"].pk: [],
    }


def test_between_items_only_the_next_ones_are_marked(client, programme, time_machine):
    time_machine.move_to(at(13, 30), tick=False)

    shown = badges(client.get("/schedule/"))

    assert shown == {
        programme["opening"].pk: [],
        programme["keynote"].pk: [],
        programme["networking"].pk: [],
        programme["breakout"].pk: ["Next"],
    }


def test_an_item_is_no_longer_now_at_the_minute_it_ends(client, programme, time_machine):
    time_machine.move_to(at(8, 30), tick=False)

    shown = badges(client.get("/schedule/"))

    assert shown[programme["opening"].pk] == []
    assert shown[programme["keynote"].pk] == ["Now"]
    assert shown[programme["networking"].pk] == ["Next"]


def test_nothing_is_marked_the_day_before_the_event(client, programme, time_machine):
    time_machine.move_to(at(12, day=20), tick=False)

    shown = badges(client.get("/schedule/"))

    assert set(map(tuple, shown.values())) == {()}


def test_before_the_first_release_the_page_says_the_programme_is_coming(client, ecosystem_day):
    morning, _ = morning_and_evening(ecosystem_day)
    ScheduleItemFactory(event=ecosystem_day, title="Opening talks", track=morning)

    tree = page(client.get("/schedule/"))

    assert tree.one("data-unpublished").text == "The programme will be published here soon."
    assert list(tree.find_all("data-item")) == []


def test_without_a_current_event_the_schedule_is_not_found(client, db):
    EventFactory(is_current=False)

    assert client.get("/schedule/").status_code == 404


@pytest.mark.parametrize("count", [10, 1000])
def test_the_schedule_costs_the_same_queries_for_10_or_1000_items(
    client, programme, ecosystem_day, count, django_assert_num_queries
):
    tracks = [programme["morning"], programme["evening"]]
    total = make_items(ecosystem_day, tracks, count) + 4
    released(ecosystem_day)

    with django_assert_num_queries(3):
        response = client.get("/schedule/?tz=Asia/Tokyo")

    assert len(list(page(response).find_all("data-item"))) == total


def test_a_past_editions_schedule_says_it_is_over_and_links_to_the_current_one(
    client, programme, ecosystem_day
):
    Event.objects.filter(pk=ecosystem_day.pk).update(is_current=False, slug="2021")
    EventFactory(name="PyTorch Ecosystem Day 2022", slug="2022", is_current=True)
    cache.clear()

    past = page(client.get("/2021/schedule/"))
    current = page(client.get("/schedule/"))

    banner = past.one("data-past-edition")
    assert banner.text == (
        "PyTorch Ecosystem Day is over : this is its schedule as it was on April 21, 2021. "
        "See the schedule of PyTorch Ecosystem Day 2022 ."
    )
    assert banner.one("href").attrs["href"] == "/schedule/"
    assert list(current.find_all("data-past-edition")) == []
