"""A small fixed-window rate limit on Django's cache, for the public forms."""

from django.core.cache import cache

from rwg_portal import security


def client_ip(request) -> str:
    """The client's address by the portal's one rule (``rwg_portal.security.client_ip``)."""
    return security.client_ip(request) or "unknown"


def allow(request, scope: str, *, limit: int, period: int) -> bool:
    """Count one attempt for this client in ``scope``; False once it is over ``limit`` in ``period`` seconds."""
    key = f"rwg:ratelimit:{scope}:{client_ip(request)}"
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=period)
        count = 1
    return count <= limit


def reset(request_ip: str, scope: str) -> None:
    cache.delete(f"rwg:ratelimit:{scope}:{request_ip}")
