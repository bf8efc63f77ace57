"""Public data pages that browsers and proxies can cache: ETag and Last-Modified from the data version.

Anonymous answers of the data hub's public pages and of the open data API carry an ``ETag`` and a
``Last-Modified`` made from the data hub's data version (``data_hub.caching.data_version``, moved on
by every import, publication, deletion or group change once it commits) and the language; a
conditional request (``If-None-Match``/``If-Modified-Since``) whose validator still holds gets a
304 without the view running, and, when the visitor has no session cookie, before the session,
authentication, CSRF and other middleware run (``NotModifiedMiddleware``). The API's anonymous
answers are ``Cache-Control: public`` (a reverse proxy or CDN may keep them ``RWG_PUBLIC_MAX_AGE``
seconds); the HTML pages are ``private, no-cache`` because they hold the visitor's CSRF token (the
language form), so only the visitor's own browser keeps them, and revalidates them every time (the
ETag includes the CSRF cookie for that reason). Signed-in answers are always ``private`` and carry
no validator: they depend on the person.

There is no server-side cache of whole pages any more (it was per visitor and hit 30 % at best in
the load test's realistic mix, 0.6 % at 50 users): what every visitor sees the same is cached once
for all, keyed by the data version (``data_hub.caching``, the fragment caches of the explorer and
the country pages), so nothing a visitor sends can empty it.
"""

import functools
import hashlib
import math
import os

from django.conf import settings
from django.contrib.messages import get_messages
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from rwg_portal.registry import hook

# Changes with the code that renders the pages (set by the deployment, e.g. the image's git commit).
BUILD_ID = os.environ.get("RWG_BUILD_ID", "")


def _validators(request, version: int, csrf: str) -> tuple[str, float]:
    """The ETag and Last-Modified (seconds) of this URL's anonymous answer at this data version."""
    identity = "|".join((BUILD_ID, str(version), get_language() or "-", csrf, request.get_full_path()))
    etag = '"' + hashlib.sha256(identity.encode()).hexdigest()[:32] + '"'
    # Generation counters hold the time of the last change in microseconds (rwg_portal.cache).
    return etag, math.ceil(version / 1_000_000)


def _messages_waiting(request) -> bool:
    return bool(len(get_messages(request)))  # len() loads the notices without marking them read


def public_data(view=None, *, shared: bool = False):
    """Answer anonymous GETs of ``view`` conditionally; ``shared``: a proxy may keep them (no CSRF token inside)."""
    if view is None:
        return functools.partial(public_data, shared=shared)

    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated or _messages_waiting(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        version = hook("data_version")()
        csrf_cookie = "" if shared else request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
        etag, modified = _validators(request, version, csrf_cookie)
        response = get_conditional_response(request, etag=etag, last_modified=modified)
        if response is not None:  # 304 (or 412): the view does not run
            return _validated(response, etag, modified, shared)
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming or (response.cookies and shared):
            patch_cache_control(response, private=True)
            return response
        if not shared:
            # The page holds a token of the CSRF cookie sent with it (new on a first visit).
            etag, modified = _validators(request, version, request.META.get("CSRF_COOKIE") or csrf_cookie)
        return _validated(response, etag, modified, shared)

    wrapped = functools.wraps(view)(wrapped)  # keeps csrf_exempt and the like
    wrapped.public_data_shared = shared  # what NotModifiedMiddleware looks for
    return wrapped


def _validated(response, etag: str, modified: float, shared: bool):
    """The validators and caching headers of an anonymous public answer (full or 304)."""
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(modified)
    if shared:
        patch_cache_control(response, public=True, max_age=settings.RWG_PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    # The answer differs for a signed-in visitor (session cookie) and by language.
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


class NotModifiedMiddleware:
    """Answer a still-valid conditional GET of a public page (``public_data``) before the rest of
    the middleware runs: no session, authentication, CSRF, messages or template work for the 304.

    It answers only requests that are anonymous for certain (no session cookie, no messages cookie,
    no Authorization header) and that carry a validator; the language is chosen by Django's own
    ``LocaleMiddleware`` logic and the ETag is the one ``public_data`` gives the full answer, so
    both paths agree. Everything else, and every validator that no longer holds, goes on down the
    stack to ``public_data``, which decides again. Place it after the security and static-file
    middleware and before the session middleware.
    """

    def __init__(self, get_response):
        from django.middleware.locale import LocaleMiddleware

        self.get_response = get_response
        self._locale = LocaleMiddleware(get_response)

    def __call__(self, request):
        response = self._early(request) if self._may_answer(request) else None
        return response if response is not None else self.get_response(request)

    @staticmethod
    def _may_answer(request) -> bool:
        meta = request.META
        return (request.method in ("GET", "HEAD")
                and ("HTTP_IF_NONE_MATCH" in meta or "HTTP_IF_MODIFIED_SINCE" in meta)
                and "HTTP_AUTHORIZATION" not in meta
                and settings.SESSION_COOKIE_NAME not in request.COOKIES
                and "messages" not in request.COOKIES)

    def _early(self, request):
        from django.urls import Resolver404, resolve
        from django.utils import translation

        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        shared = getattr(match.func, "public_data_shared", None)
        if shared is None:
            return None
        self._locale.process_request(request)  # activates the language the page would be in
        try:
            csrf_cookie = "" if shared else request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
            etag, modified = _validators(request, hook("data_version")(), csrf_cookie)
            response = get_conditional_response(request, etag=etag, last_modified=modified)
            if response is None or response.status_code != 304:
                return None
            return _validated(response, etag, modified, shared)
        finally:
            translation.deactivate()
