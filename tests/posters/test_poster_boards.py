"""Poster boards and image links in the catalogue: a row filter, board order, pictures."""

import pytest

from posters.models import PosterProposal
from tests.factories import AcceptedPosterFactory

BOARDS = ["B2", "A10", "A2", "AA1", "", "B1"]


def titles(response):
    return [poster["title"] for poster in response.context["posters"]]


@pytest.fixture
def boards(event):
    for code in BOARDS:
        AcceptedPosterFactory(event=event, title=f"Poster on {code or 'no board'}", board_code=code)


def test_the_catalogue_sorts_by_board_in_walking_order_with_boardless_posters_last(client, boards):
    response = client.get("/posters/", {"sort": "code"})

    assert titles(response) == [
        "Poster on A2",
        "Poster on A10",
        "Poster on B1",
        "Poster on B2",
        "Poster on AA1",
        "Poster on no board",
    ]


def test_the_row_filter_shows_one_row_in_board_order(client, boards):
    response = client.get("/posters/", {"row": "A", "sort": "code"})

    assert titles(response) == ["Poster on A2", "Poster on A10"]
    assert "<strong>2</strong> posters match" in response.content.decode()


def test_the_row_menu_offers_the_rows_there_are(client, boards):
    form = client.get("/posters/").context["filter_form"]

    assert form.fields["row"].choices == [
        ("", "All rows"),
        ("A", "Row A"),
        ("B", "Row B"),
        ("AA", "Row AA"),
    ]


def test_an_unknown_row_or_order_is_ignored(client, boards):
    response = client.get("/posters/", {"row": "Z'; DROP", "sort": "nonsense"})

    assert response.status_code == 200
    assert len(titles(response)) == len(BOARDS)


def test_a_catalogue_without_boards_offers_no_row_menu(client, event):
    AcceptedPosterFactory(event=event)

    assert 'name="row"' not in client.get("/posters/").content.decode()


def test_searching_a_board_code_finds_its_poster(client, boards):
    assert titles(client.get("/posters/", {"q": "aa1"})) == ["Poster on AA1"]


def test_the_card_and_the_poster_page_show_the_board(client, event):
    poster = AcceptedPosterFactory(event=event, board_code="J8", topic=event.topics.get(name="NLP"))

    card = client.get("/posters/").content.decode()
    page = client.get(f"/posters/{poster.pk}/").content.decode()

    assert (
        '<span class="poster-topic">NLP</span><span class="board-code">Board J8</span></p>' in card
    )
    assert '<span class="badge text-bg-dark board-code">Board J8</span>' in page


def test_image_links_are_shown_where_no_image_was_uploaded(client, event):
    linked = AcceptedPosterFactory(
        event=event,
        thumbnail_link="https://example.org/thumb.png",
        poster_link="https://example.org/poster.pdf",
    )

    card = client.get("/posters/").content.decode()
    page = client.get(f"/posters/{linked.pk}/").content.decode()

    assert (
        '<img src="https://example.org/thumb.png" alt="" loading="lazy" width="160" '
        'height="120" referrerpolicy="no-referrer">'
    ) in card
    assert 'src="https://example.org/thumb.png"' in page
    assert (
        '<a href="https://example.org/poster.pdf" rel="nofollow noopener">'
        "Open the full-size poster</a>"
    ) in page


def test_an_uploaded_image_wins_over_the_links(client, event):
    AcceptedPosterFactory(
        event=event,
        image="posters/abc.png",
        thumbnail="posters/thumbnails/abc.jpg",
        thumbnail_link="https://example.org/thumb.png",
    )

    card = client.get("/posters/").content.decode()

    assert 'src="/media/posters/thumbnails/abc.jpg"' in card
    assert "example.org/thumb.png" not in card


def test_the_topic_filter_finds_posters_also_listed_under_it(client, event):
    nlp, compilers = event.topics.get(name="NLP"), event.topics.get(name="Compilers")
    both = AcceptedPosterFactory(event=event, title="Both", topic=compilers)
    both.extra_topics.add(nlp)
    AcceptedPosterFactory(event=event, title="Only compilers", topic=compilers)
    AcceptedPosterFactory(event=event, title="Only NLP", topic=nlp)

    response = client.get("/posters/", {"topic": nlp.pk})
    page = client.get(f"/posters/{both.pk}/").content.decode()

    assert titles(response) == ["Both", "Only NLP"]
    assert '<span class="badge text-bg-light border">NLP</span>' in page


def test_the_row_and_order_are_part_of_the_cached_copy(client, boards):
    client.get("/posters/", {"row": "A"})

    assert titles(client.get("/posters/", {"row": "B"})) == ["Poster on B1", "Poster on B2"]


@pytest.mark.parametrize("count", [10, 1000])
def test_the_sorted_row_costs_the_same_queries_for_10_or_1000_posters(
    client, event, count, django_assert_max_num_queries
):
    topic = event.topics.first()
    PosterProposal.objects.bulk_create(
        PosterProposal(
            event=event,
            topic=topic,
            title=f"Poster {n}",
            summary="A poster.",
            authors="Ada Lovelace",
            status=PosterProposal.Status.ACCEPTED,
            board_code=f"{'ABCDEFGHIJ'[n % 10]}{n // 10 + 1}",
        )
        for n in range(count)
    )

    with django_assert_max_num_queries(7):
        response = client.get("/posters/", {"row": "C", "sort": "code"})

    assert titles(response)[:3] == ["Poster 2", "Poster 12", "Poster 22"][: count // 10]
    assert len(titles(response)) == min(count // 10, 48)
