"""The Celery application. Tasks are thin: they take an id and call a service."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwg_portal.settings")

app = Celery("rwg_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Connect the request-id and task-log signal handlers in every process that runs tasks.
import rwg_portal.observability  # noqa: E402, F401
