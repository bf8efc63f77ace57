"""The sweeper of lost jobs: only jobs running longer than their time limit allows are failed.

The claim, the fail-stale sweep and the re-publication are written once (rwg_portal.jobs.Job); they are
tested here through one of the models that inherit them, the papers bundle.
"""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from meetings import tasks as meeting_tasks
from meetings.choices import JobState
from meetings.models import PapersBundle
from rwg_portal.tasks import sweep_jobs
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def failed(swept: dict) -> dict:
    return {name: counts["failed"] for name, counts in swept.items()}


def test_a_lost_papers_bundle_is_failed_and_a_running_one_is_left_alone():
    meeting = MeetingFactory()
    now = timezone.now()
    long_ago = now - PapersBundle.running_stale_after() - datetime.timedelta(minutes=1)
    lost = PapersBundle.objects.create(meeting=meeting, signature="a", state=JobState.RUNNING, started_at=long_ago)
    running = PapersBundle.objects.create(meeting=meeting, signature="b", state=JobState.RUNNING,
                                          started_at=now - datetime.timedelta(minutes=2))
    assert failed(sweep_jobs.apply().get()) == {"imports": 0, "builds": 0, "bundles": 1}
    lost.refresh_from_db()
    running.refresh_from_db()
    assert lost.state == JobState.FAILED and lost.finished_at
    assert running.state == JobState.RUNNING
    assert failed(sweep_jobs.apply().get()) == {"imports": 0, "builds": 0, "bundles": 0}


def test_beat_runs_every_sweeper_and_every_task_has_a_time_limit():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "rwg_portal.tasks.sweep_jobs" in tasks
    from rwg_portal.celery import app

    app.loader.import_default_modules()
    ours = [task for name, task in app.tasks.items() if not name.startswith("celery.")]
    assert ours
    for task in ours:
        assert task.time_limit or settings.CELERY_TASK_TIME_LIMIT, task.name
        assert task.time_limit, f"{task.name} has no time limit of its own"
    assert settings.CELERY_TASK_ROUTES["reports.tasks.*"]["queue"] == "reports"


def test_of_two_claims_on_one_job_only_the_first_wins():
    bundle = PapersBundle.objects.create(meeting=MeetingFactory(), signature="a")
    assert PapersBundle.claim(bundle.pk, progress=0)
    assert not PapersBundle.claim(bundle.pk, progress=0)
    bundle.refresh_from_db()
    assert bundle.state == JobState.RUNNING and bundle.started_at
    # A finished job is not claimed again either.
    PapersBundle.objects.filter(pk=bundle.pk).update(state=JobState.DONE)
    assert not PapersBundle.claim(bundle.pk)


@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_at_once_run_the_job_once():
    import threading

    from django.db import connection

    bundle = PapersBundle.objects.create(meeting=MeetingFactory(), signature="a")
    start = threading.Barrier(2)
    won: list[bool] = []

    def worker():
        start.wait()
        try:
            won.append(PapersBundle.claim(bundle.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(won) == [False, True]


def test_a_job_waiting_too_long_is_given_up_and_one_waiting_briefly_is_published_again(monkeypatch):
    published: list[int] = []
    monkeypatch.setattr(meeting_tasks.build_papers_bundle, "delay", published.append)
    meeting = MeetingFactory()
    now = timezone.now()
    waiting = PapersBundle.objects.create(meeting=meeting, signature="a",
                                          created_at=now - PapersBundle.requeue_after - datetime.timedelta(seconds=1))
    PapersBundle.objects.create(meeting=meeting, signature="b")  # just asked for: its message is on its way
    given_up = PapersBundle.objects.create(meeting=meeting, signature="c",
                                           created_at=now - PapersBundle.pending_stale_after - datetime.timedelta(1))
    assert PapersBundle.fail_stale() == 1
    assert PapersBundle.requeue_waiting() == 1
    assert published == [waiting.pk]
    given_up.refresh_from_db()
    assert given_up.state == JobState.FAILED and given_up.error == "worker lost" and given_up.finished_at
    # Failed with its history kept, like every change.
    assert given_up.history.first().history_change_reason == "lost"


def test_a_job_is_queued_only_once_its_transaction_commits(django_capture_on_commit_callbacks, monkeypatch):
    from rwg_portal.jobs import enqueue

    published: list[int] = []
    monkeypatch.setattr(meeting_tasks.build_papers_bundle, "delay", published.append)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enqueue("meetings.tasks.build_papers_bundle", 7)
        assert published == []
    assert len(callbacks) == 1 and published == [7]
