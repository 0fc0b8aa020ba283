"""On a phone (390 px), the catalogue is a compact list that fits the screen's width, and the
catalogue, the speakers page and the home page pass axe-core's checks, on a phone and wide."""

import pytest
from playwright.sync_api import expect

from ecosystem_day.demo import data as demo
from posters.models import PosterProposal
from sessions.models import ScheduleItem
from tests.browser.axe import axe_violations
from tests.factories import (
    AcceptedBreakoutFactory,
    AcceptedPosterFactory,
    ScheduledBreakoutFactory,
    ScheduleItemFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
)
from tests.sessions.helpers import at, ecosystem_day_2021, morning_and_evening

PHONE, WIDE = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def the_2021_catalogue():
    """71 accepted posters with the demo's titles, authors, topics and boards."""
    event = ecosystem_day_2021()
    morning, _evening = morning_and_evening(event)
    topics = {name: TopicFactory(event=event, name=name) for name in demo.TOPICS}
    submitter = UserFactory()
    PosterProposal.objects.bulk_create(
        PosterProposal(
            event=event,
            submitter=submitter,
            topic=topics[topic],
            title=title,
            authors=authors,
            summary=f"{title}: a project for PyTorch researchers and engineers." + demo.LOREM,
            status=PosterProposal.Status.ACCEPTED,
            board_code=f"{'ABCDEFGHIJ'[n % 10]}{n // 10 + 1}",
            image=f"posters/{n}.png",
            thumbnail=f"posters/thumbnails/{n}.jpg",
        )
        for n, (title, authors, topic) in enumerate(demo.generated_posters(71))
    )
    presenter = UserFactory(name="Priya Presenter", affiliation="TorchStream", bio="Streams.")
    ScheduledBreakoutFactory(
        event=event,
        track=morning,
        breakout=AcceptedBreakoutFactory(
            event=event, poster=AcceptedPosterFactory(event=event, submitter=presenter)
        ),
        starts_at=at(9),
    )
    keynote = ScheduleItemFactory(
        event=event, kind=ScheduleItem.Kind.KEYNOTE, title="Keynote", starts_at=at(8)
    )
    keynote.speakers.add(SpeakerFactory(event=event, name="Soumith Chintala", bio="PyTorch."))
    return event


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_48_posters_fit_the_width_in_a_list_under_9000_px(browser, live_server):
    the_2021_catalogue()
    page = browser.new_page(viewport=PHONE)

    page.goto(live_server.url + "/posters/")

    cards = page.locator("[data-poster-card]")
    expect(cards).to_have_count(48)
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert second["y"] > first["y"] + first["height"] - 1  # one under the other, a list
    assert first["height"] < 200
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    assert page.evaluate("document.documentElement.scrollHeight") < 9000
    page.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "wide"])
@pytest.mark.parametrize("path", ["/posters/", "/speakers/", "/"])
def test_the_catalogue_speakers_and_home_pages_pass_axe(browser, live_server, viewport, path):
    the_2021_catalogue()
    page = browser.new_page(viewport=viewport)

    page.goto(live_server.url + path)

    assert axe_violations(page) == []
    page.close()
