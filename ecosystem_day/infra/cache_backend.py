"""Redis as a cache the site can lose: an outage is a miss, logged, never an error.

Django's RedisCache raises when Redis refuses or does not answer, so every page that reads
the cache answered 500 (or hung, with no socket timeout). Here a call that meets an outage
(refused, or no answer within the socket timeouts set in settings) answers as a miss would,
logs one warning, and this process leaves Redis alone for `retry_after` seconds: a hung Redis
costs one timeout per process and back-off, not one per call. Nothing lives only in the cache
(sessions and log-in lockouts are in PostgreSQL), so a miss costs a render, never data.

Only the outage errors are absorbed: a wrong command (say, `incr` on a pickled value) is a bug
and still raises.

Both backends here (this one, and ProcessCache for one process) count the deletions and
flushes this process makes (`forgets_made()`), so that a worker's brief copy of a shared value
(ecosystem_day.infra.memo.Recent) gives way at once to the worker's own change.
"""

import itertools
import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE = (RedisConnectionError, RedisTimeoutError)
# Servers → until when (time.monotonic()) this process leaves them alone. Shared by the
# process's threads, each of which has its own cache object.
_resting_until = {}
_MISSED = object()
# Counts the deletions and flushes this process made in its cache, for the copies of shared
# values it keeps (ecosystem_day.infra.memo.Recent): what this process forgets, it stops
# serving at once.
_forgets = itertools.count(1)
_last_forget = 0


def forgets_made():
    """A number that changes whenever this process deletes or flushes something in its cache."""
    return _last_forget


class CountsForgets:
    """For a cache backend: each deletion or flush, once made, changes `forgets_made()`."""

    counts_forgets = True

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        finally:
            _forgot()

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        finally:
            _forgot()

    def clear(self):
        try:
            return super().clear()
        finally:
            _forgot()


def _forgot():
    global _last_forget
    _last_forget = next(_forgets)


class DegradingRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, retry_after=5, **options):
        super().__init__(servers, **options)
        self._outage_key = tuple(servers)
        self._retry_after = float(retry_after)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        """One redis-py client per server, kept: Django makes a new one for every call, which
        costs more processor time (about 50 µs) than the round trip itself."""
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _or_miss(self, miss, call, *args):
        if time.monotonic() < _resting_until.get(self._outage_key, 0):
            return miss
        try:
            answer = call(*args)
        except OUTAGE as error:
            _resting_until[self._outage_key] = time.monotonic() + self._retry_after
            logger.warning(
                "The cache is unavailable (%s): this process goes without it for %g s; pages "
                "are rendered from the database and the sign-up and reset throttles let "
                "requests through.",
                error,
                self._retry_after,
            )
            return miss
        if _resting_until.pop(self._outage_key, None) is not None:
            logger.warning("The cache answers again.")
        return answer

    def add(self, key, value, timeout):
        return self._or_miss(False, super().add, key, value, timeout)

    def get(self, key, default):
        return self._or_miss(default, super().get, key, default)

    def set(self, key, value, timeout):
        self._or_miss(None, super().set, key, value, timeout)

    def touch(self, key, timeout):
        return self._or_miss(False, super().touch, key, timeout)

    def delete(self, key):
        return self._or_miss(False, super().delete, key)

    def get_many(self, keys):
        return self._or_miss({}, super().get_many, keys)

    def has_key(self, key):
        return self._or_miss(False, super().has_key, key)

    def incr(self, key, delta):
        answer = self._or_miss(_MISSED, super().incr, key, delta)
        if answer is _MISSED:  # Django's answer for a key it cannot see
            raise ValueError(f"Key '{key}' not found: the cache is unavailable.")
        return answer

    def set_many(self, data, timeout):
        self._or_miss(None, super().set_many, data, timeout)

    def delete_many(self, keys):
        self._or_miss(None, super().delete_many, keys)

    def clear(self):
        return self._or_miss(False, super().clear)


class DegradingRedisCache(CountsForgets, RedisCache):
    """Django's RedisCache whose outages are misses (OPTIONS: redis-py's connection options,
    such as socket_connect_timeout and socket_timeout, and our retry_after)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = DegradingRedisCacheClient


class ProcessCache(CountsForgets, LocMemCache):
    """Django's per-process cache, counting its deletions like the shared one (one machine,
    one worker, and the tests)."""
