"""The public catalogue and poster pages show accepted posters of the current event only."""

from datetime import date

import pytest
from django.core.cache import cache

from posters.models import PosterProposal
from tests.factories import (
    AcceptedPosterFactory,
    BreakoutProposalFactory,
    EventFactory,
    PosterProposalFactory,
    RoomFactory,
    ScheduledBreakoutFactory,
    TrackFactory,
    UserFactory,
)
from tests.sessions.helpers import released

NOT_ACCEPTED = ["submitted", "waitlisted", "rejected", "withdrawn"]


def titles(response):
    return [poster["title"] for poster in response.context["posters"]]


def test_the_catalogue_shows_only_accepted_posters_of_the_current_event(client, event):
    AcceptedPosterFactory(event=event, title="On show")
    for status in NOT_ACCEPTED:
        PosterProposalFactory(event=event, status=status, title=f"Poster {status}")
    old_edition = EventFactory(name="PyTorch Ecosystem Day 2020", is_current=False)
    AcceptedPosterFactory(event=old_edition, title="Poster from last year")

    response = client.get("/posters/")

    assert response.status_code == 200
    assert titles(response) == ["On show"]
    page = response.content.decode()
    assert "<strong>1</strong> poster\n" in page
    for hidden in ["submitted", "waitlisted", "rejected", "withdrawn", "from last year"]:
        assert f"Poster {hidden}" not in page


def test_each_card_shows_title_authors_topic_and_links_to_the_poster(client, event):
    poster = AcceptedPosterFactory(
        event=event,
        title="TorchTrace",
        authors="Ada Lovelace\nAlan Turing",
        topic=event.topics.get(name="Compilers"),
    )

    page = client.get("/posters/").content.decode()

    assert f'<a class="stretched-link" href="/posters/{poster.pk}/">TorchTrace</a>' in page
    assert '<p class="card-text small mb-1 poster-authors">Ada Lovelace, Alan Turing</p>' in page
    assert '<span class="poster-topic">Compilers</span>' in page


def test_a_poster_without_an_image_shows_a_placeholder_and_its_topic_once(client, event):
    AcceptedPosterFactory(event=event, topic=event.topics.get(name="NLP"))

    page = client.get("/posters/").content.decode()

    assert '<div class="poster-placeholder" aria-hidden="true"></div>' in page
    assert "<img" not in page
    assert page.count(">NLP<") == 2  # the card and the topic menu


def test_a_poster_with_an_image_shows_its_thumbnail(client, event):
    AcceptedPosterFactory(
        event=event, image="posters/abc.png", thumbnail="posters/thumbnails/abc.jpg"
    )

    page = client.get("/posters/").content.decode()

    assert 'src="/media/posters/thumbnails/abc.jpg"' in page
    assert "poster-placeholder" not in page


@pytest.mark.parametrize(
    "found",
    [
        {"title": "Graph neural networks at scale"},
        {"summary": "A library about GRAPH NEURAL networks at scale. " * 6},
        {"authors": "Ada Lovelace\nGraph Neural"},
    ],
)
def test_search_finds_words_in_title_summary_or_authors(client, event, found):
    poster = AcceptedPosterFactory(event=event, **found)
    AcceptedPosterFactory(event=event, title="Unrelated")

    response = client.get("/posters/?q=graph+neural")

    assert titles(response) == [poster.title]
    assert "<strong>1</strong> poster matches." in response.content.decode()


def test_the_topic_filter_shows_only_that_topics_posters(client, event):
    nlp = event.topics.get(name="NLP")
    AcceptedPosterFactory(event=event, title="Transformers", topic=nlp)
    AcceptedPosterFactory(event=event, title="A compiler", topic=event.topics.get(name="Compilers"))

    response = client.get(f"/posters/?topic={nlp.pk}")

    assert titles(response) == ["Transformers"]
    assert f'<option value="{nlp.pk}" selected>NLP</option>' in response.content.decode()


