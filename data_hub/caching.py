"""Cached figures, invalidated as a whole whenever data change (an import, a deleted release, a group edited).

The cache key carries a "data version" that every change increments, so that nothing has to
know which entries a change affects; old entries simply expire.
"""

import hashlib

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
