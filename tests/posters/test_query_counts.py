"""List pages cost a fixed number of queries, however many proposals there are."""

import pytest

from posters.models import PosterProposal
from tests.factories import EventFactory, PosterProposalFactory, TopicFactory

# A reviewer's list reads whether the edition reviews blind (one query, once per request).
QUEUE_QUERIES = {"organizer": 14, "reviewer": 15}


def make_proposals(event, submitter, count):
    template = PosterProposalFactory.build(event=event, submitter=submitter)
    topic = event.topics.first()
    PosterProposal.objects.bulk_create(
        PosterProposal(
            event=event,
            submitter=submitter,
            topic=topic,
            title=f"Poster {n}",
            summary=template.summary,
            authors=template.authors,
        )
        for n in range(count)
    )


@pytest.mark.parametrize("count", [10, 1000])
def test_my_proposals_costs_the_same_queries_for_10_or_1000_proposals(
    client, event, submitter, count, django_assert_max_num_queries
):
    make_proposals(event, submitter, count)
    client.force_login(submitter)

    with django_assert_max_num_queries(7):
        response = client.get("/me/")

    assert response.content.decode().count('class="list-group-item') == count


@pytest.mark.parametrize("count", [10, 1000])
def test_the_review_queue_costs_the_same_queries_for_10_or_1000_proposals(
    client, event, submitter, organizer, count, django_assert_max_num_queries
):
    make_proposals(event, submitter, count)
    client.force_login(organizer)

    with django_assert_max_num_queries(15):
        response = client.get("/admin/posters/posterproposal/")

    assert response.context["cl"].result_count == count


@pytest.mark.parametrize("count", [10, 1000])
@pytest.mark.parametrize("role", ["organizer", "reviewer"])
def test_the_desks_queue_of_one_edition_costs_a_fixed_number_of_queries(
    client, event, submitter, request, role, count, django_assert_num_queries
):
    """The edition switch, the desk's title and counts, the ranked order: the same queries
    for 10 or 1,000 proposals, and another edition's proposals cost nothing."""
    make_proposals(event, submitter, count)
    other = EventFactory(is_current=False, name="PyTorch Ecosystem Day 2027")
    TopicFactory(event=other)
    make_proposals(other, submitter, 5)
    client.force_login(request.getfixturevalue(role))

    with django_assert_num_queries(QUEUE_QUERIES[role]):
        response = client.get("/admin/posters/posterproposal/", {"status": "awaiting", "o": "-8"})

    assert response.context["cl"].result_count == count
    assert response.context["my_reviews"] == {"done": 0, "awaiting": count, "assigned": 0}
