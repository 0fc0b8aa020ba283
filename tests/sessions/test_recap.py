"""After an edition's day, its recap: posters accepted, breakout sessions held, keynote
speakers, the recordings and the topics, all counted from the data; a 404 before."""

from datetime import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from ecosystem_day.event.models import Event, Topic
from posters.models import PosterProposal
from posters.services import change_poster_status
from sessions.models import ScheduleRelease, Speaker
from sessions.recap import recap
from sessions.releases import release_schedule, snapshot
from sessions.services import unschedule_breakout
from tests.factories import (
    AcceptedPosterFactory,
    EventFactory,
    PosterProposalFactory,
    ScheduledBreakoutFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
)
from tests.sessions.helpers import LOS_ANGELES, ecosystem_day_2021


def numbers(event):
    found = recap(event)
    return found.posters, found.breakout_sessions, found.keynote_speakers


@pytest.fixture
def day_over(db):
    """The 2021 edition, current, its day long over: 3 posters (2 on the schedule), 1 keynote
    speaker, the schedule released."""
    event = ecosystem_day_2021()
    nlp = TopicFactory(event=event, name="NLP", position=0)
    for _ in range(2):
        ScheduledBreakoutFactory(event=event, breakout__poster__topic=nlp)
    AcceptedPosterFactory(event=event, topic=TopicFactory(event=event, name="Compilers"))
    SpeakerFactory(event=event)
    organizer = UserFactory(groups=["Organizers"])
    release_schedule(event, by=organizer)
    return event, organizer


