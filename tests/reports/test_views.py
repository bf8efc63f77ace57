"""Every page of the reports app, as every standing person; what each page shows and does."""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from reports.choices import BuildStatus, ChapterState, QuestionnaireStatus
from reports.models import Build, Chapter, ChapterComment, Question, QuestionnaireResponse, Report, Source
from tests.access import LOGIN, OK, assert_access, client_for, outcome
from tests.people import ROLES
from tests.reports.factories import (
    AssessmentFactory,
    BuildFactory,
    ChapterFactory,
    QuestionFactory,
    ReportFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

GROUP = {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": OK,
         "alternate": OK, "focal_point": OK, "secretariat": OK, "admin": OK}
SECRETARIAT = {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403,
               "alternate": 403, "focal_point": 403, "secretariat": OK, "admin": OK}
AUTHORS = {**SECRETARIAT, "alternate": OK, "focal_point": OK}
EVERYONE = dict.fromkeys(ROLES, OK)


@pytest.fixture
def edition(people):
    return ReportFactory()


@pytest.fixture
def chapter(edition, people):
    return ChapterFactory(report=edition, position=1, lead_agency=people.owning)


def assert_fresh(people, make, expected: dict, *, data=None):
    """POST to a new object for each role (the action changes state); refused ones must change nothing."""
    wrong = []
    for role in ROLES:
        url, snapshot = make()
        before = snapshot()
        got = outcome(client_for(people, role).post(url, data or {}))
        if got != expected[role]:
            wrong.append(f"{role}: expected {expected[role]}, got {got}")
        if got != OK and snapshot() != before:
            wrong.append(f"{role}: refused POST changed data")
    assert not wrong, "\n".join(wrong)


# The workspace --------------------------------------------------------------------------------------


def test_index(people, chapter):
    assert_access(people, reverse("reports:index"), GROUP)


def test_report_create(people):
    url = reverse("reports:report_create")
    assert_access(people, url, SECRETARIAT)
    assert_access(people, url, SECRETARIAT, method="post",
                  data={"kind": "situation_report", "year": 2040, "title_en": "", "title_ar": ""},
                  snapshot=lambda: Report.objects.count())
    assert Report.objects.get(year=2040).title_en.endswith("2040")


def test_report_detail(people, chapter):
    assert_access(people, reverse("reports:report_detail", args=[chapter.report_id]), GROUP)
    assert_access(people, reverse("reports:report_detail", args=[AssessmentFactory().pk]), GROUP)


def test_report_edit(people, edition):
    url = reverse("reports:report_edit", args=[edition.pk])
    assert_access(people, url, SECRETARIAT)
    assert_access(people, url, SECRETARIAT, method="post", data={"title_en": "Renamed", "title_ar": ""},
                  snapshot=lambda: Report.objects.get(pk=edition.pk).title_en)


def test_missing_objects_are_404(people):
    client = client_for(people, "secretariat")
    for name in ("report_detail", "chapter_detail", "build_detail", "source_edit", "question_edit"):
        assert client.get(reverse(f"reports:{name}", args=[999999])).status_code == 404


# Chapters ------------------------------------------------------------------------------------------------


def test_chapter_create(people, edition):
    url = reverse("reports:chapter_create", args=[edition.pk])
    assert_access(people, url, SECRETARIAT)
    data = {"title_en": "New chapter", "title_ar": "", "lead_agency": people.owning.pk,
            "contributing_agencies": [people.other.pk], "deadline": "2031-01-31"}
    assert_access(people, url, SECRETARIAT, method="post", data=data, snapshot=lambda: edition.chapters.count())
    assert edition.chapters.count() == 2


def test_chapter_detail_and_history(people, chapter):
    assert_access(people, reverse("reports:chapter_detail", args=[chapter.pk]), GROUP)
    assert_access(people, reverse("reports:chapter_detail", args=[chapter.pk]) + "?lang=ar", GROUP)
    assert_access(people, reverse("reports:chapter_versions", args=[chapter.pk]), GROUP)
    chapter.body_en = "Changed."
    chapter.save()
    first, last = chapter.history.order_by("history_id")
    url = reverse("reports:chapter_compare", args=[chapter.pk]) + f"?a={first.history_id}&b={last.history_id}"
    assert_access(people, url, GROUP)
    assert_access(people, reverse("reports:chapter_blocks", args=[chapter.pk]), GROUP)


def test_chapter_edit(people, chapter):
    url = reverse("reports:chapter_edit", args=[chapter.pk])
    assert_access(people, url, AUTHORS)
    assert_access(people, url, AUTHORS, method="post",
                  data={"body_en": "Edited.", "body_ar": "", "note": "", "revision": chapter.revision},
                  snapshot=lambda: Chapter.objects.get(pk=chapter.pk).body_en)


def test_chapter_outline(people, chapter):
    url = reverse("reports:chapter_outline", args=[chapter.pk])
    assert_access(people, url, SECRETARIAT)
    data = {"position": 1, "title_en": "Renamed", "title_ar": "", "lead_agency": people.other.pk,
            "deadline": "2031-01-31"}
    assert_access(people, url, SECRETARIAT, method="post", data=data,
                  snapshot=lambda: Chapter.objects.values_list("title_en", "lead_agency").get(pk=chapter.pk))


def test_chapter_submit(people, edition):
    def make():
        chapter = ChapterFactory(report=edition, lead_agency=people.owning)
        return (reverse("reports:chapter_action", args=[chapter.pk]),
                lambda: Chapter.objects.get(pk=chapter.pk).state)

    assert_fresh(people, make, AUTHORS, data={"action": "submit"})


@pytest.mark.parametrize("action", ["approve", "return"])
def test_chapter_review_is_for_the_secretariat(people, edition, action):
    def make():
        chapter = ChapterFactory(report=edition, lead_agency=people.owning, state=ChapterState.SUBMITTED)
        return (reverse("reports:chapter_action", args=[chapter.pk]),
                lambda: Chapter.objects.get(pk=chapter.pk).state)

    assert_fresh(people, make, SECRETARIAT, data={"action": action, "comment": "Please check the figures."})


def test_chapter_comment(people, chapter):
    url = reverse("reports:chapter_comment", args=[chapter.pk])
    assert_access(people, url, AUTHORS, method="post", data={"body": "A remark."},
                  snapshot=lambda: ChapterComment.objects.count())


# Sources -----------------------------------------------------------------------------------------------------


def test_source_list_and_add(people, chapter):
    url = reverse("reports:source_list", args=[chapter.report_id])
    assert_access(people, url, GROUP)
    data = {"key": "ilo-2024", "citation_en": "ILO (2024).", "citation_ar": "", "url": ""}
    assert_access(people, url, AUTHORS, method="post", data=data, snapshot=lambda: Source.objects.count())


def test_source_edit(people, chapter):
    source = SourceFactory(report=chapter.report, agency=people.owning)  # added by the chapter's agency
    url = reverse("reports:source_edit", args=[source.pk])
    assert_access(people, url, AUTHORS)
    assert_access(people, url, AUTHORS, method="post", data={"citation_en": "Corrected.", "citation_ar": "",
                                                              "url": ""},
                  snapshot=lambda: Source.objects.get(pk=source.pk).citation_en)


def test_source_delete(people, chapter):
    def make():
        source = SourceFactory(report=chapter.report)
        return reverse("reports:source_delete", args=[source.pk]), lambda: Source.objects.filter(pk=source.pk).count()

    assert_fresh(people, make, SECRETARIAT)


# Builds ------------------------------------------------------------------------------------------------------


def test_build_create(people, chapter):
    url = reverse("reports:build_create", args=[chapter.report_id])
    assert_access(people, url, SECRETARIAT, method="post", data={"language": "en"},
                  snapshot=lambda: Build.objects.count())
    # The secretariat's request and the admin's second one share the single queued build.
    assert Build.objects.get().status == BuildStatus.PENDING


def test_build_detail(people, chapter):
    build = BuildFactory(report=chapter.report)
    assert_access(people, reverse("reports:build_detail", args=[build.pk]), GROUP)


def test_build_retry(people, chapter):
    build = BuildFactory(report=chapter.report, status=BuildStatus.FAILED, file="")
    assert_access(people, reverse("reports:build_retry", args=[build.pk]), SECRETARIAT, method="post",
                  snapshot=lambda: Build.objects.count())


@pytest.mark.parametrize("name, state, data", [
    ("build_approve", {}, {}),
    ("build_publish", {"approved_at": timezone.now()}, {}),
    ("build_unpublish", {"approved_at": timezone.now(), "published_at": timezone.now()}, {}),
    ("build_public", {"approved_at": timezone.now(), "published_at": timezone.now()}, {"public": "1"}),
])
def test_build_decisions_are_for_the_secretariat(people, chapter, name, state, data):
    def make():
        build = BuildFactory(report=chapter.report, **state)
        fields = ("approved_at", "published_at", "is_public")
        return reverse(f"reports:{name}", args=[build.pk]), lambda: Build.objects.values_list(*fields).get(pk=build.pk)

    assert_fresh(people, make, SECRETARIAT, data=data)


@pytest.fixture
def pdf_build(media, chapter):
    def make(**fields):
        build = BuildFactory(report=chapter.report, **fields)
        path = Path(media) / build.file.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.7 test")
        return build

    return make


def test_an_unpublished_pdf_is_for_group_members_only(people, pdf_build):
    build = pdf_build()
    assert_access(people, reverse("reports:build_download", args=[build.pk]), {
        "anonymous": 404, "no_role": 404, "rcm_delegate": 404, "other_focal_point": OK,
        "alternate": OK, "focal_point": OK, "secretariat": OK, "admin": OK})


def test_an_rcm_delegate_downloads_a_published_report(people, pdf_build):
    build = pdf_build(approved_at=timezone.now(), published_at=timezone.now())
    assert_access(people, reverse("reports:build_download", args=[build.pk]), {**GROUP, "rcm_delegate": OK})


def test_a_public_report_is_for_everyone(people, pdf_build):
    build = pdf_build(approved_at=timezone.now(), published_at=timezone.now(), is_public=True)
    assert_access(people, reverse("reports:build_download", args=[build.pk]), EVERYONE)


def test_a_failed_build_has_no_file_to_download(people, chapter):
    build = BuildFactory(report=chapter.report, status=BuildStatus.FAILED, file="")
    assert_access(people, reverse("reports:build_download", args=[build.pk]), {
        "anonymous": 404, "no_role": 404, "rcm_delegate": 404, "other_focal_point": 403,
        "alternate": 403, "focal_point": 403, "secretariat": 403, "admin": 403})


def test_a_download_serves_the_pdf_and_counts_it(people, pdf_build):
    build = pdf_build(approved_at=timezone.now(), published_at=timezone.now())
    response = client_for(people, "rcm_delegate").get(reverse("reports:build_download", args=[build.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{build.download_name}"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
    build.refresh_from_db()
    assert build.download_count == 1


def test_repeated_downloads_count_once_per_visitor_and_day(people, pdf_build, client):
    build = pdf_build(approved_at=timezone.now(), published_at=timezone.now(), is_public=True)
    url = reverse("reports:build_download", args=[build.pk])

    def download(browser, address="203.0.113.5", agent="Firefox/140"):
        response = browser.get(url, REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
        build.refresh_from_db()
        return build.download_count

    with time_machine.travel(datetime.datetime(2031, 5, 6, 9, tzinfo=datetime.UTC), tick=False):
        assert download(client) == 1
        assert download(client) == 1  # the same anonymous visitor again
        assert download(client, address="203.0.113.6") == 2  # another address
        assert download(client, agent="Chromium/140") == 3  # another browser behind the same address
        delegate = client_for(people, "rcm_delegate")
        assert download(delegate) == 4
        assert download(delegate, address="198.51.100.1") == 4  # a signed-in user is one visitor anywhere
    with time_machine.travel(datetime.datetime(2031, 5, 7, 9, tzinfo=datetime.UTC), tick=False):
        assert download(client) == 5  # the next day counts again


def test_the_delegate_sees_published_reports_only(people, chapter, pdf_build):
    published = pdf_build(approved_at=timezone.now(), published_at=timezone.now())
    draft = BuildFactory(report=ReportFactory(title_en="Unpublished edition"))
    response = client_for(people, "rcm_delegate").get(reverse("reports:downloads"))
    page = response.content.decode()
    assert reverse("reports:build_download", args=[published.pk]) in page
    assert draft.report.title_en not in page
    assert client_for(people, "rcm_delegate").get(
        reverse("reports:build_download", args=[draft.pk])).status_code == 404


def test_downloads_and_public_pages(people):
    assert_access(people, reverse("reports:downloads"), {**GROUP, "rcm_delegate": OK})
    assert_access(people, reverse("reports:public"), EVERYONE)


def test_earlier_editions_stay_listed_and_only_the_newest_pdf_of_each(people, media):
    old_report, new_report = ReportFactory(year=2027), ReportFactory(year=2029)
    now = timezone.now()
    older = BuildFactory(report=new_report, approved_at=now, published_at=now - datetime.timedelta(days=3))
    newer = BuildFactory(report=new_report, approved_at=now, published_at=now)
    earlier_edition = BuildFactory(report=old_report, approved_at=now, published_at=now - datetime.timedelta(days=700))
    page = client_for(people, "rcm_delegate").get(reverse("reports:downloads")).content.decode()
    assert reverse("reports:build_download", args=[newer.pk]) in page
    assert reverse("reports:build_download", args=[earlier_edition.pk]) in page
    assert reverse("reports:build_download", args=[older.pk]) not in page


def test_the_public_page_lists_only_public_reports(people, media):
    now = timezone.now()
    public = BuildFactory(approved_at=now, published_at=now, is_public=True)
    members_only = BuildFactory(approved_at=now, published_at=now)
    page = client_for(people, "anonymous").get(reverse("reports:public")).content.decode()
    assert reverse("reports:build_download", args=[public.pk]) in page
    assert reverse("reports:build_download", args=[members_only.pk]) not in page


def test_a_running_build_is_followed_with_htmx_and_without_javascript(people, chapter):
    build = BuildFactory(report=chapter.report, status=BuildStatus.RUNNING, file="", progress=40,
                         progress_note="Laying out page 12", started_at=timezone.now())
    client = client_for(people, "secretariat")
    url = reverse("reports:build_detail", args=[build.pk])
    page = client.get(url).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert 'hx-trigger="every 2s"' in page and 'value="40"' in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "Laying out page 12" in fragment
    Build.objects.filter(pk=build.pk).update(status=BuildStatus.DONE, file="reports/x.pdf", page_count=9,
                                             size_bytes=2048, finished_at=timezone.now())
    done = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in done and "Download the PDF" in done and "9 pages" in done
    assert "noscript" not in client.get(url).content.decode()


def test_a_failed_build_shows_its_error(people, chapter):
    build = BuildFactory(report=chapter.report, status=BuildStatus.FAILED, file="",
                         error="Chapter 1 “Trends”, data block “stock”: the release 9 does not exist.")
    page = client_for(people, "focal_point").get(reverse("reports:build_detail", args=[build.pk])).content.decode()
    assert "data block “stock”" in page and "last good PDF" in page


# The questionnaire ------------------------------------------------------------------------------------------


@pytest.fixture
def assessment_report(people):
    report = AssessmentFactory()
    QuestionFactory(report=report, position=1)
    QuestionFactory(report=report, position=2, kind="open", required=False)
    return report


def test_question_list_and_add(people, assessment_report):
    url = reverse("reports:question_list", args=[assessment_report.pk])
    assert_access(people, url, SECRETARIAT)
    assert_access(people, url, SECRETARIAT, method="post",
                  data={"kind": "likert", "dimension": "relevance", "text_en": "Useful?", "text_ar": "",
                        "required": "on"},
                  snapshot=lambda: Question.objects.count())


def test_question_edit_and_delete(people, assessment_report):
    question = assessment_report.questions.first()
    url = reverse("reports:question_edit", args=[question.pk])
    assert_access(people, url, SECRETARIAT)
    assert_access(people, url, SECRETARIAT, method="post",
                  data={"kind": "likert", "dimension": "effectiveness", "text_en": "Effective?", "text_ar": ""},
                  snapshot=lambda: Question.objects.get(pk=question.pk).text_en)

    def make():
        other = QuestionFactory(report=assessment_report)
        return reverse("reports:question_delete", args=[other.pk]), lambda: Question.objects.filter(pk=other.pk).count()

    assert_fresh(people, make, SECRETARIAT)


def test_questionnaire_open_and_close(people, assessment_report):
    def make_open():
        report = AssessmentFactory()
        QuestionFactory(report=report)
        return (reverse("reports:questionnaire_open", args=[report.pk]),
                lambda: Report.objects.get(pk=report.pk).questionnaire_status)

    assert_fresh(people, make_open, SECRETARIAT)

    def make_close():
        report = AssessmentFactory(questionnaire_status=QuestionnaireStatus.OPEN)
        return (reverse("reports:questionnaire_close", args=[report.pk]),
                lambda: Report.objects.get(pk=report.pk).questionnaire_status)

    assert_fresh(people, make_close, SECRETARIAT)


def test_questionnaire_answer(people, assessment_report):
    Report.objects.filter(pk=assessment_report.pk).update(questionnaire_status=QuestionnaireStatus.OPEN)
    url = reverse("reports:questionnaire_answer", args=[assessment_report.pk])
    expected = {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": OK,
                "alternate": OK, "focal_point": OK, "secretariat": 403, "admin": 403}
    assert_access(people, url, expected)
    q1 = assessment_report.questions.get(position=1)
    assert_access(people, url, expected, method="post", data={f"q{q1.pk}": "4", "save": "1"},
                  snapshot=lambda: QuestionnaireResponse.objects.count())
    # One response per agency, however many of its people answered.
    assert sorted(QuestionnaireResponse.objects.values_list("agency__acronym", flat=True)) == ["OTH", "OWN"]


def test_a_focal_point_cannot_answer_for_another_agency(people, assessment_report):
    Report.objects.filter(pk=assessment_report.pk).update(questionnaire_status=QuestionnaireStatus.OPEN)
    url = reverse("reports:questionnaire_answer", args=[assessment_report.pk]) + f"?agency={people.other.pk}"
    assert client_for(people, "focal_point").get(url).status_code == 403


def test_the_answer_form_submits(people, assessment_report):
    Report.objects.filter(pk=assessment_report.pk).update(questionnaire_status=QuestionnaireStatus.OPEN)
    q1, q2 = assessment_report.questions.order_by("position")
    url = reverse("reports:questionnaire_answer", args=[assessment_report.pk])
    client = client_for(people, "focal_point")
    response = client.post(url, {f"q{q1.pk}": "dont_know", f"q{q2.pk}": "More joint work.", "submit": "1"})
    assert response.status_code == 302
    saved = QuestionnaireResponse.objects.get(agency=people.owning)
    assert saved.status == "submitted" and saved.answers.get(question=q1).score is None
    page = client.get(url).content.decode()
    assert "Submitted on" in page and "More joint work." in page


def test_questionnaire_results(people, assessment_report):
    assert_access(people, reverse("reports:questionnaire_results", args=[assessment_report.pk]), SECRETARIAT)


# Pinned query counts ---------------------------------------------------------------------------------------


def test_the_outline_page_does_not_grow_with_chapters(people, django_assert_num_queries):
    report = ReportFactory()
    for position in range(1, 31):
        ChapterFactory(report=report, position=position, lead_agency=people.owning,
                       contributing_agencies=[people.other])
    BuildFactory(report=report)
    client = client_for(people, "secretariat")
    with django_assert_num_queries(11):
        response = client.get(reverse("reports:report_detail", args=[report.pk]))
    assert response.content.decode().count("reports/chapters/") >= 30


def test_the_index_and_downloads_do_not_grow_with_reports(people, django_assert_num_queries):
    now = timezone.now()
    for _ in range(20):
        BuildFactory(approved_at=now, published_at=now)
    client = client_for(people, "secretariat")
    client.get(reverse("reports:index"))  # warm up: the first request after signing in saves the session
    with django_assert_num_queries(6):
        client.get(reverse("reports:index"))
    with django_assert_num_queries(4):
        client.get(reverse("reports:downloads"))


def test_the_versions_page_does_not_grow_with_versions(people, chapter, django_assert_num_queries):
    for number in range(25):
        chapter.body_en = f"Version {number}"
        chapter._history_user = people.focal_point
        chapter.save()
    with django_assert_num_queries(24):
        client_for(people, "focal_point").get(reverse("reports:chapter_versions", args=[chapter.pk]))


# What the pages show ---------------------------------------------------------------------------------------


@pytest.mark.dates
def test_the_outline_shows_every_chapter_state_at_a_glance(people, edition):
    ChapterFactory(report=edition, position=1, title_en="Overdue one", lead_agency=people.owning,
                   deadline=datetime.date(2020, 1, 1))
    ChapterFactory(report=edition, position=2, title_en="Approved one", lead_agency=people.other,
                   state=ChapterState.APPROVED)
    page = client_for(people, "secretariat").get(reverse("reports:report_detail", args=[edition.pk])).content.decode()
    assert "Overdue one" in page and "1 overdue" in page and "Approved" in page
    assert "Build the English PDF" in page and "Build the Arabic PDF" in page and "Build the French PDF" in page
    assert 'name="language" value="fr"' in page
    focal = client_for(people, "focal_point").get(reverse("reports:report_detail", args=[edition.pk]))
    assert "Build the English PDF" not in focal.content.decode()


def test_the_chapter_page_offers_the_actions_each_person_may_take(people, chapter):
    url = reverse("reports:chapter_detail", args=[chapter.pk])
    assert 'value="submit"' in client_for(people, "focal_point").get(url).content.decode()
    Chapter.objects.filter(pk=chapter.pk).update(state=ChapterState.SUBMITTED)
    focal = client_for(people, "focal_point").get(url).content.decode()
    assert 'value="approve"' not in focal and 'value="withdraw"' in focal
    secretariat = client_for(people, "secretariat").get(url).content.decode()
    assert 'value="approve"' in secretariat and 'value="return"' in secretariat


def test_the_comparison_shows_removed_and_added_lines(people, chapter):
    chapter.body_en = "Line one.\nLine two.\nLine three."
    chapter.save()
    chapter.body_en = "Line one.\nLine 2.\nLine three."
    chapter.save()
    versions = list(chapter.history.order_by("history_id"))
    url = reverse("reports:chapter_compare", args=[chapter.pk])
    page = client_for(people, "alternate").get(
        f"{url}?a={versions[-1].history_id}&b={versions[-2].history_id}").content.decode()
    assert "<del><span class=\"visually-hidden\">removed: </span>Line two.</del>" in page
    assert "<ins><span class=\"visually-hidden\">added: </span>Line 2.</ins>" in page


def test_a_stale_edit_keeps_the_authors_text_in_the_form(people, chapter):
    url = reverse("reports:chapter_edit", args=[chapter.pk])
    client = client_for(people, "focal_point")
    client.post(url, {"body_en": "First.", "body_ar": "", "note": "", "revision": 1})
    response = client.post(url, {"body_en": "My late edit.", "body_ar": "", "note": "", "revision": 1})
    assert response.status_code == 200
    page = response.content.decode()
    assert "My late edit." in page and "after you opened it" in page
    assert Chapter.objects.get(pk=chapter.pk).body_en == "First."


def test_the_dashboard_panels(people, chapter):
    Chapter.objects.filter(pk=chapter.pk).update(state=ChapterState.SUBMITTED)
    secretariat = client_for(people, "secretariat").get("/").content.decode()
    assert "Waiting for your review" in secretariat
    focal = client_for(people, "focal_point").get("/").content.decode()
    assert "Reports: your part" in focal


def test_the_outline_finds_each_languages_builds_in_one_query(people, django_assert_num_queries):
    """Newest build, newest finished one and the active one per language (selectors.latest_builds), and the
    outline's exact query count, which more builds do not change."""
    from reports import selectors

    report = ReportFactory()
    ChapterFactory(report=report, position=1, lead_agency=people.owning)
    now = timezone.now()

    def build(language, status, hours_ago):
        return BuildFactory(report=report, language=language, status=status,
                            requested_at=now - datetime.timedelta(hours=hours_ago))

    build("en", BuildStatus.DONE, 5)
    done_en = build("en", BuildStatus.DONE, 3)
    failed_en = build("en", BuildStatus.FAILED, 1)
    done_ar = build("ar", BuildStatus.DONE, 4)
    build("ar", BuildStatus.FAILED, 6)
    running_ar = build("ar", BuildStatus.RUNNING, 2)
    builds = selectors.latest_builds(report)
    assert (builds["en"]["latest"], builds["en"]["done"], builds["en"]["active"]) == (failed_en, done_en, None)
    assert (builds["ar"]["latest"], builds["ar"]["done"], builds["ar"]["active"]) == (running_ar, done_ar, running_ar)
    assert (builds["fr"]["latest"], builds["fr"]["done"], builds["fr"]["active"]) == (None, None, None)
    client = client_for(people, "secretariat")
    url = reverse("reports:report_detail", args=[report.pk])
    client.get(url)
    with django_assert_num_queries(PINNED_OUTLINE):
        assert client.get(url).status_code == 200
    for hours in range(7, 17):
        build("fr", BuildStatus.FAILED, hours)
        build("en", BuildStatus.DONE, hours)
    with django_assert_num_queries(PINNED_OUTLINE):
        assert client.get(url).status_code == 200


PINNED_OUTLINE = 8  # was 16 (nine queries for the builds), 2026-12-03


def test_the_assessment_outline_costs_a_pinned_number_of_queries(people, django_assert_num_queries):
    """The figures the portal compiles are the same for every reader: kept in the shared cache by
    content version, so the outline costs the same whatever the number of questions, answers or meetings;
    a new meeting moves the version and shows in the figures."""
    from tests.factories import AgencyFactory, UserFactory
    from tests.meetings.factories import MeetingFactory

    report = AssessmentFactory()
    client = client_for(people, "secretariat")
    url = reverse("reports:report_detail", args=[report.pk])
    for n in (1, 4):
        for _ in range(n):
            QuestionFactory(report=report)
            agency = AgencyFactory()
            QuestionnaireResponse.objects.create(report=report, agency=agency, respondent=UserFactory(agency=agency))
            MeetingFactory(starts_at=timezone.now().replace(year=report.year))
        client.get(url)  # compiles the figures of this content version
        with django_assert_num_queries(PINNED_ASSESSMENT_OUTLINE):
            assert client.get(url).status_code == 200


PINNED_ASSESSMENT_OUTLINE = 9  # was 19 (the figures compiled on every request), 2026-12-03
