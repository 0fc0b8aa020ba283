"""List pages cost a fixed number of queries, however many proposals there are."""

import pytest

from posters.models import PosterProposal
from tests.factories import PosterProposalFactory


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