class TestTheDemo:
    """The 2021 edition of the demo, seeded once for these tests, as a past edition."""

    @pytest.fixture(scope="class")
    @classmethod
    def seeded(cls, django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            call_command("seed_demo", stage="call", stdout=StringIO())
            yield
            call_command("flush", "--no-input")

    def test_the_2021_recap_reads_71_posters_32_breakouts_and_6_keynote_speakers(
        self, seeded, db, client
    ):
        response = client.get("/2021/recap/")

        assert response.status_code == 200
        assert numbers(Event.objects.get(slug="2021")) == (71, 32, 6)
        page = response.content.decode()
        assert "<strong>71</strong> posters" in page
        assert "<strong>32</strong> breakout sessions" in page
        assert "<strong>6</strong> keynote speakers" in page

    def test_the_2021_recap_lists_the_recordings_of_both_opening_talks(self, seeded, db):
        found = recap(Event.objects.get(slug="2021"))

        assert [(title, url) for title, url, _ in found.recordings] == [
            ("Morning opening talks", "https://www.youtube.com/watch?v=MYE01-XaSZA"),
            ("Evening opening talks", "https://www.youtube.com/watch?v=CjU_6OaYKpw"),
        ]
        assert [starts.astimezone(LOS_ANGELES).hour for _, _, starts in found.recordings] == [
            8,
            15,
        ]

    def test_the_2021_recap_counts_posters_by_topic_and_links_each_to_the_catalogue(
        self, seeded, db, client
    ):
        event = Event.objects.get(slug="2021")
        found = recap(event)

        assert sum(count for _, count in found.topics) == 71
        assert found.topics[0] == (Topic.objects.get(event=event, name="NLP"), 11)
        page = client.get("/2021/recap/").content.decode()
        nlp = found.topics[0][0]
        assert f'<a href="/2021/posters/?topic={nlp.pk}">NLP</a>' in page


def test_the_numbers_follow_the_data(day_over):
    event, organizer = day_over
    assert numbers(event) == (3, 2, 1)

    SpeakerFactory(event=event)
    AcceptedPosterFactory(event=event)
    PosterProposalFactory(event=event)  # submitted, never accepted: not counted
    assert numbers(event) == (4, 2, 2)

    poster = PosterProposal.objects.filter(event=event, status="accepted").first()
    change_poster_status(poster, "rejected", by=organizer)
    Speaker.objects.filter(event=event).first().delete()
    assert numbers(event) == (3, 2, 1)


def test_breakout_sessions_are_those_of_the_released_schedule_not_the_draft(day_over):
    event, organizer = day_over
    item = event.schedule_items.filter(kind="breakout").first()
    unschedule_breakout(item.breakout, by=organizer)

    assert numbers(event)[1] == 2

    release_schedule(event, by=organizer)

    assert numbers(event)[1] == 1


def test_an_edition_never_released_has_held_no_breakout_session(day_over):
    event, _ = day_over
    ScheduleRelease.objects.filter(event=event).delete()

    assert numbers(event) == (3, 0, 1)


def test_the_recap_answers_404_until_the_day_is_over_and_says_when_it_opens(day_over, client):
    last_second = datetime(2021, 4, 21, 23, 59, 59, tzinfo=LOS_ANGELES)
    midnight = datetime(2021, 4, 22, 0, 0, tzinfo=LOS_ANGELES)

    with time_machine.travel(last_second, tick=False):
        before = client.get("/recap/")
    with time_machine.travel(midnight, tick=False):
        after = client.get("/recap/")

    assert before.status_code == 404
    assert (
        "The recap of PyTorch Ecosystem Day is published once its day is over, on "
        '<span class="moment" data-moment="long" data-event-zone="America/Los_Angeles">'
        '<time datetime="2021-04-22T07:00:00+00:00" data-times="event">'
        "Thursday, April 22, 2021, 12:00:00 AM PDT (America/Los_Angeles)</time></span>."
    ) in before.content.decode()
    assert after.status_code == 200
    assert "<strong>3</strong> posters" in after.content.decode()


def test_the_recap_shows_each_recording_with_its_time(day_over, client):
    event, organizer = day_over
    item = event.schedule_items.filter(kind="breakout").order_by("pk").first()
    item.recording_url = "https://video.example.org/breakout"
    item.save()
    release_schedule(event, by=organizer)

    page = client.get("/recap/").content.decode()

    assert f'<a href="https://video.example.org/breakout" rel="noopener">{item.display_title}' in (
        page
    )


def with_rows(event, organizer, count):
    """`count` accepted posters, speakers and released breakouts with recordings, and a
    topic for every ten posters."""
    topics = Topic.objects.bulk_create(
        Topic(event=event, name=f"Topic {n}", position=n) for n in range(count // 10)
    )
    template = PosterProposalFactory.build(event=event)
    submitter = UserFactory()
    PosterProposal.objects.bulk_create(
        PosterProposal(
            event=event,
            submitter=submitter,
            topic=topics[n % len(topics)],
            title=f"Poster {n}",
            summary=template.summary,
            authors=template.authors,
            status="accepted",
        )
        for n in range(count)
    )
    Speaker.objects.bulk_create(Speaker(event=event, name=f"Speaker {n}") for n in range(count))
    programme = snapshot(event)  # the day without items, as a release stores it
    programme["items"] = [
        {
            "id": n,
            "guid": f"00000000-0000-4000-8000-{n:012d}",
            "kind": "breakout",
            "kind_label": "Breakout",
            "title": f"Breakout {n}",
            "description": "",
            "starts_at": "2021-04-21T16:00:00Z",
            "ends_at": "2021-04-21T16:40:00Z",
            "track": None,
            "track_slug": None,
            "room": None,
            "join_url": "",
            "recording_url": f"https://video.example.org/{n}",
            "breakout": None,
            "topic": None,
            "speakers": [],
        }
        for n in range(count)
    ]
    ScheduleRelease.objects.create(
        event=event, number=1, released_by=organizer, programme=programme
    )


@pytest.mark.parametrize("count", [10, 1000])
def test_the_recap_costs_the_same_queries_for_10_or_1000_rows(
    db, client, count, django_assert_num_queries
):
    event = ecosystem_day_2021()
    with_rows(event, UserFactory(), count)

    with django_assert_num_queries(10):
        response = client.get("/recap/")

    assert response.status_code == 200
    assert response.content.decode().count("data-recording") == count
    assert response.content.decode().count("data-recap-topic") == count // 10


@pytest.mark.parametrize("count", [10, 1000])
def test_a_past_editions_recap_costs_the_same_queries_for_10_or_1000_rows(
    db, client, count, django_assert_num_queries
):
    event = ecosystem_day_2021()
    Event.objects.filter(pk=event.pk).update(slug="2021", is_current=False)
    EventFactory(name="PyTorch Ecosystem Day 2027")
    with_rows(event, UserFactory(), count)

    with django_assert_num_queries(9):
        response = client.get("/2021/recap/")

    assert response.status_code == 200
    assert response.content.decode().count("data-recording") == count