@pytest.mark.parametrize("written", ["{pk}", " {pk} ", "0{pk}"])
def test_a_topic_is_read_as_its_key_with_spaces_or_leading_zeros(client, event, written):
    nlp = event.topics.get(name="NLP")
    AcceptedPosterFactory(event=event, title="Transformers", topic=nlp)
    AcceptedPosterFactory(event=event, title="A compiler", topic=event.topics.get(name="Compilers"))

    response = client.get("/posters/", {"topic": written.format(pk=nlp.pk)})

    assert titles(response) == ["Transformers"]


@pytest.mark.parametrize("written", ["nlp", "1.5", "99999999999999999999999", "-1"])
def test_a_topic_that_is_no_key_is_ignored_and_all_posters_show(client, event, written):
    AcceptedPosterFactory(event=event, title="Transformers")
    AcceptedPosterFactory(event=event, title="A compiler")

    response = client.get("/posters/", {"topic": written})

    assert response.status_code == 200
    assert titles(response) == ["A compiler", "Transformers"]


def test_search_and_topic_filter_combine(client, event):
    nlp = event.topics.get(name="NLP")
    compilers = event.topics.get(name="Compilers")
    AcceptedPosterFactory(event=event, title="Fast tokenizers", topic=nlp)
    AcceptedPosterFactory(event=event, title="Fast kernels", topic=compilers)
    AcceptedPosterFactory(event=event, title="Slow tokenizers", topic=nlp)

    response = client.get(f"/posters/?q=fast&topic={nlp.pk}")

    assert titles(response) == ["Fast tokenizers"]
    assert 'value="fast"' in response.content.decode()


def test_a_topic_of_another_event_is_ignored_and_all_posters_show(client, event):
    AcceptedPosterFactory(event=event, title="Transformers")
    foreign = EventFactory(is_current=False).topics.create(name="Elsewhere")

    response = client.get(f"/posters/?topic={foreign.pk}")

    assert response.status_code == 200
    assert titles(response) == ["Transformers"]


def test_no_match_says_so(client, event):
    AcceptedPosterFactory(event=event, title="Transformers")

    page = client.get("/posters/?q=quantum").content.decode()

    assert "<strong>0</strong> posters match." in page
    assert "No poster matches your search." in page


def make_accepted(event, count, title="Poster"):
    template = PosterProposalFactory.build(event=event)
    submitter = UserFactory()
    topics = list(event.topics.all())
    PosterProposal.objects.bulk_create(
        PosterProposal(
            event=event,
            submitter=submitter,
            topic=topics[n % len(topics)],
            title=f"{title} {n:04d}",
            summary=template.summary,
            authors=template.authors,
            status="accepted",
        )
        for n in range(count)
    )


def test_the_catalogue_shows_48_posters_a_page_and_keeps_the_search_in_page_links(client, event):
    nlp = event.topics.get(name="NLP")
    make_accepted(event, 100, title="Vision")

    first = client.get(f"/posters/?q=vision&topic={nlp.pk}")
    second = client.get(f"/posters/?q=vision&topic={nlp.pk}&page=2")

    assert len(titles(first)) == 48
    assert titles(first)[0] == "Vision 0001"
    page = first.content.decode()
    assert "<strong>50</strong> posters match." in page
    assert f'href="?q=vision&amp;topic={nlp.pk}&amp;page=2">Next</a>' in page
    assert "Page 1 of 2" in page
    assert titles(second) == ["Vision 0097", "Vision 0099"]
    assert f'href="?q=vision&amp;topic={nlp.pk}&amp;page=1">Previous</a>' in (
        second.content.decode()
    )


@pytest.mark.parametrize("count", [10, 1000])
def test_the_catalogue_costs_the_same_queries_for_10_or_1000_posters(
    client, event, count, django_assert_max_num_queries
):
    make_accepted(event, count)

    with django_assert_max_num_queries(6):  # the board rows for the row menu included
        response = client.get("/posters/")

    assert response.content.decode().count("data-poster-card") == min(count, 48)


