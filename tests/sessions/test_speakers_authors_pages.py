"""Poster authors on the speakers page come a hundred at a time in name order, from a letter
or a name, with a search; each lists ten of their posters and links the catalogue for the
rest; nothing a visitor types in the address answers an error."""

import pytest

from posters.models import PosterProposal
from tests.factories import AcceptedPosterFactory, SpeakerFactory
from tests.sessions.helpers import page, released


def authors_of(event, names, **fields):
    template = AcceptedPosterFactory(event=event, authors=names[0], **fields)
    PosterProposal.objects.bulk_create(
        PosterProposal(
            event=event,
            submitter=template.submitter,
            topic=template.topic,
            title=f"Poster by {name}",
            summary=template.summary,
            authors=name,
            status="accepted",
        )
        for name in names[1:]
    )


def shown(response):
    return [
        entry.one("class", "fw-semibold").text
        for entry in page(response).find_all("data-poster-presenter")
    ]


def next_link(response):
    links = [a.attrs["href"] for a in page(response).find_all("rel", "next")]
    return links[0] if links else None


NAMES = [f"{given} {family}" for given in ("Ada", "Ben", "Cleo") for family in range(1000, 1050)]


def test_the_first_hundred_authors_in_name_order_then_a_link_to_the_next_ones(client, event):
    authors_of(event, NAMES)
    released(event)

    first = client.get("/speakers/")

    assert shown(first) == sorted(NAMES)[:100]
    assert next_link(first) == "?from=cleo%201000"
    second = client.get("/speakers/" + next_link(first))
    assert shown(second) == sorted(NAMES)[100:]
    assert next_link(second) is None
    assert "Keynote speakers" not in second.content.decode()  # the authors alone, with a way back


def test_a_letter_starts_the_list_at_that_letter(client, event):
    authors_of(event, NAMES)
    released(event)

    response = client.get("/speakers/?from=b")

    assert shown(response)[:2] == ["Ben 1000", "Ben 1001"]
    assert len(shown(response)) == 100


def test_search_finds_authors_by_any_part_of_their_name_ignoring_case_and_spaces(client, event):
    authors_of(event, ["Ada Lovelace", "Alan Turing", "Grace  Hopper"])
    released(event)

    assert shown(client.get("/speakers/?q=LOVE")) == ["Ada Lovelace"]
    assert shown(client.get("/speakers/?q=grace%20%20hopper")) == ["Grace Hopper"]
    none = client.get("/speakers/?q=Babbage")
    assert shown(none) == []
    assert "No poster author's name holds “Babbage”." in none.content.decode()


def test_an_author_of_many_posters_lists_ten_and_links_the_catalogue_for_the_rest(client, event):
    authors_of(event, ["Ada Lovelace"] * 13)
    released(event)

    tree = page(client.get("/speakers/"))

    (entry,) = tree.find_all("data-poster-presenter")
    links = [a.attrs["href"] for a in entry.find_all("href")]
    assert len(links) == 11
    assert links[-1] == "/posters/?q=Ada+Lovelace"
    assert entry.texts("class", "mt-1 small") == ["3 more posters by Ada Lovelace"]


def test_a_keynote_speaker_who_signs_a_poster_is_listed_once_with_it(client, event):
    SpeakerFactory(event=event, name="Ada Lovelace")
    authors_of(event, ["ada  lovelace", "Alan Turing"])
    released(event)

    tree = page(client.get("/speakers/"))

    assert shown(client.get("/speakers/")) == ["Alan Turing"]
    (keynote,) = tree.find_all("data-speaker")
    poster = PosterProposal.objects.get(authors="ada  lovelace")
    assert [a.text for a in keynote.find_all("href")] == [poster.title]


@pytest.mark.parametrize(
    "query",
    ["from=%00a", "q=%00", "q=" + "x" * 5000, "from=%ff%fe", "q=%E2%80%AE", "from=%0D%0A"],
)
def test_whatever_the_address_carries_the_page_answers_without_an_error(client, event, query):
    authors_of(event, ["Ada Lovelace"])
    released(event)

    assert client.get(f"/speakers/?{query}").status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_a_later_page_of_authors_costs_the_same_queries_for_10_or_1000_authors(
    client, event, count, django_assert_num_queries
):
    authors_of(event, [f"Author {n:04d}" for n in range(count)])
    released(event)
    client.get("/speakers/")  # the edition and its release, once per process

    with django_assert_num_queries(5):  # release check, speakers, authors' names, rows, titles
        response = client.get("/speakers/?from=author%200005")

    assert len(shown(response)) == min(count - 5, 100)
