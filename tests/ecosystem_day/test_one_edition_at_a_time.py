"""The desk shows one edition at a time: lists open on the current edition (another is a
click away), their titles and counts name it, and every menu and filter holds that
edition's own topics, sessions and rooms, never three editions' "Main stage" side by side."""

import re

import pytest

from tests.admin_pages import titles_listed
from tests.ecosystem_day.past_edition import two_editions
from tests.factories import PosterProposalFactory, ReviewFactory

POSTERS = "/admin/posters/posterproposal/"


@pytest.fixture
def editions(submitter, organizer):
    """2021 (past) and the current edition started from it: same topic, session, room names."""
    editions = two_editions(submitter, organizer)
    PosterProposalFactory(
        event=editions.current, title="This year's", topic=editions.current.topics.get()
    )
    return editions


def filter_choices(response, title):
    """The (label, selected) choices of the list filter titled `title`."""
    [spec] = [spec for spec in response.context["cl"].filter_specs if spec.title == title]
    return [
        (choice["display"], choice["selected"]) for choice in spec.choices(response.context["cl"])
    ]


def menu(response, name):
    """The option labels of the form's <select name=`name`>, the empty one left out."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', response, re.S).group(1)
    options = re.findall(r'<option value="(\d*)"[^>]*>([^<]*)<', select)
    return [(int(value), label) for value, label in options if value]


def test_the_queue_opens_on_the_current_edition_titled_and_counted_as_a_desk(
    client, editions, organizer
):
    client.force_login(organizer)

    response = client.get(POSTERS)

    assert titles_listed(response) == ["This year's"]
    assert response.context["title"] == "Posters awaiting a decision — PyTorch Ecosystem Day Next"
    assert "<h1>Posters awaiting a decision — PyTorch Ecosystem Day Next</h1>" in (
        response.content.decode()
    )
    assert "Select poster proposal to change" not in response.content.decode()
    assert response.context["my_reviews"] == {"done": 0, "awaiting": 1, "assigned": 0}
    assert filter_choices(response, "edition") == [
        ("PyTorch Ecosystem Day Next (current)", True),
        ("PyTorch Ecosystem Day 2021", False),
    ]


def test_another_edition_is_a_click_away_with_its_own_title_and_counts(client, editions, organizer):
    client.force_login(organizer)

    response = client.get(POSTERS, {"event__id__exact": editions.past.pk, "status": "all"})

    assert sorted(titles_listed(response)) == ["Imported in 2021", "Later", "TorchTrace"]
    assert response.context["title"] == "All posters — PyTorch Ecosystem Day 2021"
    assert response.context["my_reviews"] == {"done": 0, "awaiting": 1, "assigned": 0}


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ({"reviews": "not-mine"}, "Posters awaiting your review"),
        ({"reviews": "wanted"}, "Posters awaiting reviews"),
        ({"status": "accepted"}, "Accepted posters"),
        ({"status": "all", "reviews": "mine"}, "All posters you have reviewed"),
    ],
)
def test_each_queue_reads_as_what_it_holds(client, editions, organizer, query, title):
    client.force_login(organizer)

    response = client.get(POSTERS, query)

    assert response.context["title"] == f"{title} — PyTorch Ecosystem Day Next"


def test_a_reviewers_count_is_of_the_current_editions_proposals_only(client, editions, reviewer):
    ReviewFactory(proposal=editions.waiting, reviewer=reviewer)
    client.force_login(reviewer)

    content = client.get(POSTERS).content.decode()

    assert (
        "Your reviews: <strong>0</strong> of the 1 proposal awaiting a decision in "
        "PyTorch Ecosystem Day Next" in content
    )


def test_the_topic_filter_holds_the_editions_own_topics(client, editions, organizer):
    client.force_login(organizer)

    now = client.get(POSTERS)
    then = client.get(POSTERS, {"event__id__exact": editions.past.pk})

    def topics(response):
        [spec] = [spec for spec in response.context["cl"].filter_specs if spec.title == "topic"]
        return spec.lookup_choices

    assert topics(now) == [(str(editions.current.topics.get().pk), "NLP")]
    assert topics(then) == [(str(editions.past.topics.get().pk), "NLP")]
    assert filter_choices(now, "topic") == [("All", True), ("NLP", False)]


def test_the_schedule_items_room_and_session_menus_hold_one_editions_rows(
    client, editions, organizer
):
    client.force_login(organizer)

    adding = client.get("/admin/breakouts/scheduleitem/add/").content.decode()
    for_2021 = client.get(f"/admin/breakouts/scheduleitem/add/?event={editions.past.pk}")

    assert menu(adding, "room") == [(editions.current.rooms.get().pk, "Breakout room 1")]
    assert menu(adding, "track") == [(editions.current.tracks.get().pk, "Morning (EMEA)")]
    assert menu(for_2021.content.decode(), "room") == [(editions.room.pk, "Breakout room 1")]


def test_the_schedule_list_filters_rooms_and_sessions_of_the_edition_shown(
    client, editions, organizer
):
    client.force_login(organizer)

    response = client.get("/admin/breakouts/scheduleitem/")

    assert filter_choices(response, "room") == [("All", True), ("Breakout room 1", False)]
    [spec] = [spec for spec in response.context["cl"].filter_specs if spec.title == "room"]
    assert spec.lookup_choices == [(str(editions.current.rooms.get().pk), "Breakout room 1")]
    assert filter_choices(response, "session") == [("All", True), ("Morning (EMEA)", False)]


def test_the_rooms_list_opens_on_the_current_editions_rooms(client, editions, organizer):
    client.force_login(organizer)

    response = client.get("/admin/breakouts/room/")

    assert [room.event for room in response.context["cl"].result_list] == [editions.current]


def test_an_edition_that_is_not_a_number_is_refused_without_an_error(client, editions, organizer):
    client.force_login(organizer)

    response = client.get(POSTERS, {"event__id__exact": "twenty-one"})
    missing = client.get(POSTERS, {"event__id__exact": "99999"})

    assert (response.status_code, response.url) == (302, f"{POSTERS}?e=1")
    assert (missing.status_code, missing.context["cl"].result_count) == (200, 0)
