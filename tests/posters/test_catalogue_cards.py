"""Catalogue cards: a thumbnail, the title, the authors, two lines of the summary, the topic
once and the board code, in a fixed number of queries however many posters there are."""

import pytest

from posters.models import PosterProposal
from tests.factories import AcceptedPosterFactory, UserFactory
from tests.sessions.helpers import page


def cards(response):
    return list(page(response).find_all("data-poster-card"))


def test_a_card_shows_the_summarys_first_240_characters_for_css_to_clamp_to_two_lines(
    client, event
):
    summary = "TorchTrace records every kernel a model launches. " + "x" * 400
    AcceptedPosterFactory(event=event, summary=summary)

    (card,) = cards(client.get("/posters/"))

    (excerpt,) = card.find_all("class", "card-text small mb-1 text-body-secondary poster-excerpt")
    assert excerpt.text == summary[:240]


def test_a_card_reads_title_authors_excerpt_topic_and_board_code_in_that_order(client, event):
    AcceptedPosterFactory(
        event=event,
        title="TorchTrace",
        authors="Ada Lovelace\nAlan Turing",
        summary="Traces kernels. " * 8,
        topic=event.topics.get(name="Compilers"),
        board_code="C4",
    )

    (card,) = cards(client.get("/posters/"))

    assert card.text == (
        "TorchTrace Ada Lovelace, Alan Turing "
        + ("Traces kernels. " * 8).strip()
        + " Compilers Board C4"
    )


def test_the_topic_is_printed_once_on_a_card_with_or_without_an_image(client, event):
    nlp = event.topics.get(name="NLP")
    AcceptedPosterFactory(
        event=event,
        topic=nlp,
        title="With image",
        image="posters/a.png",
        thumbnail="posters/thumbnails/a.jpg",
    )
    AcceptedPosterFactory(event=event, topic=nlp, title="Without")

    texts = [card.text for card in cards(client.get("/posters/"))]

    assert [text.split().count("NLP") for text in texts] == [1, 1]


def test_a_card_shows_the_uploaded_thumbnail_lazily_and_without_alt_text(client, event):
    AcceptedPosterFactory(event=event, image="posters/a.png", thumbnail="posters/thumbnails/a.jpg")

    (card,) = cards(client.get("/posters/"))

    (image,) = card.find_all("src")
    assert image.attrs == {
        "src": "/media/posters/thumbnails/a.jpg",
        "alt": "",
        "loading": "lazy",
        "width": "160",
        "height": "120",
    }


def test_the_catalogue_has_no_style_attribute_and_links_its_own_stylesheet(client, event):
    AcceptedPosterFactory(event=event)

    html = client.get("/posters/").content.decode()

    assert "style=" not in html
    assert '<link rel="stylesheet" href="/static/css/catalogue.css">' in html


@pytest.mark.parametrize("count", [10, 1000])
def test_the_catalogue_costs_exactly_five_queries_for_10_or_1000_posters(
    client, event, count, django_assert_num_queries
):
    submitter = UserFactory()
    topics = list(event.topics.all())
    PosterProposal.objects.bulk_create(
        PosterProposal(
            event=event,
            submitter=submitter,
            topic=topics[n % len(topics)],
            title=f"Poster {n:04d}",
            summary="A summary long enough. " * 20,
            authors="Ada Lovelace",
            status="accepted",
            board_code=f"{'ABCDEFGHIJ'[n % 10]}{n // 10 + 1}",
            image=f"posters/{n}.png",
            thumbnail=f"posters/thumbnails/{n}.jpg",
        )
        for n in range(count)
    )

    # the count and the board rows in one query; the first page's cards in one
    with django_assert_num_queries(5):
        response = client.get("/posters/")

    assert len(cards(response)) == min(count, 48)
