"""Celery tasks: thin wrappers around services, queued after the commit; one runs on a real worker."""

import time
import zipfile
from pathlib import Path

import pytest

from meetings import tasks
from meetings.choices import JobState
from meetings.models import Invitation, PapersBundle
from meetings.services.documents import document_upload, papers_bundle_request
from meetings.services.invitations import invitations_create
from tests.meetings.files import pdf_bytes, upload
from tests.meetings.helpers import held, schedule


@pytest.mark.django_db
def test_invitations_are_emailed_after_the_commit(people, django_capture_on_commit_callbacks, mailoutbox,
                                                  eager_celery):
    meeting = schedule(people.secretariat)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitations_create(meeting=meeting, include_members=True, by=people.secretariat)
    assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 3
    assert Invitation.objects.filter(email_sent_at__isnull=True).count() == 0


@pytest.mark.django_db
def test_tasks_have_time_limits():
    for task in (tasks.send_invitation_email, tasks.send_status_change_email, tasks.send_minutes_shared_email,
                 tasks.send_meeting_reminders, tasks.send_action_item_reminders, tasks.build_papers_bundle):
        assert task.time_limit and task.soft_time_limit < task.time_limit


def test_beat_runs_the_reminders(settings):
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"meetings.tasks.send_meeting_reminders", "meetings.tasks.send_action_item_reminders"} <= scheduled


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_papers_zip_is_built_by_a_real_worker(celery_worker, people):
    meeting = held(people.secretariat)
    document = document_upload(meeting=meeting, title="Workplan", upload=upload("w.pdf", pdf_bytes("worker")),
                               by=people.secretariat)
    files = [Path(document.versions.get().file.path)]
    try:
        bundle = papers_bundle_request(meeting=meeting, by=people.focal_point)  # queued on commit
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            bundle.refresh_from_db()
            if bundle.state in (JobState.DONE, JobState.FAILED):
                break
            time.sleep(0.2)
        assert bundle.state == JobState.DONE, bundle.error
        files.append(Path(bundle.file.path))
        assert bundle.started_at and bundle.finished_at and bundle.progress == 100
        with zipfile.ZipFile(bundle.file.path) as archive:
            assert archive.read("00_Workplan.pdf") == pdf_bytes("worker")
    finally:
        for path in files:
            path.unlink(missing_ok=True)
        PapersBundle.objects.all().delete()
