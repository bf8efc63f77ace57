"""Jobs saved while Redis was away are published again once it is back (rwg_portal.tasks.sweep_jobs).

The end-to-end case uses the real worker over Redis: the first publication fails (as it does
within seconds when Redis is away, see test_redis_down.py), the job row stays pending, and the beat
task publishes it again; the worker then runs it once.
"""

import datetime
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from kombu.exceptions import OperationalError

from data_hub import services as data_hub_services
from data_hub.choices import ImportState
from data_hub.models import ImportJob
from data_hub.tasks import run_import_job
from meetings import tasks as meeting_tasks
from meetings.choices import JobState
from meetings.models import PapersBundle
from meetings.services.documents import papers_bundle_build
from reports.choices import BuildStatus
from reports.models import Build
from reports.tasks import build_report
from rwg_portal.tasks import sweep_jobs
from tests.data_hub.conftest import ensure_reference_data
from tests.data_hub.factories import undesa_2019_layout, write_xlsx
from tests.meetings.factories import MeetingFactory
from tests.people import make_people
from tests.reports.factories import ReportFactory


def requeued(swept: dict) -> dict:
    return {name: counts["requeued"] for name, counts in swept.items()}


def broker_away(*args, **kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_an_import_saved_while_the_broker_was_away_runs_once_it_is_back(celery_worker, tmp_path,
                                                                       monkeypatch):
    ensure_reference_data()
    people = make_people()
    upload = SimpleUploadedFile("s.xlsx", write_xlsx(tmp_path / "s.xlsx", {"Table 1": undesa_2019_layout()})
                                .read_bytes())
    monkeypatch.setattr(run_import_job, "delay", broker_away)
    with pytest.raises(OperationalError):
        data_hub_services.import_job_create(user=people.secretariat, upload=upload)
    job = ImportJob.objects.get()
    assert job.state == ImportState.PENDING
    monkeypatch.undo()  # Redis is back

    # Too recent to be re-published: its message may still be on its way.
    assert sweep_jobs.apply().get()["imports"]["requeued"] == 0
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=3))
    assert requeued(sweep_jobs.apply().get()) == {"imports": 1, "builds": 0, "bundles": 0}

    deadline = time.monotonic() + 60
    while job.state in (ImportState.PENDING, ImportState.RUNNING):
        assert time.monotonic() < deadline, f"the job stayed {job.state}"
        time.sleep(0.2)
        job.refresh_from_db()
    assert job.state == ImportState.READY, job.error
    assert sweep_jobs.apply().get()["imports"]["requeued"] == 0


@pytest.mark.django_db
def test_only_jobs_waiting_long_enough_and_not_yet_given_up_are_published_again(monkeypatch):
    published: list[tuple[str, int]] = []
    monkeypatch.setattr(run_import_job, "delay", lambda pk: published.append(("import", pk)))
    monkeypatch.setattr(build_report, "delay", lambda pk: published.append(("build", pk)))
    monkeypatch.setattr(meeting_tasks.build_papers_bundle, "delay", lambda pk: published.append(("bundle", pk)))
    now = timezone.now()
    minutes = datetime.timedelta(minutes=1)

    report = ReportFactory(year=2063)
    waiting_build = Build.objects.create(report=report, language="en", status=BuildStatus.PENDING,
                                         requested_at=now - 5 * minutes)
    Build.objects.create(report=report, language="ar", status=BuildStatus.PENDING, requested_at=now)
    Build.objects.create(report=report, language="fr", status=BuildStatus.PENDING, requested_at=now - 45 * minutes)
    Build.objects.create(report=ReportFactory(year=2064), language="en", status=BuildStatus.RUNNING,
                         requested_at=now - 5 * minutes, started_at=now - 4 * minutes)

    meeting = MeetingFactory()
    waiting_bundle = PapersBundle.objects.create(meeting=meeting, signature="a")
    PapersBundle.objects.filter(pk=waiting_bundle.pk).update(created_at=now - 5 * minutes)
    PapersBundle.objects.create(meeting=meeting, signature="b")  # just asked for
    old = PapersBundle.objects.create(meeting=meeting, signature="c")
    PapersBundle.objects.filter(pk=old.pk).update(created_at=now - 120 * minutes)  # given up: asked again instead

    swept = sweep_jobs.apply().get()
    assert requeued(swept) == {"imports": 0, "builds": 1, "bundles": 1}
    # Those waiting too long are given up (failed), not published again: they are asked for again instead.
    assert {name: counts["failed"] for name, counts in swept.items()} == {"imports": 0, "builds": 1, "bundles": 1}
    assert sorted(published) == [("build", waiting_build.pk), ("bundle", waiting_bundle.pk)]


@pytest.mark.django_db
def test_a_papers_bundle_published_twice_is_built_once():
    meeting = MeetingFactory()
    bundle = PapersBundle.objects.create(meeting=meeting, signature="a")
    assert papers_bundle_build(bundle_id=bundle.pk).state == JobState.DONE
    finished_at = PapersBundle.objects.get(pk=bundle.pk).finished_at
    assert papers_bundle_build(bundle_id=bundle.pk) is None
    assert PapersBundle.objects.get(pk=bundle.pk).finished_at == finished_at
