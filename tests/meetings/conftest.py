"""Fixtures of the meetings tests: files go to a temporary MEDIA_ROOT; Celery can run eagerly."""

import pytest

from rwg_portal.celery import app


@pytest.fixture(autouse=True)
def _media_root(request, settings, tmp_path):
    """Uploaded papers go to a temporary folder, except for the real-worker tests: the worker
    process reads the settings from the environment, so those tests use the configured folder."""
    if request.node.get_closest_marker("worker") is None:
        settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def eager_celery():
    """Run tasks in-process when they are enqueued (e-mails then land in the locmem outbox)."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
