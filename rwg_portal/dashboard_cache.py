"""Dashboard panels shared by every viewer of a role, or of one set of agencies, rendered once.

A panel registered with a ``shared`` function (``rwg_portal.registry.register_panel``) is the same
for everyone ``shared(request)`` gives the same scope ("secretariat", "rcm", "agencies:3,7",
"anonymous"...): its HTML is kept in the shared cache, keyed by the panel, that scope, the
language, the time zone, today's date and the **content version** of the apps whose records it
shows. ``shared`` returning None hides the panel (it holds the panel's visibility rule, and
``render`` checks it again). What is personal (a person's invitations, their own imports) stays
in panels without ``shared``, built on every request.

Content versions are generation counters (``rwg_portal.cache.generation``), one per app, moved on
when one of the app's records is saved or deleted and again when the request or task that saved it
ends (signals below), or by ``changed(app)`` after a queryset ``update()``, which sends no signal.
A write that is refused (CSRF, 405, permissions) saves nothing and so moves nothing. Entries also
expire after ``PANEL_SECONDS``, which bounds what depends on the clock alone (the next meeting once
it has started) and a write made outside a request or task (a management command) that a reader
caught between its save and its commit.
"""

import threading

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from rwg_portal.cache import generation, next_generation
from rwg_portal.page_cache import BUILD_ID

# The apps whose records shared panels show. The user model is left out: a sign-in saves the user
# (last_login), and no shared panel shows people.
WATCHED_APPS = ("members", "meetings", "programmes", "reports")
PANEL_SECONDS = 300


def _version_key(app_label: str) -> str:
    return f"dashboard:version:{app_label}"


def versions() -> dict[str, int]:
    """The content version of every watched app, in one round trip when all are set."""
    keys = {_version_key(app): app for app in WATCHED_APPS}
    found = cache.get_many(list(keys))
    return {app: int(found[key]) if key in found else generation(key) for key, app in keys.items()}


_dirty = threading.local()


def changed(app_label: str) -> None:
    """The app's records changed: its shared panels are rebuilt.

    The version moves at once, and again when the request or Celery task that wrote ends (its
    transactions have committed by then): a reader who rebuilt a panel in between, from the data
    before the commit, stored it under a version that the second move leaves behind. (No
    ``on_commit`` callback: the tests count those that queue work.)"""
    next_generation(_version_key(app_label))
    pending = getattr(_dirty, "apps", None)
    if pending is None:
        pending = _dirty.apps = set()
    pending.add(app_label)


def _before_work(**kwargs) -> None:
    """A request or task starts: only its own writes are moved on again when it ends."""
    _dirty.apps = set()


def _after_work(**kwargs) -> None:
    pending = getattr(_dirty, "apps", None)
    if pending:
        _dirty.apps = set()
        for app_label in pending:
            next_generation(_version_key(app_label))


def _on_write(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in WATCHED_APPS or meta.label == settings.AUTH_USER_MODEL:
        return
    if sender.__name__.startswith("Historical"):  # django-simple-history's copy, saved with the record
        return
    changed(meta.app_label)


def connect() -> None:
    """Watch every model's saves, deletions and many-to-many changes (called once, at start-up)."""
    post_save.connect(_on_write, dispatch_uid="dashboard_cache_save")
    post_delete.connect(_on_write, dispatch_uid="dashboard_cache_delete")
    m2m_changed.connect(_m2m, dispatch_uid="dashboard_cache_m2m")
    request_started.connect(_before_work, dispatch_uid="dashboard_cache_request_started")
    request_finished.connect(_after_work, dispatch_uid="dashboard_cache_request_finished")
    from celery.signals import task_postrun, task_prerun

    task_prerun.connect(_before_work, dispatch_uid="dashboard_cache_task_prerun", weak=False)
    task_postrun.connect(_after_work, dispatch_uid="dashboard_cache_task_postrun", weak=False)


def _m2m(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _on_write(type(instance))


def _panel_id(panel) -> str:
    return f"{panel.render.__module__}.{panel.render.__qualname__}"


def render_panels(request, panels) -> list[tuple[str, dict | None, str]]:
    """The dashboard's panels as (template name, context, HTML): shared panels come as HTML from the
    cache (built and stored on a miss), the others as a template and context to include."""
    shared = []
    for panel in panels:
        if panel.shared is not None:
            scope = panel.shared(request)
            if scope is not None:
                shared.append((panel, scope))
    html_by_panel = {}
    if shared:
        current = versions()
        stamp = "|".join(
            [translation.get_language() or "", timezone.get_current_timezone_name(), timezone.localdate().isoformat(),
             BUILD_ID])
        keys = {}
        for panel, scope in shared:
            apps = ".".join(str(current[app]) for app in panel.apps)
            keys[_panel_id(panel)] = f"dashboard:panel:{_panel_id(panel)}:{scope}:{stamp}:{apps}"
        found = cache.get_many(list(keys.values()))
        missing = {}
        for panel, _scope in shared:
            key = keys[_panel_id(panel)]
            if key in found:
                html_by_panel[_panel_id(panel)] = found[key]
                continue
            rendered = panel.render(request)
            html = render_to_string(rendered[0], {"panel": rendered[1]}) if rendered is not None else ""
            html_by_panel[_panel_id(panel)] = missing[key] = html
        if missing:
            cache.set_many(missing, timeout=PANEL_SECONDS)
    result = []
    for panel in panels:
        if panel.shared is not None:
            html = html_by_panel.get(_panel_id(panel))
            if html:
                result.append(("", None, mark_safe(html)))  # noqa: S308 (rendered by our own templates)
            continue
        rendered = panel.render(request)
        if rendered is not None:
            result.append((rendered[0], rendered[1], ""))
    return result


def cached_by_content(parts: tuple, apps: tuple[str, ...], compute, *, timeout: int = PANEL_SECONDS):
    """``compute()``, kept in the shared cache for everyone, keyed by ``parts`` (what the value depends
    on: language, year...) and the content versions of ``apps``: what a page shows every reader the
    same, moved on by the same writes as the dashboard's shared panels."""
    current = versions()
    key = "dashboard:content:" + ":".join(str(part) for part in (*parts, BUILD_ID, *(current[app] for app in apps)))
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=timeout)
    return value
