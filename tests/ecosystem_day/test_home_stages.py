"""The home page as a landing page, stage by stage: the call while it is open, the programme
at a glance (from the latest schedule release, in the visitor's time too), what is on now
during the day, the recordings first after it; in a fixed number of queries."""

from datetime import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecosystem_day.event.caching import PAGES
from ecosystem_day.event.models import Event
from ecosystem_day.event.models.event import CURRENT_EDITION_KEY, CURRENT_VERSION_TTL
from posters.models import PosterProposal
from sessions.models import ScheduleItem, ScheduleRelease
from sessions.releases import release_schedule
from tests.factories import AcceptedPosterFactory, RoomFactory, ScheduleItemFactory
from tests.sessions.helpers import (
    LOS_ANGELES,
    at,
    ecosystem_day_2021,
    morning_and_evening,
    page,
    released,
)

Kind = ScheduleItem.Kind


@pytest.fixture
def day(db, organizer):
    """The 2021 edition with its two sessions, opening talks, poster halls, a release."""
    event = ecosystem_day_2021()
    morning, evening = morning_and_evening(event)
    morning.starts_at = at(8)  # the session runs from its opening talks
    morning.save()
    main_stage = RoomFactory(
        event=event, name="Main stage", join_url="https://live.example.org/main"
    )
    for track, (hour, until) in ((morning, (8, 12)), (evening, (15, 19))):
        ScheduleItemFactory(
            event=event,
            kind=Kind.OPENING,
            title=f"{track.name.split()[0]} opening talks",
            track=track,
            room=main_stage,
            starts_at=at(hour),
            ends_at=at(hour + 1),
            recording_url=f"https://video.example.org/{track.slug}",
        )
        ScheduleItemFactory(
            event=event,
            kind=Kind.POSTERS,
            title="Poster exhibition",
            track=track,
            starts_at=at(hour + 1),
            ends_at=at(until),
        )
    release_schedule(event, by=organizer)
    cache.clear()
    return event


def sections(response):
    """The home page's sections, by their data attribute, in the order they show."""
    names = ("data-home-call", "data-home-on-now", "data-home-recordings")
    found = []
    for node in page(response).find_all("class"):
        for name in (*names, "data-home-programme", "data-home-posters"):
            if name in node.attrs and name not in found:
                found.append(name)
    return [name.removeprefix("data-home-") for name in found]


def test_while_the_call_is_open_it_comes_first_with_its_deadline_and_the_form(
    client, day, time_machine
):
    time_machine.move_to(datetime(2021, 3, 25, 12, tzinfo=LOS_ANGELES), tick=False)

    response = client.get("/")

    assert sections(response) == ["call", "programme"]
    call = page(response).one("data-home-call")
    assert call.text == (
        "Call for posters Open. Proposals close in 1 week , on "
        "Thursday, April 1, 2021, 11:59:00 PM PDT (America/Los_Angeles) . Propose a poster"
    )
    assert [a.attrs["href"] for a in call.find_all("href")] == ["/posters/submit/"]


def test_before_the_day_the_programme_shows_both_sessions_in_event_and_visitor_time(
    client, day, time_machine
):
    time_machine.move_to(datetime(2021, 4, 10, 12, tzinfo=LOS_ANGELES), tick=False)

    response = client.get("/", {"tz": "Europe/Paris"})

    assert sections(response) == ["programme", "call"]
    sessions = page(response).find_all("data-home-session")
    assert [session.text for session in sessions] == [
        "Morning (EMEA) 5:00 PM CEST – 9:00 PM CEST Event time: 8:00 AM PDT – 12:00 PM PDT "
        "Morning opening talks · Poster exhibition",
        "Evening (APAC / US) Thu, Apr 22, 12:00 AM CEST – 4:00 AM CEST "
        "Event time: 3:00 PM PDT – 7:00 PM PDT "
        "Evening opening talks · Poster exhibition",
    ]


def test_the_home_page_links_into_the_schedule_the_catalogue_and_the_speakers(
    client, day, time_machine
):
    time_machine.move_to(datetime(2021, 4, 10, 12, tzinfo=LOS_ANGELES), tick=False)

    links = page(client.get("/")).one("aria-label", "The event")

    assert [a.attrs["href"] for a in links.find_all("href")] == [
        "/schedule/",
        "/posters/",
        "/speakers/",
    ]


def test_once_the_day_is_over_the_home_page_links_to_the_recap_and_not_before(
    client, day, time_machine
):
    time_machine.move_to(datetime(2021, 4, 21, 23, 59, tzinfo=LOS_ANGELES), tick=False)
    on_the_day = page(client.get("/")).one("aria-label", "The event")

    time_machine.move_to(datetime(2021, 4, 22, 0, 0, tzinfo=LOS_ANGELES), tick=False)
    after = page(client.get("/")).one("aria-label", "The event")

    assert [a.attrs["href"] for a in on_the_day.find_all("href")] == [
        "/schedule/",
        "/posters/",
        "/speakers/",
    ]
    assert [(a.text, a.attrs["href"]) for a in after.find_all("href")] == [
        ("Schedule", "/schedule/"),
        ("Posters", "/posters/"),
        ("Speakers", "/speakers/"),
        ("Recap", "/recap/"),
    ]
    assert client.get("/recap/").status_code == 200


