import pytest
from django.core.cache.backends.redis import RedisCache

from rwg_portal.cache import ResilientRedisCache


def test_cache_falls_back_when_redis_is_unreachable():
    # Port 1 on loopback: nothing listens there, so every Redis call fails at once.
    cache = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}})
    cache.set("k", 41)
    assert cache.get("k") == 41
    assert cache.incr("k") == 42
    assert cache.add("k", 1) is False


def test_a_plain_redis_cache_would_fail_there():
    cache = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}})
    with pytest.raises(Exception, match="(?i)connect"):
        cache.set("k", 1)


def test_cache_uses_redis_when_it_answers(settings):
    url = settings.REDIS_URL or "redis://127.0.0.1:6379/1"
    cache = ResilientRedisCache(url, {})
    cache.set("rwg-test-key", "shared", 30)
    assert RedisCache(url, {}).get("rwg-test-key") == "shared"
