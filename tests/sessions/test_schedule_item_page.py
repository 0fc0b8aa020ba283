"""One item's page, from the latest release: what it is, when in both zones, where to join
(until it is over; then its recording), who presents it."""

import pytest

from sessions.models import ScheduleItem
from tests.factories import (
    AcceptedBreakoutFactory,
    AcceptedPosterFactory,
    EventFactory,
    RoomFactory,
    ScheduledBreakoutFactory,
    ScheduleItemFactory,
    SpeakerFactory,
    TrackFactory,
    UserFactory,
)
from tests.sessions.helpers import at, make_items, page, released


@pytest.fixture
def breakout(ecosystem_day):
    evening = TrackFactory(
        event=ecosystem_day,
        name="Evening (APAC / US)",
        slug="evening-apac-us",
        breakouts_start_at=at(15),
        breakouts_end_at=at(19),
    )
    poster = AcceptedPosterFactory(
        event=ecosystem_day,
        submitter=UserFactory(name="Priya Presenter"),
        title="TorchStream: streaming data loaders",
    )
    item = ScheduledBreakoutFactory(
        event=ecosystem_day,
        breakout=AcceptedBreakoutFactory(
            event=ecosystem_day,
            poster=poster,
            title="Streaming terabytes into PyTorch",
            description="A live demo <b>and</b> questions from the audience.",
            format="tutorial",
        ),
        track=evening,
        room=RoomFactory(
            event=ecosystem_day, name="Breakout room A", join_url="https://meet.example.org/a"
        ),
        starts_at=at(15),
        recording_url="https://video.example.org/streaming",
    )
    released(ecosystem_day)
    return item


@pytest.fixture
def before_the_day(time_machine):
    time_machine.move_to(at(12, day=20), tick=False)


def test_a_breakouts_page_shows_what_who_when_and_where(client, breakout):
    """Its topic is its poster's."""
    response = client.get(f"/schedule/{breakout.pk}/")

    assert response.status_code == 200
    tree = page(response)
    assert tree.one("id", "item-title").text == "Streaming terabytes into PyTorch"
    assert tree.one("data-kind").text == "Breakout"
    assert tree.one("data-format").text == "Tutorial"
    assert tree.one("data-topic").text == breakout.breakout.poster.topic.name
    assert tree.one("data-presenter").text == "Priya Presenter"
    poster = tree.one("data-poster")
    assert (poster.text, poster.attrs["href"]) == (
        "TorchStream: streaming data loaders",
        f"/posters/{breakout.breakout.poster.pk}/",
    )
    assert tree.one("data-track").text == "Evening (APAC / US)"
    assert tree.one("data-room").text == "Breakout room A"
    assert tree.one("data-times", "event").text == "3:00 PM PDT – 3:40 PM PDT"


def test_the_description_is_shown_as_text_never_as_html(client, breakout):
    response = client.get(f"/schedule/{breakout.pk}/")

    assert page(response).one("data-description").text == (
        "A live demo <b>and</b> questions from the audience."
    )
    assert b"A live demo &lt;b&gt;and&lt;/b&gt; questions" in response.content


def test_until_the_item_is_over_the_join_button_goes_to_the_join_check(
    client, breakout, before_the_day
):
    tree = page(client.get(f"/schedule/{breakout.pk}/"))

    join = tree.one("data-join")
    assert (join.tag, join.text, join.attrs["href"], join.attrs["rel"]) == (
        "a",
        "Join",
        f"/schedule/{breakout.pk}/join",
        "noopener",
    )
    assert list(tree.find_all("data-recording")) == []


def test_once_the_item_is_over_its_recording_replaces_the_join_button(
    client, breakout, time_machine
):
    time_machine.move_to(at(15, 40), tick=False)

    tree = page(client.get(f"/schedule/{breakout.pk}/"))

    assert list(tree.find_all("data-join")) == []
    assert tree.one("data-recording").attrs["href"] == "https://video.example.org/streaming"


