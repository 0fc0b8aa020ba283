"""Every per-process memo cache of the site, under one policy: each is bounded (the least
recently used entry goes first) and `clear_all()` empties them all, which tests do before
each test so that no process-wide copy leaks from one test into the next.

What is kept must never change once made (a release's snapshot, a zone's options) or be
keyed by what it depends on (a public version, a time zone): nothing here is invalidated.
The one exception is `Recent`, a copy of a value of the shared cache (the public version, the
cache's epoch), kept a fraction of a second and dropped at once when this process deletes
anything from that cache.
"""

import threading
import time
from collections import OrderedDict
from functools import lru_cache

from django.core.cache import cache

from .cache_backend import forgets_made

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


class Recent:
    """What `read()` answers (values of the shared cache, which any process on any host may
    change), kept by this process for at most `seconds` and read again at once after this
    process deleted or flushed anything in the cache: its own changes show at once, other
    hosts' within `seconds`. A cache that does not count its deletions is read every time."""

    def __init__(self, seconds, read):
        self.seconds = seconds
        self._read = read
        self._kept = None  # (value, until (time.monotonic()), forgets_made() before reading)
        _ALL.append(self)

    def __call__(self):
        if not getattr(cache, "counts_forgets", False):
            return self._read()
        now = time.monotonic()
        forgets = forgets_made()
        kept = self._kept
        if kept is not None and now < kept[1] and kept[2] == forgets:
            return kept[0]
        value = self._read()
        self._kept = (value, now + self.seconds, forgets)
        return value

    def cache_clear(self):
        self._kept = None


def clear_all():
    """Empty every memo of this process."""
    for memo in _ALL:
        memo.cache_clear()