@pytest.mark.parametrize("count", [10, 1000])
def test_a_topic_chosen_costs_no_query_to_read_the_topic_for_10_or_1000_posters(
    client, event, count, django_assert_num_queries
):
    """The menu's topics are read with the catalogue's facts; the chosen one is among them."""
    make_accepted(event, count)
    nlp = event.topics.get(name="NLP")
    client.get("/posters/")  # the edition and the facts of this version, read once

    with django_assert_num_queries(2):  # the matches counted, the page's cards: no topic read
        response = client.get(f"/posters/?topic={nlp.pk}")

    assert response.content.decode().count("data-poster-card") == min(
        PosterProposal.objects.filter(topic=nlp).count(), 48
    )


def test_the_public_page_shows_an_accepted_poster(client, event):
    poster = AcceptedPosterFactory(
        event=event,
        title="TorchTrace",
        authors="Ada Lovelace\nAlan Turing",
        topic=event.topics.get(name="NLP"),
        link="https://github.com/example/torchtrace",
    )

    response = client.get(f"/posters/{poster.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 class="h3 text-break">TorchTrace</h1>' in page
    assert '<p class="mb-1 text-break">Ada Lovelace, Alan Turing</p>' in page
    assert '<span class="badge text-bg-light border">NLP</span>' in page
    assert poster.summary.strip() in page
    assert (
        '<a href="https://github.com/example/torchtrace" rel="nofollow noopener" '
        'class="text-break">https://github.com/example/torchtrace</a>' in page
    )
    assert "The presenters have not said yet when they stand by the poster." in page


def test_the_public_page_escapes_what_authors_typed(client, event):
    poster = AcceptedPosterFactory(event=event, title="<script>alert(1)</script>")

    page = client.get(f"/posters/{poster.pk}/").content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_public_page_shows_the_image_and_its_full_size_link(client, event):
    poster = AcceptedPosterFactory(
        event=event, image="posters/abc.png", thumbnail="posters/thumbnails/abc.jpg"
    )

    page = client.get(f"/posters/{poster.pk}/").content.decode()

    assert 'src="/media/posters/thumbnails/abc.jpg"' in page
    assert '<a href="/media/posters/abc.png">Open the full-size poster</a>' in page


def test_the_public_page_links_the_posters_scheduled_breakouts(client, event):
    event.date = date(2021, 4, 21)
    event.save()
    poster = AcceptedPosterFactory(event=event)
    item = ScheduledBreakoutFactory(
        event=event,
        breakout=BreakoutProposalFactory(
            event=event, poster=poster, status="accepted", title="Live tracing"
        ),
        room=RoomFactory(event=event, name="Room Turing"),
        track=TrackFactory(event=event),
    )
    BreakoutProposalFactory(event=event, poster=poster, title="Not scheduled yet")
    assert "Live tracing" not in client.get(f"/posters/{poster.pk}/").content.decode()
    released(event)  # attendees see the published schedule only
    cache.clear()  # the release bumps the version once committed; tests never commit

    page = client.get(f"/posters/{poster.pk}/").content.decode()

    assert f'<a class="text-break" href="/schedule/{item.pk}/">Live tracing</a>' in page
    assert "Wed, Apr 21, 9:00 AM PDT (America/Los_Angeles)</time></span> · Room Turing" in page
    assert "Not scheduled yet" not in page


@pytest.mark.parametrize("status", NOT_ACCEPTED)
def test_the_public_page_of_a_poster_that_is_not_accepted_is_not_found_for_anyone(
    client, event, submitter, status
):
    poster = PosterProposalFactory(event=event, submitter=submitter, status=status)

    anonymous = client.get(f"/posters/{poster.pk}/")
    client.force_login(submitter)
    owner = client.get(f"/posters/{poster.pk}/")

    assert (anonymous.status_code, owner.status_code) == (404, 404)


def test_the_public_page_of_an_accepted_poster_of_another_edition_is_not_found(client, event):
    poster = AcceptedPosterFactory(event=EventFactory(is_current=False))

    response = client.get(f"/posters/{poster.pk}/")

    assert response.status_code == 404