def test_a_page_shown_during_the_item_is_not_served_after_it_ends(client, breakout, time_machine):
    time_machine.move_to(at(15, 39), tick=False)
    assert len(list(page(client.get(f"/schedule/{breakout.pk}/")).find_all("data-join"))) == 1

    time_machine.move_to(at(15, 41), tick=False)

    assert list(page(client.get(f"/schedule/{breakout.pk}/")).find_all("data-join")) == []


def test_the_page_links_to_its_calendar_file_until_the_item_ends(client, breakout, time_machine):
    time_machine.move_to(at(15, 39), tick=False)
    before = page(client.get(f"/schedule/{breakout.pk}/"))
    time_machine.move_to(at(15, 40), tick=False)
    after = page(client.get(f"/schedule/{breakout.pk}/"))

    calendar = before.one("data-calendar")
    assert (calendar.text, calendar.attrs["href"]) == (
        "Add to calendar",
        f"/schedule/{breakout.pk}.ics",
    )
    assert before.texts("data-badge") == ["Now"]
    assert list(after.find_all("data-calendar")) == []
    assert after.texts("data-badge") == ["Ended"]


def test_the_page_shows_the_item_as_released_not_as_drafted(client, breakout):
    breakout.room = RoomFactory(event=breakout.event, name="Breakout room B")
    breakout.save()

    tree = page(client.get(f"/schedule/{breakout.pk}/"))

    assert tree.one("data-room").text == "Breakout room A"


def test_an_item_not_yet_released_is_not_found(client, breakout):
    draft = ScheduleItemFactory(event=breakout.event, title="Coffee", starts_at=at(13))

    assert client.get(f"/schedule/{draft.pk}/").status_code == 404


def test_the_times_are_also_in_the_zone_asked_for_with_its_date(client, breakout):
    tree = page(client.get(f"/schedule/{breakout.pk}/?tz=Asia/Tokyo"))

    assert tree.one("data-date").text == "Thursday, April 22 · times in Asia/Tokyo (JST)"
    assert tree.one("data-times", "event").text == "3:00 PM PDT – 3:40 PM PDT"
    assert tree.one("data-times", "visitor").text == ("Thu, Apr 22, 7:00 AM JST – 7:40 AM JST")


def test_a_keynotes_page_introduces_its_speakers(client, ecosystem_day):
    keynote = ScheduleItemFactory(
        event=ecosystem_day,
        kind=ScheduleItem.Kind.KEYNOTE,
        title="PyTorch at scale",
        starts_at=at(8, 30),
        ends_at=at(9),
    )
    keynote.speakers.add(
        SpeakerFactory(
            event=ecosystem_day,
            name="Soumith Chintala",
            affiliation="Meta",
            bio="Co-created PyTorch.",
        )
    )
    released(ecosystem_day)

    tree = page(client.get(f"/schedule/{keynote.pk}/"))

    assert tree.one("data-speakers").text == "Soumith Chintala · Meta Co-created PyTorch."
    assert tree.one("data-track").text == "Both sessions"
    assert list(tree.find_all("data-join")) == []
    assert list(tree.find_all("data-recording")) == []


def test_an_item_of_another_event_is_not_found(client, ecosystem_day):
    other = EventFactory(is_current=False)  # being prepared: a past one releases nothing
    item = ScheduleItemFactory(event=other)
    released(other)

    assert client.get(f"/schedule/{item.pk}/").status_code == 404


def test_an_item_that_does_not_exist_is_not_found(client, ecosystem_day):
    assert client.get("/schedule/999999/").status_code == 404


@pytest.mark.parametrize("count", [10, 1000])
def test_an_items_page_costs_the_same_queries_for_10_or_1000_items(
    client, breakout, ecosystem_day, count, django_assert_num_queries
):
    make_items(ecosystem_day, [breakout.track], count)
    released(ecosystem_day)

    with django_assert_num_queries(3):
        response = client.get(f"/schedule/{breakout.pk}/")

    assert page(response).one("id", "item-title").text == "Streaming terabytes into PyTorch"