def test_during_the_day_what_is_on_now_comes_first_with_its_join_link_and_what_is_next(
    client, day, time_machine
):
    time_machine.move_to(at(8, 30), tick=False)

    response = client.get("/")

    assert sections(response) == ["on-now", "programme", "call"]
    tree = page(response)
    assert tree.texts("data-on-now") == [
        "Morning opening talks 8:00 AM PDT – 9:00 AM PDT Join Morning opening talks"
    ]
    assert tree.texts("data-up-next") == ["Poster exhibition 9:00 AM PDT – 12:00 PM PDT"]


def test_what_is_on_now_moves_on_when_the_next_item_starts_despite_the_cache(
    client, day, time_machine
):
    time_machine.move_to(at(8, 59), tick=False)
    client.get("/")

    time_machine.move_to(at(9, 1), tick=False)
    tree = page(client.get("/"))

    assert tree.texts("data-on-now") == ["Poster exhibition 9:00 AM PDT – 12:00 PM PDT"]


def test_between_the_sessions_nothing_is_on_and_the_evening_is_next(client, day, time_machine):
    time_machine.move_to(at(13), tick=False)

    tree = page(client.get("/"))

    assert tree.one("data-home-on-now").text.startswith("On now Nothing is on at this moment.")
    assert tree.texts("data-up-next") == ["Evening opening talks 3:00 PM PDT – 4:00 PM PDT"]


def test_after_the_day_the_recordings_come_first(client, day, time_machine):
    time_machine.move_to(datetime(2021, 4, 22, 9, tzinfo=LOS_ANGELES), tick=False)

    response = client.get("/")

    assert sections(response) == ["recordings", "programme", "call"]
    recordings = page(response).one("data-home-recordings")
    assert [(a.text, a.attrs["href"]) for a in recordings.find_all("href")] == [
        ("Morning opening talks", "https://video.example.org/morning-emea"),
        ("Evening opening talks", "https://video.example.org/evening-apac-us"),
    ]


def test_without_sessions_or_a_release_the_programme_is_announced_not_invented(
    client, db, time_machine
):
    ecosystem_day_2021()
    time_machine.move_to(datetime(2021, 4, 10, 12, tzinfo=LOS_ANGELES), tick=False)

    tree = page(client.get("/"))

    assert tree.one("data-home-programme").text == (
        "The programme at a glance The programme will be published here."
    )


def test_before_any_release_the_sessions_show_with_their_spans(client, db, time_machine):
    morning, _ = morning_and_evening(ecosystem_day_2021())
    morning.starts_at = at(8)  # its opening talks, before its 9:00 breakouts
    morning.save()
    time_machine.move_to(datetime(2021, 4, 10, 12, tzinfo=LOS_ANGELES), tick=False)

    tree = page(client.get("/"))

    assert tree.texts("data-home-session") == [
        "Morning (EMEA) 8:00 AM PDT – 12:00 PM PDT",
        "Evening (APAC / US) 3:00 PM PDT – 7:00 PM PDT",
    ]
    assert "The detailed programme will be published here." in tree.one("data-home-programme").text


def test_a_sessions_span_is_the_same_before_and_after_the_release(
    client, db, time_machine, django_capture_on_commit_callbacks
):
    event = ecosystem_day_2021()
    morning, _ = morning_and_evening(event)
    morning.starts_at = at(8)
    morning.save()
    ScheduleItemFactory(
        event=event,
        kind="opening",
        title="Opening talks",
        track=morning,
        starts_at=at(8),
        ends_at=at(9),
    )
    time_machine.move_to(datetime(2021, 4, 10, 12, tzinfo=LOS_ANGELES), tick=False)
    before = page(client.get("/")).texts("data-home-session")
    with django_capture_on_commit_callbacks(execute=True):  # the public version is bumped
        released(event)
    after = page(client.get("/")).texts("data-home-session")

    assert before == [
        "Morning (EMEA) 8:00 AM PDT – 12:00 PM PDT",
        "Evening (APAC / US) 3:00 PM PDT – 7:00 PM PDT",
    ]
    assert after == [
        "Morning (EMEA) 8:00 AM PDT – 12:00 PM PDT Opening talks",
        "Evening (APAC / US) 3:00 PM PDT – 7:00 PM PDT",
    ]


def test_a_home_page_rendered_afresh_reads_the_release_this_process_read_already(
    client, day, time_machine
):
    time_machine.move_to(datetime(2021, 4, 10, 12, tzinfo=LOS_ANGELES), tick=False)
    first = page(client.get("/")).texts("data-home-session")
    cache.clear()  # the page and the edition are gone; the public version is the same
    PAGES.cache_clear()  # and so is this process's copy of the page: it is rendered afresh

    with CaptureQueriesContext(connection) as queries:
        again = page(client.get("/")).texts("data-home-session")

    assert again == first
    releases = ScheduleRelease._meta.db_table
    assert [query["sql"] for query in queries if releases in query["sql"]] == []


