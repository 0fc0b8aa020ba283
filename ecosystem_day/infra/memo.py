"""Every per-process memo cache of the site, under one policy: each is bounded (the least
recently used entry goes first) and `clear_all()` empties them all, which tests do before
each test so that no process-wide copy leaks from one test into the next.

What is kept must never change once made (a release's snapshot, a zone's options) or be
keyed by what it depends on (a public version, a time zone): nothing here is invalidated.
"""

import threading
from collections import OrderedDict
from functools import lru_cache

_ALL = []


def memoize(maxsize):
    """functools.lru_cache of `maxsize` results, registered so that `clear_all` reaches it."""

    def decorate(function):
        cached = lru_cache(maxsize=maxsize)(function)
        _ALL.append(cached)
        return cached

    return decorate


class Memo:
    """A bounded, least-recently-used mapping for values made elsewhere than in one call (a
    release's decoded snapshot, held by the release's id); safe to share between threads."""

    def __init__(self, maxsize):
        self.maxsize = maxsize
        self._kept = OrderedDict()
        self._lock = threading.Lock()
        _ALL.append(self)

    def get(self, key):
        with self._lock:
            value = self._kept.get(key)
            if value is not None:
                self._kept.move_to_end(key)
            return value

    def put(self, key, value):
        with self._lock:
            self._kept[key] = value
            self._kept.move_to_end(key)
            while len(self._kept) > self.maxsize:
                self._kept.popitem(last=False)

    def keys(self):
        with self._lock:
            return list(self._kept)

    def cache_clear(self):
        with self._lock:
            self._kept.clear()


def clear_all():
    """Empty every memo of this process."""
    for memo in _ALL:
        memo.cache_clear()
