"""Per-process memo caches: one module, one policy (bounded, least recently used first out),
and every one emptied by `clear_all`, which tests/conftest.py runs around each test."""

import time

import pytest
from django.core.cache import cache

from ecosystem_day.event.templatetags.event_time import in_zone
from ecosystem_day.infra import memo
from ecosystem_day.infra.timezones import known_zone_names
from posters.call import call_for
from sessions.snapshot import DECODED


def test_a_memoized_function_keeps_at_most_its_bound():
    calls = []

    @memo.memoize(maxsize=2)
    def double(number):
        calls.append(number)
        return 2 * number

    assert [double(1), double(2), double(1), double(3), double(2)] == [2, 4, 2, 6, 4]
    assert calls == [1, 2, 3, 2]  # 2 was the least recently used when 3 came in
    assert double.cache_info().currsize == 2


def test_a_memo_mapping_drops_the_least_recently_used_key_past_its_bound():
    kept = memo.Memo(maxsize=2)
    kept.put("first", 1)
    kept.put("second", 2)
    assert kept.get("first") == 1

    kept.put("third", 3)

    assert kept.keys() == ["first", "third"]
    assert kept.get("second") is None


def test_clear_all_empties_every_memo_of_the_process(event):
    known_zone_names()
    in_zone(call_for(event).deadline, event.tz, "long")
    DECODED.put(1, "a snapshot")

    memo.clear_all()

    assert known_zone_names.cache_info().currsize == 0
    assert in_zone.cache_info().currsize == 0
    assert DECODED.keys() == []


@pytest.mark.parametrize("attempt", [1, 2])
def test_no_memo_carries_one_test_into_the_next(attempt):
    """The autouse fixture cleared what the previous attempt left."""
    assert DECODED.keys() == []
    DECODED.put(attempt, "left behind")


def test_a_recent_reading_is_kept_its_seconds_and_dropped_at_once_by_a_deletion_here():
    readings = []

    def read():
        readings.append(cache.get("shared", 0))
        return readings[-1]

    recent = memo.Recent(0.05, read)
    cache.set("shared", 1)
    first = recent()
    cache.set("shared", 2)  # as another host would: this process deleted nothing
    kept = recent()
    time.sleep(0.06)
    aged = recent()
    cache.set("shared", 3)
    cache.delete("something-else")  # any deletion made here
    after_deletion = recent()

    assert [first, kept, aged, after_deletion] == [1, 1, 2, 3]
    assert readings == [1, 2, 3]
