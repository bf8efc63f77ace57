"""Builds as job rows: requesting, running in-process, failing cleanly, approving and publishing.

The builds here run in the test process (``build_run`` is what the worker's task calls);
tests/reports/test_tasks.py builds through a real Celery worker.
"""

import datetime
import hashlib
import threading
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from pypdf import PdfReader

from reports import services
from reports.choices import BuildStatus, ChapterState
from reports.models import Build, DownloadVisit
from reports.services import builds as build_services
from reports.services import downloads
from reports.tasks import prune_download_visits
from tests.reports.data import ARAB_2010, delete_release, import_sample_release
from tests.reports.factories import AssessmentFactory, BuildFactory, ChapterFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(people):
    report = ReportFactory()
    ChapterFactory(report=report, position=1, title_en="Trends", lead_agency=people.owning,
                   body_en="Migration has long shaped the Arab region.[^1]\n\n[^1]: A note.",
                   state=ChapterState.APPROVED)
    return report


def _run(report, people, language="en") -> Build:
    build, created = services.build_request(report=report, language=language, by=people.secretariat, enqueue=False)
    assert created
    return services.build_run(build_id=build.pk)


def test_a_request_is_queued_once_the_transaction_commits(edition, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        build, created = services.build_request(report=edition, language="en", by=people.secretariat)
    assert created and build.status == BuildStatus.PENDING
    assert len(callbacks) == 1
    assert build.requested_by == people.secretariat


def test_a_second_request_while_one_is_queued_returns_the_same_build(edition, people):
    first, created = services.build_request(report=edition, language="en", by=people.secretariat, enqueue=False)
    again, created_again = services.build_request(report=edition, language="en", by=people.admin, enqueue=False)
    assert created and not created_again and again == first
    other, created_other = services.build_request(report=edition, language="ar", by=people.secretariat,
                                                  enqueue=False)
    assert created_other and other != first
    assert Build.objects.count() == 2


@pytest.mark.parametrize("role", ["focal_point", "rcm_delegate", "other_focal_point"])
def test_only_the_secretariat_starts_builds(edition, people, role):
    with pytest.raises(PermissionDenied):
        services.build_request(report=edition, language="en", by=people.user(role), enqueue=False)
    assert not Build.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_requests_start_one_build(people):
    report = ReportFactory()
    ChapterFactory(report=report, lead_agency=people.owning)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def request():
        try:
            barrier.wait(timeout=5)
            results.append(services.build_request(report=report, language="en", by=people.secretariat,
                                                  enqueue=False))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Build.objects.filter(report=report).count() == 1
    assert sorted(created for _build, created in results) == [False, True]


def test_a_build_produces_a_checked_pdf_in_place(edition, people, media):
    build = _run(edition, people)
    assert build.status == BuildStatus.DONE, build.error
    path = Path(build.file.path)
    assert path.parent == media / "reports" / str(edition.pk)
    assert build.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert build.size_bytes == path.stat().st_size
    assert build.page_count == len(PdfReader(path).pages) >= 3
    assert build.started_at <= build.finished_at and build.progress == 100
    assert not build.is_draft
    assert build.content_revisions == {str(edition.chapters.get().pk): 1}
    assert not list(path.parent.glob("*.part"))


def test_a_build_runs_once_even_if_the_task_is_delivered_twice(edition, people, media):
    build, _created = services.build_request(report=edition, language="en", by=people.secretariat, enqueue=False)
    assert services.build_run(build_id=build.pk).status == BuildStatus.DONE
    assert services.build_run(build_id=build.pk) is None
    assert len(list((media / "reports" / str(edition.pk)).glob("*.pdf"))) == 1


def test_a_draft_edition_builds_as_a_draft(people, media):
    report = ReportFactory()
    ChapterFactory(report=report, lead_agency=people.owning)  # still a draft chapter
    build = _run(report, people)
    assert build.status == BuildStatus.DONE and build.is_draft
    assert build.file.name.endswith("-draft.pdf")
    assert "Draft" in PdfReader(build.file.path).pages[0].extract_text()


def test_an_edition_without_chapters_fails_with_a_message(people, media):
    build = _run(ReportFactory(), people)
    assert build.status == BuildStatus.FAILED
    assert build.error == "The edition has no chapters yet."
    assert not build.file


def test_a_failure_leaves_the_last_good_build_untouched(edition, people, media):
    good = _run(edition, people)
    before = Path(good.file.path).read_bytes()
    chapter = edition.chapters.get()
    chapter.body_en = "See [@deleted-source]."  # a source removed since: the build cannot resolve it
    chapter.save()
    failed = _run(edition, people)
    assert failed.status == BuildStatus.FAILED
    assert "Chapter 1 “Trends”" in failed.error and "deleted-source" in failed.error
    assert not failed.file and failed.sha256 == "" and failed.page_count is None
    good.refresh_from_db()
    assert good.status == BuildStatus.DONE
    assert Path(good.file.path).read_bytes() == before
    assert hashlib.sha256(before).hexdigest() == good.sha256
    folder = Path(good.file.path).parent
    assert sorted(p.name for p in folder.iterdir()) == [Path(good.file.name).name]


def test_a_crash_while_writing_removes_the_half_written_file(edition, people, media, monkeypatch):
    def crash(html, target, **kwargs):
        target.write(b"%PDF-1.7 half a document")
        raise MemoryError("out of memory")

    monkeypatch.setattr("reports.pdf.render.html_to_pdf", crash)
    build = _run(edition, people)
    assert build.status == BuildStatus.FAILED
    assert "MemoryError" in build.error
    assert list((media / "reports" / str(edition.pk)).iterdir()) == []


def test_the_error_is_written_in_the_language_of_whoever_asked(people, media):
    from django.utils import translation

    with translation.override("fr"):
        build, _created = services.build_request(report=ReportFactory(), language="ar", by=people.secretariat,
                                                 enqueue=False)
    build = services.build_run(build_id=build.pk)
    assert build.message_language == "fr"
    assert build.error == "L’édition n’a encore aucun chapitre."


def test_a_failed_build_can_be_retried(edition, people, media):
    Build.objects.create(report=edition, language="en", status=BuildStatus.FAILED, error="boom")
    build = _run(edition, people)
    assert build.status == BuildStatus.DONE


def test_lost_builds_are_failed_so_that_they_can_be_built_again(edition, people):
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    running = Build.objects.create(report=edition, language="en", status=BuildStatus.RUNNING, started_at=long_ago)
    queued = Build.objects.create(report=edition, language="ar", status=BuildStatus.PENDING, requested_at=long_ago)
    fresh, created = services.build_request(report=edition, language="en", by=people.secretariat, enqueue=False)
    assert created and fresh != running
    running.refresh_from_db()
    assert running.status == BuildStatus.FAILED and "worker stopped" in running.error
    queued.refresh_from_db()
    assert queued.status == BuildStatus.FAILED and "reports worker" in queued.error
    # The periodic task does the same for every report.
    elsewhere = Build.objects.create(report=ReportFactory(), language="en", status=BuildStatus.RUNNING,
                                     started_at=long_ago)
    assert Build.fail_stale() == 1
    elsewhere.refresh_from_db()
    assert elsewhere.status == BuildStatus.FAILED


def test_a_lost_build_loses_its_half_written_file_too(edition, people, media):
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    lost = Build.objects.create(report=edition, language="en", status=BuildStatus.RUNNING, started_at=long_ago)
    folder = media / "reports" / str(edition.pk)
    folder.mkdir(parents=True)
    half = folder / f".build-{lost.pk}-x1y2.pdf.part"
    half.write_bytes(b"%PDF-1.7 half")
    other = folder / ".build-999999-x1y2.pdf.part"  # another build's, still running
    other.write_bytes(b"%PDF-1.7")
    assert Build.fail_stale() == 1
    assert not half.exists() and other.exists()


def test_progress_is_recorded_while_the_pdf_is_laid_out(edition, people, media, monkeypatch):
    seen = []
    real = build_services._set_progress

    def spy(build_id, percent, note):
        seen.append((percent, str(note)))
        real(build_id, percent, note)

    monkeypatch.setattr(build_services, "_set_progress", spy)
    _run(edition, people)
    percents = [percent for percent, _note in seen]
    assert percents == sorted(percents) and percents[0] == 5 and percents[-1] == 85
    assert any(note.startswith("Writing the PDF") for _p, note in seen)


# Data blocks -----------------------------------------------------------------------------------------------------

BLOCK = "```data\nid: stock\nkind: stock_by_sex\nplace: ARAB\n```"


def test_a_data_block_is_resolved_at_build_time_with_its_citation(people, media, tmp_path):
    release = import_sample_release(tmp_path, user=people.secretariat)
    report = ReportFactory()
    ChapterFactory(report=report, position=1, title_en="Trends", lead_agency=people.owning,
                   body_en=f"The figures:\n\n{BLOCK}\n\nAfter the block.", state=ChapterState.APPROVED)
    build = _run(report, people)
    assert build.status == BuildStatus.DONE, build.error
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(build.file.path).pages).split())
    both, male, female = ARAB_2010
    assert f"2010 {both} {male} {female}" in text  # the table row, from the imported figures
    assert "Figure 1.1" in text and "Table 1.1" in text
    assert f"Source: {release.citation}" in text


