"""In a browser set to Tokyo: the schedule shows every time in Tokyo too, on laptop and phone,
from the first load."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from sessions.models import ScheduleItem
from tests.factories import (
    AcceptedBreakoutFactory,
    AcceptedPosterFactory,
    RoomFactory,
    ScheduledBreakoutFactory,
    ScheduleItemFactory,
    SpeakerFactory,
    UserFactory,
)
from tests.sessions.helpers import at, ecosystem_day_2021, morning_and_evening, released

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def ecosystem_day_programme():
    """The day's two sessions, with networking for both in between; returns the 15:00 breakout."""
    event = ecosystem_day_2021()
    morning, evening = morning_and_evening(event)
    stage = RoomFactory(event=event, name="Main stage", position=0)
    rooms = [RoomFactory(event=event, name=f"Breakout room {n}", position=n) for n in (1, 2)]
    for track, start in ((morning, 8), (evening, 14)):
        ScheduleItemFactory(
            event=event,
            kind=ScheduleItem.Kind.OPENING,
            title=f"Opening talks: {track.name}",
            track=track,
            room=stage,
            starts_at=at(start),
            ends_at=at(start, 20),
        )
        keynote = ScheduleItemFactory(
            event=event,
            kind=ScheduleItem.Kind.KEYNOTE,
            title="The state of the PyTorch ecosystem",
            track=track,
            room=stage,
            starts_at=at(start, 20),
            ends_at=at(start, 50),
        )
        keynote.speakers.add(
            SpeakerFactory(event=event, name=f"Keynote speaker {start}", affiliation="PyTorch")
        )
    found = {}
    for track, start, titles in (
        (morning, 9, ["Hands-on with TorchServe", "Profiling PyTorch on GPUs"]),
        (evening, 15, ["Streaming terabytes into PyTorch", "Quantization in practice"]),
    ):
        for room, title in zip(rooms, titles, strict=True):
            presenter = UserFactory(name=f"Presenter of {title.split()[-1]}")
            poster = AcceptedPosterFactory(
                event=event, submitter=presenter, title=f"{title}: the poster"
            )
            found[title] = ScheduledBreakoutFactory(
                event=event,
                breakout=AcceptedBreakoutFactory(event=event, poster=poster, title=title),
                track=track,
                room=room,
                starts_at=at(start),
            )
    ScheduleItemFactory(
        event=event, title="Networking for both sessions", starts_at=at(12), ends_at=at(13)
    )
    released(event)
    return found["Streaming terabytes into PyTorch"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("width", "height", "name"), [(1280, 900, "wide"), (390, 844, "phone")], ids=["wide", "phone"]
)
def test_a_visitor_in_tokyo_sees_every_time_in_tokyo_too(browser, live_server, width, height, name):
    breakout = ecosystem_day_programme()
    context = browser.new_context(
        timezone_id="Asia/Tokyo", viewport={"width": width, "height": height}
    )
    page = context.new_page()

    page.goto(live_server.url + "/schedule/")

    expect(page.locator(f"#item-{breakout.pk} [data-clock]")).to_have_text("7:00 – 7:40 AM")
    expect(page.locator("#session-evening-apac-us [data-day-caption]")).to_have_text(
        "Thursday, April 22 · times in Asia/Tokyo (UTC+9)"
    )
    expect(page.locator("#tz-choice")).to_have_value("Asia/Tokyo")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"schedule_in_tokyo_{name}.png"), full_page=True)
    context.close()
