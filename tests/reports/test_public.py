"""Publications and data in public: only reports the secretariat made public, each at a stable address
with a citation; earlier editions; links to the open data, its API and the good practices."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.reports.factories import AssessmentFactory, BuildFactory, ReportFactory

pytestmark = pytest.mark.django_db


def _get(client, name, *args, language="en"):
    with translation.override(language):
        return client.get(reverse(name, args=args))


def test_only_public_reports_are_listed_and_reachable(people, client):
    now = timezone.now()
    public = ReportFactory(title_en="Situation Report on International Migration 2027")
    BuildFactory(report=public, approved_at=now, published_at=now, is_public=True)
    members_only = AssessmentFactory(title_en="Members-only assessment")
    BuildFactory(report=members_only, approved_at=now, published_at=now, is_public=False)
    page = _get(client, "reports_public:publications").content.decode()
    assert public.title_en in page and members_only.title_en not in page
    assert reverse("data_hub:api_index") in page and reverse("data_hub:explorer") in page
    assert reverse("programmes:practice_list") in page
    assert _get(client, "reports_public:report", members_only.pk).status_code == 404
    assert _get(client, "reports_public:report", 999999).status_code == 404


def test_a_report_page_is_citable_and_lists_earlier_editions(client, settings):
    settings.SITE_URL = "https://rwg.example"
    first = timezone.now() - datetime.timedelta(days=400)
    report = ReportFactory(title_en="Situation Report 2027", title_ar="تقرير الحالة 2027")
    old = BuildFactory(report=report, approved_at=first, published_at=first, is_public=True)
    new = BuildFactory(report=report, approved_at=timezone.now(), published_at=timezone.now(), is_public=True)
    response = _get(client, "reports_public:report", report.pk, language="ar")
    page = response.content.decode()
    assert "تقرير الحالة 2027" in page
    assert reverse("reports:build_download", args=[new.pk]) in page.split('id="downloads"')[1].split("</section>")[0]
    assert reverse("reports:build_download", args=[old.pk]) in page.split('id="earlier"')[1].split("</section>")[0]
    citation = page.split('id="cite"')[1].split("</section>")[0]
    assert f"https://rwg.example/ar/publications/{report.pk}/" in citation
    assert f"({timezone.localtime(new.published_at).year})" in citation  # the edition read
