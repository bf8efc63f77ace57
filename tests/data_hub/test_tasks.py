"""An import job through a real Celery worker over Redis: preview, confirm, import; progress on the row."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from data_hub import services
from data_hub.choices import ImportState
from data_hub.models import Observation
from tests.data_hub.factories import undesa_2019_layout, write_xlsx
from tests.people import make_people

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_for(job, states, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state in states:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job stayed {job.state} ({job.stage}, {job.progress} %)")


def test_an_import_runs_on_the_worker(celery_worker, seeded, tmp_path):
    people = make_people()
    path = write_xlsx(tmp_path / "s.xlsx", {"Table 1": undesa_2019_layout()})
    upload = SimpleUploadedFile("s.xlsx", path.read_bytes())
    job = services.import_job_create(user=people.secretariat, upload=upload, options={"make_current": True})
    job = wait_for(job, {ImportState.READY, ImportState.FAILED})
    assert job.state == ImportState.READY, job.error
    assert job.preview["to_add"] == 27 and job.progress == 100
    services.import_job_confirm(job=job, user=people.secretariat)
    job = wait_for(job, {ImportState.DONE, ImportState.FAILED})
    assert job.state == ImportState.DONE, job.error
    assert Observation.objects.filter(release=job.release).count() == 27
    assert not job.file  # the upload is removed once imported
