"""The speakers page: keynote speakers, then breakout and poster presenters, each linked."""

import pytest

from posters.models import PosterProposal
from sessions.models import ScheduleItem
from tests.factories import (
    AcceptedBreakoutFactory,
    AcceptedPosterFactory,
    EventFactory,
    PosterProposalFactory,
    ScheduledBreakoutFactory,
    ScheduleItemFactory,
    SpeakerFactory,
    TrackFactory,
    UserFactory,
)
from tests.sessions.helpers import at, page


def test_keynote_speakers_come_with_affiliation_bio_and_their_keynote(client, ecosystem_day):
    speaker = SpeakerFactory(
        event=ecosystem_day, name="Soumith Chintala", affiliation="Meta", bio="Co-created PyTorch."
    )
    keynote = ScheduleItemFactory(
        event=ecosystem_day,
        kind=ScheduleItem.Kind.KEYNOTE,
        title="PyTorch at scale",
        starts_at=at(8, 30),
        ends_at=at(9),
    )
    keynote.speakers.add(speaker)

    tree = page(client.get("/speakers/"))

    card = tree.one("data-speaker")
    assert card.text == (
        "Soumith Chintala Meta Co-created PyTorch. PyTorch at scale 8:30 AM PDT – 9:00 AM PDT"
    )
    assert [link.attrs["href"] for link in card.find_all("href")] == [f"/schedule/{keynote.pk}/"]


def test_breakout_presenters_are_listed_with_their_breakouts_linked(client, ecosystem_day):
    track = TrackFactory(event=ecosystem_day)
    presenter = UserFactory(name="Priya Presenter")
    first = ScheduledBreakoutFactory(
        event=ecosystem_day,
        track=track,
        breakout=AcceptedBreakoutFactory(
            event=ecosystem_day,
            poster=AcceptedPosterFactory(event=ecosystem_day, submitter=presenter),
            title="Streaming terabytes into PyTorch",
        ),
        starts_at=at(9),
    )
    second = ScheduledBreakoutFactory(
        event=ecosystem_day,
        track=track,
        breakout=AcceptedBreakoutFactory(
            event=ecosystem_day,
            poster=AcceptedPosterFactory(event=ecosystem_day, submitter=presenter),
            title="Ask us anything about TorchStream",
        ),
        starts_at=at(10),
    )
    AcceptedBreakoutFactory(event=ecosystem_day, title="Accepted but not scheduled")

    tree = page(client.get("/speakers/"))

    (entry,) = tree.find_all("data-breakout-presenter")
    assert entry.text == (
        "Priya Presenter Streaming terabytes into PyTorch Ask us anything about TorchStream"
    )
    assert [link.attrs["href"] for link in entry.find_all("href")] == [
        f"/schedule/{first.pk}/",
        f"/schedule/{second.pk}/",
    ]


def test_poster_presenters_are_the_authors_of_accepted_posters_each_linked(client, ecosystem_day):
    torchstream = AcceptedPosterFactory(
        event=ecosystem_day, title="TorchStream", authors="Priya Presenter\nJonas Berg"
    )
    quantize = AcceptedPosterFactory(
        event=ecosystem_day, title="Quantize everything", authors="jonas berg\n  Ana Ortiz  "
    )
    PosterProposalFactory(event=ecosystem_day, title="Still in review", authors="Rita Review")
    AcceptedPosterFactory(
        event=EventFactory(is_current=False), title="Last year", authors="Old Timer"
    )

    tree = page(client.get("/speakers/"))

    presenters = [
        (entry.one("class", "fw-semibold").text, [a.attrs["href"] for a in entry.find_all("href")])
        for entry in tree.find_all("data-poster-presenter")
    ]
    assert presenters == [
        ("Ana Ortiz", [f"/posters/{quantize.pk}/"]),
        ("Jonas Berg", [f"/posters/{torchstream.pk}/"]),
        ("jonas berg", [f"/posters/{quantize.pk}/"]),
        ("Priya Presenter", [f"/posters/{torchstream.pk}/"]),
    ]


def test_an_event_without_speakers_says_they_will_be_announced(client, ecosystem_day):
    tree = page(client.get("/speakers/"))

    assert tree.texts("class", "text-body-secondary") == [
        "Keynote speakers will be announced here.",
        "Breakouts will be listed once they are scheduled.",
        "Poster presenters will be listed once posters are accepted.",
    ]


@pytest.mark.parametrize("count", [10, 1000])
def test_the_speakers_page_costs_the_same_queries_for_10_or_1000_posters(
    client, ecosystem_day, count, django_assert_max_num_queries
):
    template = AcceptedPosterFactory(event=ecosystem_day, authors="Ada Lovelace\nAlan Turing")
    PosterProposal.objects.bulk_create(
        PosterProposal(
            event=ecosystem_day,
            submitter=template.submitter,
            topic=template.topic,
            title=f"Poster {n}",
            summary=template.summary,
            authors=f"Author {n}\nAda Lovelace",
            status=PosterProposal.Status.ACCEPTED,
        )
        for n in range(count - 1)
    )
    for hour in (9, 10):
        ScheduledBreakoutFactory(event=ecosystem_day, starts_at=at(hour))
    SpeakerFactory.create_batch(3, event=ecosystem_day)

    with django_assert_max_num_queries(6):
        response = client.get("/speakers/")

    tree = page(response)
    assert len(list(tree.find_all("data-poster-presenter"))) == count + 1
    assert len(list(tree.find_all("data-breakout-presenter"))) == 2
    assert len(list(tree.find_all("data-speaker"))) == 3
