"""The demo content: an edition with chapters at every stage and a PDF in each language (English, Arabic,
French), labelled demo."""

import pytest

import members.demo
import reports.demo
from members.services import seed_reference_data
from reports.choices import BuildStatus, ChapterState, ReportKind
from reports.models import Build, Chapter, Report

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_is_labelled_and_has_built_pdfs(media, django_capture_on_commit_callbacks):
    seed_reference_data()
    members.demo.load()
    with django_capture_on_commit_callbacks(execute=True):
        reports.demo.load()
        reports.demo.load()
    edition = Report.objects.get(kind=ReportKind.SITUATION_REPORT)
    assessment = Report.objects.get(kind=ReportKind.RCM_ASSESSMENT)
    for report in (edition, assessment):
        assert report.is_demo and "(demo)" in report.title_en and "تجريبي" in report.title_ar
    assert sorted(Chapter.objects.filter(report=edition).values_list("state", flat=True)) == sorted(
        [ChapterState.APPROVED, ChapterState.SUBMITTED, ChapterState.REVIEWED, ChapterState.DRAFT])
    assert all(c.body_en.startswith("*Demo content") for c in edition.chapters.all())
    builds = Build.objects.filter(status=BuildStatus.DONE)
    # Every edition: English, Arabic and French.
    assert sorted(builds.filter(report=edition).values_list("language", flat=True)) == ["ar", "en", "fr"]
    assert sorted(builds.filter(report=assessment).values_list("language", flat=True)) == ["ar", "en", "fr"]
    assert Build.objects.count() == 6  # the second load built nothing
    for build in builds:
        assert (media / build.file.name).is_file() and build.page_count >= 4
    assert builds.filter(report=assessment, is_public=True).count() == 1
    assert builds.filter(report=assessment, published_at__isnull=False).count() == 3
