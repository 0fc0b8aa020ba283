"""The published programme: a release is decoded once per process and shared, in one query
per page, and a release rewritten in place is read again."""

import pytest

from sessions.published import latest_release, published
from tests.factories import ScheduleItemFactory
from tests.sessions.helpers import ecosystem_day_2021, released


@pytest.fixture
def event(db):
    return ecosystem_day_2021()


def test_a_release_is_decoded_once_and_shared_by_later_pages_in_one_query_each(
    event, django_assert_num_queries
):
    ScheduleItemFactory(event=event, title="Opening talks")
    released(event)
    first = latest_release(event)

    with django_assert_num_queries(1):
        again = published(event)

    assert again.release.programme is first.programme
    assert [item.title for item in again.items] == ["Opening talks"]


def test_a_new_release_replaces_what_pages_show(event):
    item = ScheduleItemFactory(event=event, title="Opening talks")
    released(event)
    assert [entry.title for entry in published(event).items] == ["Opening talks"]
    item.title = "Opening keynotes"
    item.save()

    released(event)

    assert published(event).number == 2
    assert [entry.title for entry in published(event).items] == ["Opening keynotes"]


def test_a_release_rewritten_in_place_is_read_again(event):
    ScheduleItemFactory(event=event, title="Opening talks")
    release = released(event)
    assert [item.title for item in published(event).items] == ["Opening talks"]

    release.programme["items"][0]["title"] = "Opening keynotes"
    release.save(update_fields=["programme"])

    assert [item.title for item in published(event).items] == ["Opening keynotes"]


def test_the_note_and_the_change_log_are_left_in_the_database_until_read(
    event, django_assert_num_queries
):
    ScheduleItemFactory(event=event, title="Opening talks")
    released(event)

    release = latest_release(event)

    assert release.get_deferred_fields() == {"released_by_id", "note", "changes"}
    with django_assert_num_queries(1):
        assert [change["title"] for change in release.changes] == ["Opening talks"]


def test_before_the_first_release_there_is_no_release_and_an_empty_programme(event):
    assert latest_release(event) is None
    assert not published(event)
