"""A Celery worker killed (SIGKILL) in the middle of a report build or an import.

The job never stays "running" for good: the sweepers fail it once its time limit has passed; no
half-written PDF is left; no half-imported release exists (the write is one transaction); and the
task delivered again afterwards (acks_late: Redis hands it out again) changes nothing.
"""

import csv
import datetime
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from data_hub import services as data_services
from data_hub.choices import ImportState, PlaceKind
from data_hub.models import ImportJob, Observation, Place, Release
from data_hub.tasks import run_import_job
from reports import services as report_services
from reports.choices import BuildStatus, ChapterState
from reports.models import Build
from reports.tasks import build_report
from rwg_portal.tasks import sweep_jobs
from tests.people import make_people
from tests.reports.factories import ChapterFactory, ReportFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PARAGRAPH = ("Migration has long shaped the Arab region, whose countries are often at the same time points of "
             "origin, transit and destination; labour migration to the Gulf is among the largest in the world. ")


def wait_until(predicate, timeout=120, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def media(tmp_path, settings):
    # The worker writes under the MEDIA_ROOT of its own settings: keep the real one, clean up after.
    yield Path(settings.MEDIA_ROOT)


def test_a_report_build_whose_worker_is_killed_ends_failed_without_a_half_written_file(killable_worker, media):
    people = make_people()
    report = ReportFactory(year=2041)
    for position in range(1, 13):
        ChapterFactory(report=report, position=position, title_en=f"Chapter {position}", lead_agency=people.owning,
                       body_en="\n\n".join([PARAGRAPH * 8] * 12), state=ChapterState.APPROVED)
    build, _ = report_services.build_request(report=report, language="en", by=people.secretariat, enqueue=False)
    folder = media / "reports" / str(report.pk)
    killable_worker.start()
    try:
        build_report.apply_async((build.pk,), queue=killable_worker.queue)
        # Kill it while the pages are being laid out: the row is running, the PDF not yet in place.
        wait_until(lambda: Build.objects.filter(pk=build.pk, status=BuildStatus.RUNNING, progress__gte=20).exists(),
                   what="the build to be laying out its pages")
        killable_worker.kill()
        build.refresh_from_db()
        assert build.status == BuildStatus.RUNNING and not build.file

        # The sweeper (beat, every ten minutes) fails it once its time limit is over.
        assert Build.fail_stale() == 0  # not before: it may still be running
        Build.objects.filter(pk=build.pk).update(started_at=timezone.now() - Build.running_stale_after()
                                                 - datetime.timedelta(seconds=1))
        assert Build.fail_stale() == 1
        build.refresh_from_db()
        assert build.status == BuildStatus.FAILED and "worker stopped" in build.error
        assert not build.file and not build.sha256
        assert not list(folder.glob("*.pdf")), "a PDF was left in place"
        assert not list(folder.glob("*.part")), "the half-written PDF was left behind"

        # The same task delivered again (Redis redelivers unacknowledged tasks) changes nothing.
        build_report.apply(args=(build.pk,))
        build.refresh_from_db()
        assert build.status == BuildStatus.FAILED and not build.file

        # And it can be built again, in full.
        again, created = report_services.build_request(report=report, language="en", by=people.secretariat,
                                                       enqueue=False)
        assert created and again.pk != build.pk
    finally:
        for path in folder.glob("*"):
            path.unlink()


def _big_tidy_csv(path: Path) -> Path:
    """Enough rows (a few hundred thousand origin-destination figures) that the import takes seconds."""
    countries = list(Place.objects.filter(kind=PlaceKind.COUNTRY).order_by("code").values_list("code", flat=True)[:80])
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "place", "origin", "year", "sex", "value"])
        for destination in countries[:22]:
            for origin in countries:
                if origin == destination:
                    continue
                for year in range(1990, 2025):
                    for sex, value in (("both", 2000 + year), ("male", 1000), ("female", 1000 + year)):
                        writer.writerow(["od_migrant_stock", destination, origin, year, sex, value])
    return path


def test_an_import_whose_worker_is_killed_leaves_no_release_and_ends_failed(killable_worker, tmp_path, monkeypatch):
    from tests.data_hub.conftest import ensure_reference_data

    ensure_reference_data()
    people = make_people()
    path = _big_tidy_csv(tmp_path / "od.csv")
    # Enqueue on the killable worker's own queue (no other worker may take the job).
    monkeypatch.setattr(run_import_job, "delay",
                        lambda pk: run_import_job.apply_async((pk,), queue=killable_worker.queue))
    releases_before = Release.objects.count()
    observations_before = Observation.objects.count()
    killable_worker.start()
    job = data_services.import_job_create(user=people.secretariat,
                                          upload=SimpleUploadedFile("od.csv", path.read_bytes()),
                                          options={"new_dataset_name": "Operations test (origin and destination)",
                                                   "revision": "ops-1", "language": "fr"})
    wait_until(lambda: ImportJob.objects.filter(pk=job.pk, state__in=[ImportState.READY, ImportState.FAILED]).exists(),
               timeout=300, what="the preview")
    job.refresh_from_db()
    assert job.state == ImportState.READY, (job.error, job.preview.get("errors", [])[:3])
    data_services.import_job_confirm(job=job, user=people.secretariat)
    stage = wait_until(lambda: ImportJob.objects.filter(pk=job.pk, state=ImportState.RUNNING, progress__gte=5)
                       .values_list("stage", flat=True).first(), timeout=120, what="the import to be running")
    killable_worker.kill()
    job.refresh_from_db()
    assert job.state == ImportState.RUNNING, f"the import finished before the kill (at {stage})"

    # Nothing half-imported: the release and its figures are written in one transaction.
    assert Release.objects.count() == releases_before
    assert Observation.objects.count() == observations_before

    # The operations sweeper fails the job once its time limit is over, in the uploader's language.
    assert sweep_jobs.apply().get()["imports"]["failed"] == 0
    ImportJob.objects.filter(pk=job.pk).update(
        started_at=timezone.now() - ImportJob.running_stale_after() - datetime.timedelta(seconds=1))
    assert sweep_jobs.apply().get()["imports"]["failed"] == 1
    job.refresh_from_db()
    assert job.state == ImportState.FAILED and "rien n’a été importé" in job.error

    # The same task delivered again does nothing: the job is no longer pending.
    run_import_job.apply(args=(job.pk,))
    job.refresh_from_db()
    assert job.state == ImportState.FAILED
    assert Release.objects.count() == releases_before
    if job.file:
        Path(job.file.path).unlink(missing_ok=True)
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
