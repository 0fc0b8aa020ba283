"""The speakers page: each person once (keynote speakers, then breakout presenters, then
poster authors) with photo or initials, affiliation, bio, and all their items with times."""

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
from tests.sessions.helpers import at, make_items, page, released


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

    released(ecosystem_day)

    tree = page(client.get("/speakers/"))

    card = tree.one("data-speaker")
    assert card.text == (
        "SC Soumith Chintala Meta Co-created PyTorch. PyTorch at scale 8:30 AM PDT – 9:00 AM PDT"
    )
    assert [link.attrs["href"] for link in card.find_all("href")] == [f"/schedule/{keynote.pk}/"]


def test_a_presenter_appears_once_with_affiliation_bio_and_all_breakouts_with_times(
    client, ecosystem_day
):
    track = TrackFactory(event=ecosystem_day)
    presenter = UserFactory(
        name="Priya Presenter", affiliation="TorchStream Labs", bio="Streams data for a living."
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
    AcceptedBreakoutFactory(event=ecosystem_day, title="Accepted but not scheduled")

    released(ecosystem_day)

    tree = page(client.get("/speakers/"))

    (entry,) = tree.find_all("data-breakout-presenter")
    assert entry.text == (
        "PP Priya Presenter TorchStream Labs Streams data for a living. "
        "Streaming terabytes into PyTorch 9:00 AM PDT – 9:40 AM PDT "
        "Ask us anything about TorchStream 10:00 AM PDT – 10:40 AM PDT"
    )
    assert [link.attrs["href"] for link in entry.find_all("href")] == [
        f"/schedule/{first.pk}/",
        f"/schedule/{second.pk}/",
    ]


def test_a_presenter_who_also_signs_posters_is_one_entry_holding_the_posters_too(
    client, ecosystem_day
):
    presenter = UserFactory(name="Priya Presenter")
    poster = AcceptedPosterFactory(
        event=ecosystem_day,
        submitter=presenter,
        title="TorchStream",
        authors="Priya  Presenter\nJonas Berg",
    )
    item = ScheduledBreakoutFactory(
        event=ecosystem_day,
        breakout=AcceptedBreakoutFactory(
            event=ecosystem_day, poster=poster, title="TorchStream live"
        ),
        starts_at=at(9),
    )

    released(ecosystem_day)

    tree = page(client.get("/speakers/"))

    (entry,) = tree.find_all("data-breakout-presenter")
    assert [link.attrs["href"] for link in entry.find_all("href")] == [
        f"/schedule/{item.pk}/",
        f"/posters/{poster.pk}/",
    ]
    assert tree.texts("data-poster-presenter") == ["Jonas Berg TorchStream"]


def test_a_keynote_speaker_who_also_presents_a_breakout_is_listed_once_among_keynotes(
    client, ecosystem_day
):
    keynote = ScheduleItemFactory(
        event=ecosystem_day, kind=ScheduleItem.Kind.KEYNOTE, starts_at=at(8), ends_at=at(8, 30)
    )
    keynote.speakers.add(SpeakerFactory(event=ecosystem_day, name="Ana Ortiz"))
    breakout = ScheduledBreakoutFactory(
        event=ecosystem_day,
        breakout=AcceptedBreakoutFactory(
            event=ecosystem_day,
            poster=AcceptedPosterFactory(
                event=ecosystem_day, submitter=UserFactory(name="ana ortiz")
            ),
        ),
        starts_at=at(9),
    )

    released(ecosystem_day)

    tree = page(client.get("/speakers/"))

    card = tree.one("data-speaker")
    assert [link.attrs["href"] for link in card.find_all("href")] == [
        f"/schedule/{keynote.pk}/",
        f"/schedule/{breakout.pk}/",
    ]
    assert list(tree.find_all("data-breakout-presenter")) == []


def test_a_person_with_a_photo_shows_it_and_one_without_shows_initials(client, ecosystem_day):
    SpeakerFactory(
        event=ecosystem_day,
        name="Grace Hopper",
        photo="people/a.png",
        photo_thumbnail="people/thumbnails/a.jpg",
    )
    SpeakerFactory(event=ecosystem_day, name="Alan Mathison Turing")

    released(ecosystem_day)

    tree = page(client.get("/speakers/"))

    without, with_photo = tree.find_all("data-speaker")  # in order of names
    assert with_photo.one("class", "person-photo").attrs["src"] == (
        "/media/people/thumbnails/a.jpg"
    )
    assert without.one("class", "person-initials").text == "AM"


def test_poster_authors_are_listed_once_whatever_the_case_each_poster_linked(client, ecosystem_day):
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

    released(ecosystem_day)

    tree = page(client.get("/speakers/"))

    presenters = [
        (entry.one("class", "fw-semibold").text, [a.attrs["href"] for a in entry.find_all("href")])
        for entry in tree.find_all("data-poster-presenter")
    ]
    assert presenters == [
        ("Ana Ortiz", [f"/posters/{quantize.pk}/"]),
        ("Jonas Berg", [f"/posters/{quantize.pk}/", f"/posters/{torchstream.pk}/"]),
        ("Priya Presenter", [f"/posters/{torchstream.pk}/"]),
    ]


def test_an_event_without_speakers_says_they_will_be_announced(client, ecosystem_day):
    released(ecosystem_day)

    tree = page(client.get("/speakers/"))

    assert tree.texts("class", "text-body-secondary") == [
        "Keynote speakers will be announced here.",
        "Breakouts will be listed once they are scheduled.",
        "Poster authors will be listed once posters are accepted.",
    ]


@pytest.mark.parametrize("count", [10, 1000])
def test_the_speakers_page_costs_the_same_queries_for_10_or_1000_posters_and_items(
    client, ecosystem_day, count, django_assert_num_queries
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
    # `count` keynotes by one speaker, three more breakouts and an item without speakers
    make_items(ecosystem_day, [TrackFactory(event=ecosystem_day)], count)
    released(ecosystem_day)

    # the release, speakers, presenters' profiles; authors' names, their rows, the titles
    with django_assert_num_queries(8):
        response = client.get("/speakers/")

    tree = page(response)
    assert len(list(tree.find_all("data-poster-presenter"))) == min(count + 1, 100)
    assert len(list(tree.find_all("data-breakout-presenter"))) == 5
    assert len(list(tree.find_all("data-speaker"))) == 4
    item_links = [
        link.attrs["href"]
        for marker in ("data-speaker", "data-breakout-presenter")
        for card in tree.find_all(marker)
        for link in card.find_all("href")
        if link.attrs["href"].startswith("/schedule/")
    ]
    assert len(item_links) == count + 5


def test_a_draft_change_reaches_the_speakers_page_only_once_it_is_released(
    client, ecosystem_day, django_capture_on_commit_callbacks
):
    def breakout_by(name, title, hour):
        return ScheduledBreakoutFactory(
            event=ecosystem_day,
            breakout=AcceptedBreakoutFactory(
                event=ecosystem_day,
                poster=AcceptedPosterFactory(event=ecosystem_day, submitter=UserFactory(name=name)),
                title=title,
            ),
            starts_at=at(hour),
        )

    item = breakout_by("Priya Presenter", "Streaming terabytes", 9)
    with django_capture_on_commit_callbacks(execute=True):
        released(ecosystem_day)
    before = ["PP Priya Presenter Streaming terabytes 9:00 AM PDT – 9:40 AM PDT"]
    assert page(client.get("/speakers/")).texts("data-breakout-presenter") == before

    with django_capture_on_commit_callbacks(execute=True):
        item.starts_at, item.ends_at = at(10), at(10, 40)
        item.save()
        breakout_by("Zed Zhou", "Compilers for everyone", 11)

    assert page(client.get("/speakers/")).texts("data-breakout-presenter") == before

    with django_capture_on_commit_callbacks(execute=True):
        released(ecosystem_day)

    assert page(client.get("/speakers/")).texts("data-breakout-presenter") == [
        "PP Priya Presenter Streaming terabytes 10:00 AM PDT – 10:40 AM PDT",
        "ZZ Zed Zhou Compilers for everyone 11:00 AM PDT – 11:40 AM PDT",
    ]


def test_a_keynote_speaker_appears_with_only_their_released_keynotes(client, ecosystem_day):
    speaker = SpeakerFactory(event=ecosystem_day, name="Soumith Chintala", affiliation="Meta")
    keynote = ScheduleItemFactory(
        event=ecosystem_day,
        kind=ScheduleItem.Kind.KEYNOTE,
        title="PyTorch at scale",
        starts_at=at(8, 30),
        ends_at=at(9),
    )
    keynote.speakers.add(speaker)
    released(ecosystem_day)
    ScheduleItemFactory(
        event=ecosystem_day,
        kind=ScheduleItem.Kind.KEYNOTE,
        title="Still a draft",
        starts_at=at(18),
        ends_at=at(18, 30),
    ).speakers.add(speaker)

    tree = page(client.get("/speakers/"))

    assert tree.texts("data-speaker") == [
        "SC Soumith Chintala Meta PyTorch at scale 8:30 AM PDT – 9:00 AM PDT"
    ]
