"""Rendered pages cached per visitor, all dropped at once by any write (a generational cache).

The busiest pages (dashboard, meeting and activity lists, data explorer, country pages, the data
API) are read far more often than anything changes. A page is cached under a key made of the
"pages version", the visitor's session (and CSRF cookie, so that a form's token stays valid), the
language and the full URL. Any write bumps the version, so nothing has to know which pages a change
affects: a POST, PUT, PATCH or DELETE answered by the portal (`PagesVersionMiddleware`), a Celery
task starting or finishing (`rwg_portal.celery`), a data hub release changing (`data_hub.caching`).
A short timeout bounds what a write made some other way (the shell, a management command) and
pages whose content depends on the date ("due in 3 days") can show.

Only plain successful answers are kept: never one that sets a cookie, never a page shown while a
message (a flash notice) waits to be read, never a streaming answer.
"""

import functools
import hashlib

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

from rwg_portal.cache import generation, next_generation

VERSION_KEY = "pages:version"
# Headers a view sets that belong to the page itself (middleware adds the rest on every answer).
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Access-Control-Allow-Origin", "Vary")


def pages_version() -> int:
    return generation(VERSION_KEY)


def bump_pages_version() -> None:
    """Forget every cached page (a write happened)."""
    next_generation(VERSION_KEY)


def _key(request, version: int) -> str:
    visitor = "|".join((
        str(request.user.pk or "-"),  # the person too, not only their session
        request.session.session_key or "-",
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, "-"),
        translation.get_language() or "-",
        # htmx asks for parts of pages: which part depends on these headers.
        request.headers.get("HX-Request", ""), request.headers.get("HX-Boosted", ""),
        request.headers.get("HX-Target", ""),
        request.get_full_path(),
    ))
    return f"pages:v{version}:{hashlib.sha256(visitor.encode()).hexdigest()}"


def _messages_waiting(request) -> bool:
    # len() loads the stored messages without marking them read.
    return bool(len(get_messages(request)))


def _new_csrf_secret(request) -> bool:
    """The page carries a token of a CSRF secret the visitor has no cookie of yet (a first visit):
    the middleware sends that cookie with this answer only, so such a page must not be kept."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")) and (
        request.META.get("CSRF_COOKIE") != request.COOKIES.get(settings.CSRF_COOKIE_NAME))


def cache_per_visitor(view):
    """Serve ``view``'s GET answers from the cache for the same visitor, language and URL."""

    def wrapped(request, *args, **kwargs):
        lifetime = settings.RWG_PAGE_CACHE_SECONDS
        if request.method not in ("GET", "HEAD") or lifetime <= 0 or _messages_waiting(request):
            return view(request, *args, **kwargs)
        key = _key(request, pages_version())
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"  # counted by benchmarks/load_test.py
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if (response.status_code == 200 and not response.streaming and not response.cookies
                and not _new_csrf_secret(request) and not _messages_waiting(request)):
            headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), lifetime)
        response["X-Page-Cache"] = "miss"
        return response

    # Keeps the view's name and its attributes (csrf_exempt and the like).
    return functools.wraps(view)(wrapped)


class PagesVersionMiddleware:
    """Forget every cached page after a write request (whatever it changed, however it changed it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            bump_pages_version()
        return response
