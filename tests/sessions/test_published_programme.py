"""The published programme: a release is decoded once per process, kept by its id and shared,
in one query per page; a release is never edited, so a new one is what pages show next."""

from dataclasses import FrozenInstanceError

import pytest

from ecosystem_day.infra.memo import clear_all
from sessions.models import ScheduleRelease
from sessions.published import published
from sessions.snapshot import (
    SCHEMA_VERSION,
    ReleasedBreakout,
    ReleasedItem,
    UnknownSchemaVersion,
    latest_release,
    read_snapshot,
    snapshot_of,
)
from tests.factories import ScheduledBreakoutFactory, ScheduleItemFactory
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

    assert again.release.snapshot is first.snapshot
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


def test_a_release_cannot_be_edited_once_made(event):
    ScheduleItemFactory(event=event, title="Opening talks")
    release = released(event)
    release.note = "Edited afterwards"

    with pytest.raises(ValueError, match="A schedule release is never edited"):
        release.save()

    assert ScheduleRelease.objects.get(pk=release.pk).note == ""


def test_the_snapshot_is_read_as_frozen_typed_items(event):
    scheduled = ScheduledBreakoutFactory(event=event, breakout__title="Profiling PyTorch")
    released(event)

    [item] = latest_release(event).snapshot.items

    assert type(item) is ReleasedItem
    assert type(item.breakout) is ReleasedBreakout
    assert (item.title, item.breakout.presenter.name, item.starts_at) == (
        "Profiling PyTorch",
        scheduled.breakout.submitter.name,
        scheduled.starts_at,
    )
    with pytest.raises(FrozenInstanceError):
        item.title = "Changed"


def test_a_release_stores_its_schema_version(event):
    ScheduleItemFactory(event=event)
    release = released(event)

    assert ScheduleRelease.objects.get(pk=release.pk).programme["schema_version"] == SCHEMA_VERSION
    assert latest_release(event).snapshot.schema_version == SCHEMA_VERSION == 2


def test_a_release_stored_before_schema_versions_reads_as_version_1(event):
    ScheduleItemFactory(event=event, title="Opening talks")
    release = released(event)
    programme = release.programme
    del programme["schema_version"]
    ScheduleRelease.objects.filter(pk=release.pk).update(programme=programme)  # as stored then
    clear_all()

    snapshot = latest_release(event).snapshot

    assert snapshot.schema_version == 1
    assert [item.title for item in snapshot.items] == ["Opening talks"]


def test_a_snapshot_of_an_unknown_schema_version_is_refused_by_name():
    with pytest.raises(
        UnknownSchemaVersion, match="schema version 3; this site reads versions 1, 2"
    ):
        read_snapshot({"schema_version": 3, "event": {}, "tracks": [], "items": []})


def test_a_release_row_and_the_latest_release_share_one_decoded_snapshot(event):
    ScheduleItemFactory(event=event, title="Opening talks")
    release = released(event)

    latest = latest_release(event)

    assert (latest.id, latest.number) == (release.pk, 1)
    assert snapshot_of(ScheduleRelease.objects.get(pk=release.pk)) is latest.snapshot


def test_before_the_first_release_there_is_no_release_and_an_empty_programme(event):
    assert latest_release(event) is None
    assert not published(event)
