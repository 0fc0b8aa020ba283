"""A call of thousands: a catalogue page costs the same queries however many posters there
are (the first page its cards, any later one its keys found in the catalogue's order, then its
cards), and the pages together hold every poster once, in order."""

import pytest

from posters.models import PosterProposal
from tests.factories import UserFactory


def accepted_posters(event, count, *, board=False):
    submitter = UserFactory()
    topic = event.topics.first()
    PosterProposal.objects.bulk_create(
        PosterProposal(
            event=event,
            submitter=submitter,
            topic=topic,
            title=f"Poster {(n * 7919) % count:05d}",  # created out of title order
            summary="A summary long enough. " * 20,
            authors=f"Author {n}",
            status="accepted",
            board_code=f"{'ABCDEFGHIJ'[n % 10]}{n // 10 + 1}" if board else "",
        )
        for n in range(count)
    )


def titles(response):
    return [poster["title"] for poster in response.context["posters"]]


@pytest.mark.parametrize("count", [100, 1000])
@pytest.mark.parametrize("sort", ["", "code"])
def test_the_last_page_costs_the_same_queries_as_the_second(
    client, event, count, sort, django_assert_num_queries
):
    accepted_posters(event, count, board=True)
    last = (count - 1) // 48 + 1
    client.get(f"/posters/?sort={sort}")  # the edition's facts, once per process and version

    with django_assert_num_queries(2):  # the page's keys, then its cards
        response = client.get(f"/posters/?sort={sort}&page={last}")

    assert len(titles(response)) == count - (last - 1) * 48


@pytest.mark.parametrize("count", [10, 1000])
@pytest.mark.parametrize("sort", ["", "code"])
def test_the_first_page_costs_one_query_its_cards(
    client, event, count, sort, django_assert_num_queries
):
    accepted_posters(event, count, board=True)
    client.get(f"/posters/?sort={sort}&q=x")  # the edition's facts, once per process and version

    with django_assert_num_queries(1):
        response = client.get(f"/posters/?sort={sort}")

    assert len(titles(response)) == min(count, 48)


def test_every_page_together_holds_each_poster_once_in_title_order(client, event):
    accepted_posters(event, 150)

    shown = [
        title for number in (1, 2, 3, 4) for title in titles(client.get(f"/posters/?page={number}"))
    ]

    assert shown == [f"Poster {n:05d}" for n in range(150)]


def test_a_page_beyond_the_last_is_not_found_and_a_word_is_the_first_page(client, event):
    accepted_posters(event, 60)

    assert client.get("/posters/?page=3").status_code == 404
    assert titles(client.get("/posters/?page=last")) == [f"Poster {n:05d}" for n in range(48, 60)]
