"""The sweepers of lost jobs: only jobs running longer than their time limit allows are failed."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from meetings.choices import JobState
from meetings.models import PapersBundle
from meetings.services.documents import BUNDLE_RUNNING_STALE_AFTER
from rwg_portal.tasks import fail_stale_jobs
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_lost_papers_bundle_is_failed_and_a_running_one_is_left_alone():
    meeting = MeetingFactory()
    now = timezone.now()
    lost = PapersBundle.objects.create(meeting=meeting, signature="a", state=JobState.RUNNING,
                                       started_at=now - BUNDLE_RUNNING_STALE_AFTER - datetime.timedelta(minutes=1))
    running = PapersBundle.objects.create(meeting=meeting, signature="b", state=JobState.RUNNING,
                                          started_at=now - datetime.timedelta(minutes=2))
    assert fail_stale_jobs.apply().get() == {"imports": 0, "bundles": 1}
    lost.refresh_from_db()
    running.refresh_from_db()
    assert lost.state == JobState.FAILED and lost.finished_at
    assert running.state == JobState.RUNNING
    assert fail_stale_jobs.apply().get() == {"imports": 0, "bundles": 0}


def test_beat_runs_every_sweeper_and_every_task_has_a_time_limit():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"rwg_portal.tasks.fail_stale_jobs", "reports.tasks.fail_stale_builds"} <= tasks
    from rwg_portal.celery import app

    app.loader.import_default_modules()
    ours = [task for name, task in app.tasks.items() if not name.startswith("celery.")]
    assert ours
    for task in ours:
        assert task.time_limit or settings.CELERY_TASK_TIME_LIMIT, task.name
        assert task.time_limit, f"{task.name} has no time limit of its own"
    assert settings.CELERY_TASK_ROUTES["reports.tasks.*"]["queue"] == "reports"
