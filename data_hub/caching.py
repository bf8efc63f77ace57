"""Cached figures, invalidated as a whole whenever data change (an import, a deleted release, a group edited).

The cache key carries a "data version" that every change increments, so that nothing has to
know which entries a change affects; old entries simply expire.
"""

import hashlib
import threading

from django.core.cache import cache
from django.db import transaction

from rwg_portal.cache import generation, next_generation

VERSION_KEY = "data_hub:version"
TIMEOUT = 3600


def data_version() -> int:
    return generation(VERSION_KEY)


def bump_version() -> None:
    """Invalidate every cached figure once the current transaction commits."""

    transaction.on_commit(lambda: next_generation(VERSION_KEY))


def key(*parts) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"data_hub:v{data_version()}:{digest}"


def cached(parts: tuple, compute):
    """``compute()`` once per data version and arguments."""
    cache_key = key(*parts)
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value


# What ``cached_local`` keeps in this process: the newest entries only (each key carries the data version).
_LOCAL_ENTRIES = 32
_local: dict[str, object] = {}
_local_lock = threading.Lock()


def cached_local(parts: tuple, compute):
    """``cached`` with a copy kept in this process too, for large lists of model instances that every
    page reads (the place lists): unpickling 500 places from the shared cache took 20 ms a request.

    The key is the shared cache's, data version included, so an import, a deletion or a group change in
    any process (``bump_version``) leaves the old copy behind here at the next request. The value is
    shared by the requests of this process: callers must not change it."""
    cache_key = key(*parts)
    value = _local.get(cache_key)
    if value is None:
        value = cache.get(cache_key)
        if value is None:
            value = compute()
            cache.set(cache_key, value, TIMEOUT)
        with _local_lock:
            if len(_local) >= _LOCAL_ENTRIES:
                _local.clear()
            _local[cache_key] = value
    return value