def test_a_new_release_shows_on_the_home_page_at_once(
    client, day, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(datetime(2021, 4, 10, 12, tzinfo=LOS_ANGELES), tick=False)
    before = page(client.get("/")).texts("data-home-session")
    ScheduleItem.objects.filter(title="Morning opening talks").update(title="Welcome")
    with django_capture_on_commit_callbacks(execute=True):  # the public version is bumped
        released(day)

    after = page(client.get("/")).texts("data-home-session")

    assert before[0] == (
        "Morning (EMEA) 8:00 AM PDT – 12:00 PM PDT Morning opening talks · Poster exhibition"
    )
    assert after[0] == "Morning (EMEA) 8:00 AM PDT – 12:00 PM PDT Welcome · Poster exhibition"


def test_a_copy_of_the_edition_stored_by_a_request_that_read_it_before_a_release_is_not_used(
    client, day, time_machine, django_capture_on_commit_callbacks
):
    """The race: a request reads the edition's row, a release commits and bumps the version
    (deleting the shared copies), then that request stores its older row in the shared
    cache. The home page under the new version must show the new release all the same."""
    time_machine.move_to(datetime(2021, 4, 10, 12, tzinfo=LOS_ANGELES), tick=False)
    client.get("/")
    read_before_the_release = Event.objects.current()
    ScheduleItem.objects.filter(title="Morning opening talks").update(title="Welcome")
    with django_capture_on_commit_callbacks(execute=True):
        released(day)
    cache.set(CURRENT_EDITION_KEY, read_before_the_release, CURRENT_VERSION_TTL)

    after = page(client.get("/")).texts("data-home-session")

    assert after[0] == "Morning (EMEA) 8:00 AM PDT – 12:00 PM PDT Welcome · Poster exhibition"


def test_the_programme_at_a_glance_is_written_for_the_zone_each_visitor_asked_for(
    client, day, time_machine
):
    time_machine.move_to(datetime(2021, 4, 10, 12, tzinfo=LOS_ANGELES), tick=False)

    def programme(path):
        cache.clear()
        PAGES.cache_clear()  # rendered afresh, from this process's copy of the programme
        return page(client.get(path)).texts("data-home-session")

    tokyo = programme("/?tz=Asia/Tokyo")
    event_time = programme("/")
    tokyo_again = programme("/?tz=Asia/Tokyo")

    assert event_time == [
        "Morning (EMEA) 8:00 AM PDT – 12:00 PM PDT Morning opening talks · Poster exhibition",
        "Evening (APAC / US) 3:00 PM PDT – 7:00 PM PDT Evening opening talks · Poster exhibition",
    ]
    assert (
        tokyo
        == tokyo_again
        == [
            "Morning (EMEA) Thu, Apr 22, 12:00 AM JST – 4:00 AM JST Event time: 8:00 AM PDT – "
            "12:00 PM PDT Morning opening talks · Poster exhibition",
            "Evening (APAC / US) Thu, Apr 22, 7:00 AM JST – 11:00 AM JST Event time: 3:00 PM PDT – "
            "7:00 PM PDT Evening opening talks · Poster exhibition",
        ]
    )


def test_accepted_posters_are_counted_with_a_link_to_the_catalogue(client, day, time_machine):
    AcceptedPosterFactory.create_batch(3, event=day)
    time_machine.move_to(datetime(2021, 4, 10, 12, tzinfo=LOS_ANGELES), tick=False)

    tree = page(client.get("/"))

    assert tree.one("data-home-posters").text == (
        "Posters 3 posters from the PyTorch ecosystem, with their presenters. Browse the posters"
    )


@pytest.mark.parametrize("count", [10, 1000])
@pytest.mark.parametrize(
    "moment",
    [
        datetime(2021, 3, 25, 12, tzinfo=LOS_ANGELES),
        datetime(2021, 4, 10, 12, tzinfo=LOS_ANGELES),
        datetime(2021, 4, 21, 10, tzinfo=LOS_ANGELES),
        datetime(2021, 4, 22, 9, tzinfo=LOS_ANGELES),
    ],
    ids=["call", "before", "during", "after"],
)
def test_the_home_page_costs_four_queries_at_every_stage_for_10_or_1000_posters(
    client, day, time_machine, moment, count, django_assert_num_queries
):
    template = AcceptedPosterFactory(event=day)
    PosterProposal.objects.bulk_create(
        PosterProposal(
            event=day,
            submitter=template.submitter,
            topic=template.topic,
            title=f"Poster {n}",
            summary=template.summary,
            authors="Ada Lovelace",
            status=PosterProposal.Status.ACCEPTED,
        )
        for n in range(count - 1)
    )
    cache.clear()
    time_machine.move_to(moment, tick=False)

    with django_assert_num_queries(4):
        response = client.get("/")

    assert response.status_code == 200
