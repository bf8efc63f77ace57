"""A Redis cache that keeps the portal working while Redis is away.

When Redis does not answer, each call falls back to a per-process memory cache (so rate
limits still hold, per process) instead of failing the page; once Redis answers again
the shared cache is used again.
"""

import logging
import time

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


class ResilientRedisCache(RedisCache):
    """Django's Redis cache with a local fallback for the time Redis is unreachable."""

    _retry_after = 5.0  # seconds before trying Redis again after a failure

    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache("rwg-fallback", {"OPTIONS": {"MAX_ENTRIES": 10000}})
        self._down_until = 0.0

    def _call(self, name, *args, **kwargs):
        if time.monotonic() >= self._down_until:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except _UNAVAILABLE as exc:
                if not self._down_until:
                    logger.warning("Redis cache unavailable, using the local fallback: %s", exc)
                self._down_until = time.monotonic() + self._retry_after
        return getattr(self._fallback, name)(*args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self, *args, **kwargs):
        return self._call("clear", *args, **kwargs)


def _now_us() -> int:
    return time.time_ns() // 1000


def generation(key: str) -> int:
    """The current value of a generation counter: cache keys that include it are all dropped at once
    by ``next_generation`` (nothing has to know which entries a change affects).

    A counter starts at the current time in microseconds and only ever grows, so that a counter
    lost with Redis (a restart, a flush) never comes back to a value that was already handed out
    (an ETag made from it would otherwise match a page of older data). Counters have no expiry:
    the cache's Redis evicts only keys that have one (``volatile-lru``, docker-compose.yml).
    """
    value = cache.get(key)
    if value is None:
        cache.add(key, _now_us(), timeout=None)
        value = cache.get(key, 0) or _now_us()
    return int(value)


def next_generation(key: str) -> None:
    """Move a generation counter on (to at least the current time in microseconds), forgetting every
    entry keyed with its current value. Each call adds at least one, atomically."""
    try:
        value = cache.incr(key)
    except ValueError:  # the counter was evicted or never set
        cache.add(key, _now_us(), timeout=None)
        value = cache.incr(key)
    now = _now_us()
    if value < now:
        cache.incr(key, now - value)
