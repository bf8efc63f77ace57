"""A chapter from submission to the downloaded PDF, in chromium: the focal point submits it,
the secretariat approves it, builds the edition (on the real Celery worker, the page
following the build with htmx) and downloads the PDF."""

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from reports.choices import BuildStatus, ChapterState
from reports.models import Build, Chapter
from tests.browser.helpers import signed_in_page
from tests.people import make_people
from tests.reports.factories import ChapterFactory, ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _remove_built_files():
    """The worker writes under the real MEDIA_ROOT: remove what this test built."""
    yield
    for build in Build.objects.exclude(file=""):
        Path(build.file.path).unlink(missing_ok=True)


def test_a_chapter_submitted_approved_built_and_downloaded(browser, live_server, celery_worker, tmp_path):
    people = make_people()
    report = ReportFactory(year=2031, title_en="Situation Report on International Migration in the Arab States 2031")
    chapter = ChapterFactory(report=report, position=1, title_en="Migration in the Arab region",
                             lead_agency=people.owning,
                             body_en="Migration has long shaped the Arab region.[^1]\n\n[^1]: A footnote.")

    # The focal point of the lead agency submits the chapter from the reports page.
    focal_context, focal = signed_in_page(browser, live_server, people.focal_point.email, accept_downloads=True)
    focal.get_by_role("link", name="Reports", exact=True).click()
    focal.get_by_role("link", name=re.compile("Migration in the Arab region")).first.click()
    assert focal.get_by_role("button", name="Approve").count() == 0
    focal.get_by_role("button", name="Submit for review").click()
    focal.get_by_text("The chapter was submitted.").wait_for()
    assert Chapter.objects.get(pk=chapter.pk).state == ChapterState.SUBMITTED
    focal_context.close()

    # The secretariat approves it, then builds the English PDF.
    context, page = signed_in_page(browser, live_server, people.secretariat.email, totp=True,
                                   accept_downloads=True)
    page.get_by_text("Waiting for your review").wait_for()
    page.get_by_role("link", name="1. Migration in the Arab region").first.click()
    page.get_by_label("Comment to the authors").fill("Approved, thank you.")
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("The chapter was approved.").wait_for()
    assert Chapter.objects.get(pk=chapter.pk).state == ChapterState.APPROVED

    page.get_by_role("link", name=report.title_en).first.click()
    page.get_by_role("button", name="Build the English PDF").click()
    page.get_by_text("The English PDF is being built.").wait_for()
    # The page polls the build (htmx) until the worker has finished, without a reload.
    url_before = page.url
    download_link = page.get_by_role("link", name="Download the PDF")
    download_link.wait_for(timeout=180_000)
    assert page.url == url_before
    build = Build.objects.get(report=report)
    assert build.status == BuildStatus.DONE, build.error

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == "RWG-situation-report-2031-en.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    reader = PdfReader(saved)
    assert len(reader.pages) == build.page_count
    assert "Migration in the Arab region" in reader.pages[1].extract_text()
    build.refresh_from_db()
    assert build.download_count == 1
    context.close()
