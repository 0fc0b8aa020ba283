"""An import costs a fixed number of queries per batch, whatever the batch's size, so 10,000
entries take seconds, not minutes (the figures are in the importer's note, not here)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from posters.catalogue_file import RawEntry
from posters.importing import import_catalogue
from posters.models import PosterEdit, PosterProposal, StatusChange
from tests.factories import EventFactory, TopicFactory
from tests.posters.catalogue_bench import TOPICS, entries


def raw(items):
    return [RawEntry(position, position, item) for position, item in enumerate(items, 1)]


def changed(items):
    """Every entry edited: a new title, its topics the other way round and one more."""
    return [
        {
            **item,
            "title": f"{item['title']} (revised)",
            "categories": [*item["categories"][::-1], TOPICS[-1]],
        }
        for item in items
    ]


def queries_to_import(event, items, batch_size, progress=None):
    with CaptureQueriesContext(connection) as queries:
        report = import_catalogue(
            event, raw(items), source="bench.json", batch_size=batch_size, progress=progress
        )
    return len(queries), report


def test_a_batch_costs_the_same_queries_whether_it_holds_ten_entries_or_a_hundred(event):
    small, large = list(entries(20, seed=1)), list(entries(200, seed=2))
    other = EventFactory(slug="other", is_current=False)
    for position, name in enumerate(TOPICS):  # new topics are one more query, once
        TopicFactory(event=event, name=name, position=position)
        TopicFactory(event=other, name=name, position=position)

    created = [queries_to_import(event, small, 10)[0], queries_to_import(other, large, 100)[0]]
    updated = [
        queries_to_import(event, changed(small), 10)[0],
        queries_to_import(other, changed(large), 100)[0],
    ]

    # Two batches each. Seven queries whatever the size: two savepoints and their releases
    # (the import's and the transition's, inside the test's transaction), the lock, the
    # posters' other topics (none to read in an empty event) and the event's topics. Then
    # per batch, creating: the posters, their other topics, their history rows; updating:
    # one update, the old other topics deleted, the new ones inserted, the edit log's rows.
    assert created == [6 + 2 * 3, 6 + 2 * 3]
    assert updated == [7 + 2 * 4, 7 + 2 * 4]
    assert PosterProposal.objects.filter(event=other).count() == 200
    assert StatusChange.objects.filter(proposal__event=other).count() == 200
    assert PosterEdit.objects.filter(poster__event=other).count() == 200
    poster = PosterProposal.objects.get(event=other, board_code="A1")
    first = large[0]["categories"]
    assert [poster.topic.name, *[t.name for t in poster.extra_topics.order_by("position")]] == [
        first[-1],
        *sorted({*first[:-1], TOPICS[-1]} - {first[-1]}, key=TOPICS.index),
    ]


def test_the_progress_bar_moves_batch_by_batch_to_the_last_entry(event):
    items = list(entries(25))
    items[3] = {**items[3], "title": ""}
    steps = []

    queries_to_import(event, items, 10, progress=steps.append)

    assert steps == [1, 10, 10, 4]


def test_unchanged_entries_cost_no_write_at_all(event):
    items = list(entries(30))
    queries_to_import(event, items, 10)

    count, report = queries_to_import(event, items, 10)

    # Two savepoints and their releases (the import's and the transition's, inside the
    # test's transaction), the lock, the posters' other topics and the event's topics.
    assert (count, len(report.unchanged)) == (7, 30)