def test_a_block_that_no_longer_resolves_fails_the_build_and_keeps_the_last_good_one(people, media, tmp_path):
    release = import_sample_release(tmp_path, user=people.secretariat)
    report = ReportFactory()
    ChapterFactory(report=report, position=1, title_en="Trends", lead_agency=people.owning,
                   body_en=f"```data\nid: stock\nkind: stock_by_sex\nplace: ARAB\nrelease: {release.pk}\n```",
                   state=ChapterState.APPROVED)
    good = _run(report, people)
    assert good.status == BuildStatus.DONE, good.error
    before, release_id = Path(good.file.path).read_bytes(), release.pk
    delete_release(release, user=people.secretariat)
    failed = _run(report, people)
    assert failed.status == BuildStatus.FAILED
    assert failed.error == (f"Chapter 1 “Trends”, data block “stock”: The release {release_id} does not exist "
                            "(it may have been deleted).")
    assert not failed.file
    good.refresh_from_db()
    assert good.status == BuildStatus.DONE and Path(good.file.path).read_bytes() == before
    assert [p.name for p in Path(good.file.path).parent.iterdir()] == [Path(good.file.name).name]


def test_a_block_without_a_name_is_named_by_its_place_in_the_chapter(people, media):
    report = ReportFactory()
    ChapterFactory(report=report, position=2, title_en="Labour", lead_agency=people.owning,
                   body_en="```data\nkind: female_share\nplace: JOR\nrelease: 987654\n```")
    build = _run(report, people)
    assert build.error.startswith("Chapter 2 “Labour”, data block 1 (female_share, JOR): ")


