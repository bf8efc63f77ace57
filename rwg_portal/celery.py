"""The Celery application. Tasks are thin: they take an id and call a service."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwg_portal.settings")

app = Celery("rwg_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Connect the request-id and task-log signal handlers in every process that runs tasks.
# A task may change what pages show: forget the cached pages when one starts (it may mark a job
# running) and when it ends. The heartbeat changes nothing a page shows.
from celery.signals import task_postrun, task_prerun  # noqa: E402

import rwg_portal.observability  # noqa: E402, F401

_CHANGES_NO_PAGE = {"rwg_portal.tasks.heartbeat"}


@task_prerun.connect
@task_postrun.connect
def _forget_cached_pages(sender=None, **kwargs):
    if sender is not None and sender.name not in _CHANGES_NO_PAGE:
        from rwg_portal.page_cache import bump_pages_version

        bump_pages_version()