# Approval and publication ----------------------------------------------------------------------------


def test_approve_then_publish_then_make_public(people):
    build = BuildFactory()
    services.build_approve(build=build, by=people.secretariat)
    services.build_publish(build=build, by=people.secretariat)
    services.build_set_public(build=build, public=True, by=people.secretariat)
    build.refresh_from_db()
    assert build.approved_by == people.secretariat and build.published_by == people.secretariat
    assert build.is_public
    services.build_unpublish(build=build, by=people.secretariat)
    build.refresh_from_db()
    assert build.published_at is None and not build.is_public and build.approved_at is not None


@pytest.mark.parametrize("role", ["focal_point", "alternate", "rcm_delegate", "other_focal_point"])
def test_a_focal_point_cannot_approve_or_publish_a_build(people, role):
    build = BuildFactory()
    with pytest.raises(PermissionDenied):
        services.build_approve(build=build, by=people.user(role))
    build = services.build_approve(build=build, by=people.secretariat)
    with pytest.raises(PermissionDenied):
        services.build_publish(build=build, by=people.user(role))
    build.refresh_from_db()
    assert build.published_at is None


def test_a_draft_or_failed_build_cannot_be_approved(people):
    with pytest.raises(ValidationError, match="draft"):
        services.build_approve(build=BuildFactory(is_draft=True), by=people.secretariat)
    with pytest.raises(PermissionDenied):
        services.build_approve(build=BuildFactory(status=BuildStatus.FAILED), by=people.secretariat)


def test_publication_needs_approval_and_public_needs_publication(people):
    build = BuildFactory()
    with pytest.raises(PermissionDenied):
        services.build_publish(build=build, by=people.secretariat)
    with pytest.raises(PermissionDenied):
        services.build_set_public(build=build, public=True, by=people.secretariat)


def _anonymous_request(address: str, agent: str = "Firefox"):
    request = RequestFactory().get("/", REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    request.user = AnonymousUser()
    return request


def test_downloads_are_counted_once_per_visitor_without_lost_updates(people):
    build = BuildFactory()
    assert services.build_count_download(build=build, request=_anonymous_request("198.51.100.7"))
    for _ in range(2):
        assert not services.build_count_download(build=build, request=_anonymous_request("198.51.100.7"))
    for address in ("198.51.100.8", "198.51.100.9"):
        services.build_count_download(build=build, request=_anonymous_request(address))
    build.refresh_from_db()
    assert build.download_count == 3


def test_a_download_visitor_key_hides_the_address_and_changes_with_the_day():
    request = _anonymous_request("198.51.100.7")
    today, tomorrow = datetime.date(2031, 5, 6), datetime.date(2031, 5, 7)
    key = downloads.download_visitor(request, today)
    assert len(key) == 64 and "198.51.100.7" not in key
    assert key == downloads.download_visitor(_anonymous_request("198.51.100.7"), today)
    assert key != downloads.download_visitor(request, tomorrow)
    assert key != downloads.download_visitor(_anonymous_request("198.51.100.7", "Chromium"), today)


def test_old_download_visits_are_pruned(people, time_machine):
    build = BuildFactory()
    time_machine.move_to(datetime.datetime(2031, 5, 6, 10, tzinfo=datetime.UTC), tick=False)
    services.build_count_download(build=build, request=_anonymous_request("198.51.100.7"))
    time_machine.move_to(datetime.datetime(2031, 5, 8, 10, tzinfo=datetime.UTC), tick=False)
    services.build_count_download(build=build, request=_anonymous_request("198.51.100.7"))
    services.build_count_download(build=build, request=_anonymous_request("198.51.100.8"))
    assert prune_download_visits() == 1
    assert sorted(DownloadVisit.objects.values_list("day", flat=True)) == [datetime.date(2031, 5, 8)] * 2
    build.refresh_from_db()
    assert build.download_count == 3


def test_an_assessment_without_findings_is_a_draft(people, media):
    report = AssessmentFactory()
    build = _run(report, people)
    assert build.status == BuildStatus.DONE, build.error
    assert build.is_draft
    services.report_update(report=report, data={"findings_en": "Met often.", "recommendations_en": "Keep going."},
                           by=people.secretariat)
    build = _run(report, people)
    assert not build.is_draft
