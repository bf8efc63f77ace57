"""Writing reports: the outline, chapter text, the review workflow, comments and sources."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from reports import services
from reports.choices import ChapterState, CommentKind, ReportKind
from reports.models import Chapter, Report
from reports.services.writing import EditConflict
from tests.reports.factories import AssessmentFactory, ChapterFactory, ReportFactory, SourceFactory

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2030, 3, 1)


@pytest.fixture
def chapter(people):
    report = ReportFactory()
    return ChapterFactory(report=report, lead_agency=people.owning, contributing_agencies=[people.other])


def test_the_secretariat_creates_a_report_with_the_standard_title(people):
    report = services.report_create(kind=ReportKind.SITUATION_REPORT, year=2031, by=people.secretariat)
    assert report.title_en == "Situation Report on International Migration in the Arab States 2031"
    assert report.created_by == people.secretariat
    assert report.history.count() == 1


def test_one_report_per_kind_and_year(people):
    services.report_create(kind=ReportKind.SITUATION_REPORT, year=2031, by=people.secretariat)
    with pytest.raises(ValidationError):
        services.report_create(kind=ReportKind.SITUATION_REPORT, year=2031, by=people.secretariat)
    services.report_create(kind=ReportKind.RCM_ASSESSMENT, year=2031, by=people.secretariat)


@pytest.mark.parametrize("role", ["focal_point", "rcm_delegate", "no_role"])
def test_only_the_secretariat_creates_reports(people, role):
    with pytest.raises(PermissionDenied):
        services.report_create(kind=ReportKind.SITUATION_REPORT, year=2031, by=people.user(role))
    assert not Report.objects.exists()


def test_chapters_are_appended_to_the_outline(people):
    report = ReportFactory()
    first = services.chapter_create(report=report, title_en="One", lead_agency=people.owning, deadline=DEADLINE,
                                    contributing_agencies=[people.owning, people.other], by=people.secretariat)
    second = services.chapter_create(report=report, title_en="Two", lead_agency=people.other, deadline=DEADLINE,
                                     by=people.secretariat)
    assert (first.position, second.position) == (1, 2)
    # The lead agency is not also a contributor.
    assert list(first.contributing_agencies.all()) == [people.other]


def test_an_assessment_has_no_chapters(people):
    with pytest.raises(ValidationError):
        services.chapter_create(report=AssessmentFactory(), title_en="One", lead_agency=people.owning,
                                deadline=DEADLINE, by=people.secretariat)


def test_a_position_already_taken_swaps_the_two_chapters(people):
    report = ReportFactory()
    one = ChapterFactory(report=report, position=1, lead_agency=people.owning)
    two = ChapterFactory(report=report, position=2, lead_agency=people.owning)
    services.chapter_update_outline(chapter=two, title_en=two.title_en, lead_agency=people.other, deadline=DEADLINE,
                                    position=1, by=people.secretariat)
    one.refresh_from_db(), two.refresh_from_db()
    assert (one.position, two.position) == (2, 1)
    assert two.lead_agency == people.other


def test_authors_save_text_and_every_version_is_kept(chapter, people):
    services.chapter_update_text(chapter=chapter, body_en="First words.", body_ar="", revision=1,
                                 by=people.focal_point)
    chapter.refresh_from_db()
    services.chapter_update_text(chapter=chapter, body_en="Second words.", body_ar="كلمات", revision=2,
                                 by=people.other_focal_point, note="Arabic added")
    chapter.refresh_from_db()
    assert chapter.revision == 3 and chapter.body_ar == "كلمات"
    versions = list(chapter.history.order_by("history_date"))
    assert [v.body_en for v in versions][-2:] == ["First words.", "Second words."]
    assert versions[-1].history_user == people.other_focal_point
    assert versions[-1].history_change_reason == "Arabic added"


def test_a_stale_edit_is_refused_and_changes_nothing(chapter, people):
    services.chapter_update_text(chapter=chapter, body_en="Mine.", body_ar="", revision=1, by=people.focal_point)
    with pytest.raises(EditConflict):
        services.chapter_update_text(chapter=chapter, body_en="Theirs.", body_ar="", revision=1,
                                     by=people.alternate)
    chapter.refresh_from_db()
    assert chapter.body_en == "Mine." and chapter.revision == 2


def test_saving_the_same_text_makes_no_new_version(chapter, people):
    before = chapter.history.count()
    services.chapter_update_text(chapter=chapter, body_en=chapter.body_en, body_ar="", revision=1,
                                 by=people.focal_point)
    assert chapter.history.count() == before


def test_text_with_a_bad_data_block_or_an_unknown_source_is_refused(chapter, people):
    with pytest.raises(ValidationError) as caught:
        services.chapter_update_text(chapter=chapter, body_en="```data\nkind: pie\nplace: ARAB\n```", body_ar="",
                                     revision=1, by=people.focal_point)
    assert "body_en" in caught.value.error_dict
    with pytest.raises(ValidationError, match="Unknown source"):
        services.chapter_update_text(chapter=chapter, body_en="As shown [@nowhere].", body_ar="", revision=1,
                                     by=people.focal_point)
    SourceFactory(report=chapter.report, key="somewhere")
    services.chapter_update_text(chapter=chapter, body_en="As shown [@somewhere].", body_ar="", revision=1,
                                 by=people.focal_point)


@pytest.mark.parametrize("role", ["rcm_delegate", "no_role"])
def test_people_outside_the_chapter_cannot_write_it(chapter, people, role):
    with pytest.raises(PermissionDenied):
        services.chapter_update_text(chapter=chapter, body_en="Hijack.", body_ar="", revision=1,
                                     by=people.user(role))


def test_the_review_cycle(chapter, people):
    services.chapter_submit(chapter=chapter, by=people.focal_point)
    chapter.refresh_from_db()
    assert chapter.state == ChapterState.SUBMITTED
    # Submitted text is locked while the secretariat reads it.
    with pytest.raises(PermissionDenied):
        services.chapter_update_text(chapter=chapter, body_en="Sneaky.", body_ar="", revision=1,
                                     by=people.focal_point)
    services.chapter_return(chapter=chapter, comment="Add the 2024 figures.", by=people.secretariat)
    chapter.refresh_from_db()
    assert chapter.state == ChapterState.REVIEWED
    assert chapter.comments.get().kind == CommentKind.REVIEW
    services.chapter_update_text(chapter=chapter, body_en="With the 2024 figures.", body_ar="", revision=1,
                                 by=people.alternate)
    services.chapter_submit(chapter=chapter, by=people.alternate)
    services.chapter_approve(chapter=chapter, by=people.secretariat)
    chapter.refresh_from_db()
    assert chapter.state == ChapterState.APPROVED and chapter.approved_by == people.secretariat
    states = [v.state for v in chapter.history.order_by("history_date", "history_id")]
    assert states[-4:] == ["reviewed", "reviewed", "submitted", "approved"]


def test_a_focal_point_cannot_approve_a_chapter(chapter, people):
    services.chapter_submit(chapter=chapter, by=people.focal_point)
    for role in ("focal_point", "alternate", "other_focal_point", "rcm_delegate"):
        with pytest.raises(PermissionDenied):
            services.chapter_approve(chapter=chapter, by=people.user(role))
        with pytest.raises(PermissionDenied):
            services.chapter_return(chapter=chapter, comment="no", by=people.user(role))
    chapter.refresh_from_db()
    assert chapter.state == ChapterState.SUBMITTED and chapter.approved_by is None


def test_only_the_lead_agency_submits(chapter, people):
    # people.other contributes to the chapter but does not lead it.
    with pytest.raises(PermissionDenied):
        services.chapter_submit(chapter=chapter, by=people.other_focal_point)


def test_an_empty_chapter_cannot_be_submitted(people):
    chapter = ChapterFactory(lead_agency=people.owning, body_en="")
    with pytest.raises(ValidationError, match="English text"):
        services.chapter_submit(chapter=chapter, by=people.focal_point)


def test_returning_needs_a_comment_and_reopening_a_reason(chapter, people):
    services.chapter_submit(chapter=chapter, by=people.focal_point)
    with pytest.raises(ValidationError):
        services.chapter_return(chapter=chapter, comment="  ", by=people.secretariat)
    services.chapter_approve(chapter=chapter, by=people.secretariat)
    with pytest.raises(ValidationError):
        services.chapter_reopen(chapter=chapter, comment="", by=people.secretariat)
    services.chapter_reopen(chapter=chapter, comment="New figures are out.", by=people.secretariat)
    chapter.refresh_from_db()
    assert chapter.state == ChapterState.DRAFT and chapter.approved_by is None


def test_a_stale_transition_is_refused(chapter, people):
    """Two reviewers act on the same page: the second one finds the chapter already moved on."""
    services.chapter_submit(chapter=chapter, by=people.focal_point)
    stale = Chapter.objects.get(pk=chapter.pk)
    services.chapter_approve(chapter=chapter, by=people.secretariat)
    with pytest.raises(PermissionDenied):
        services.chapter_return(chapter=stale, comment="Too late", by=people.admin)
    assert Chapter.objects.get(pk=chapter.pk).state == ChapterState.APPROVED


def test_submitting_tells_the_secretariat_and_decisions_tell_the_authors(chapter, people,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.chapter_submit(chapter=chapter, by=people.focal_point)
    assert mail.outbox[-1].to == [people.secretariat.email]
    assert "submitted for review" in mail.outbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.chapter_return(chapter=chapter, comment="Please shorten section 2.", by=people.secretariat)
    message = mail.outbox[-1]
    assert set(message.to) == {people.focal_point.email, people.alternate.email, people.other_focal_point.email}
    assert "Please shorten section 2." in message.body


def test_comments(chapter, people):
    comment = services.chapter_comment(chapter=chapter, body="Looks good.", by=people.other_focal_point)
    assert comment.revision == chapter.revision
    with pytest.raises(PermissionDenied):
        services.chapter_comment(chapter=chapter, body="Hello", by=people.rcm_delegate)


def test_a_cited_source_cannot_be_deleted(chapter, people):
    source = SourceFactory(report=chapter.report, key="undesa")
    Chapter.objects.filter(pk=chapter.pk).update(body_en="As [@undesa] shows.")
    with pytest.raises(ValidationError, match="cite"):
        services.source_delete(source=source, by=people.secretariat)
    Chapter.objects.filter(pk=chapter.pk).update(body_en="No citation.")
    services.source_delete(source=source, by=people.secretariat)
    assert not chapter.report.sources.exists()


def test_authors_add_sources_but_only_the_secretariat_deletes(chapter, people):
    source = services.source_create(report=chapter.report, key="ilo-2024", citation_en="ILO (2024).",
                                    by=people.focal_point)
    with pytest.raises(PermissionDenied):
        services.source_create(report=chapter.report, key="x", citation_en="X", by=people.rcm_delegate)
    with pytest.raises(PermissionDenied):
        services.source_delete(source=source, by=people.focal_point)


def test_source_keys_are_checked(chapter, people):
    with pytest.raises(ValidationError):
        services.source_create(report=chapter.report, key="Bad Key!", citation_en="X", by=people.secretariat)


def test_findings_are_checked_like_chapter_text(people):
    report = AssessmentFactory()
    with pytest.raises(ValidationError):
        services.report_update(report=report, data={"findings_en": "See [@nothing]."}, by=people.secretariat)
    services.report_update(report=report, data={"findings_en": "All good.", "title_en": "New"},
                           by=people.secretariat)
    report.refresh_from_db()
    assert report.findings_en == "All good." and report.title_en == "New"


# Sources belong to whoever added them (issue 15) ---------------------------------------------

def test_a_source_belongs_to_the_agency_that_added_it(chapter, people):
    mine = services.source_create(report=chapter.report, key="own-2024", citation_en="Own (2024).",
                                  by=people.focal_point)
    assert mine.agency == people.owning
    # Another chapter author (the contributing agency) cannot rewrite it...
    with pytest.raises(PermissionDenied):
        services.source_update(source=mine, citation_en="Rewritten.", by=people.other_focal_point)
    # ...nor a source the secretariat added.
    theirs = services.source_create(report=chapter.report, key="desa", citation_en="UN DESA.", by=people.secretariat)
    assert theirs.agency is None
    with pytest.raises(PermissionDenied):
        services.source_update(source=theirs, citation_en="Rewritten.", by=people.focal_point)
    services.source_update(source=mine, citation_en="Own (2024), corrected.", by=people.alternate)
    services.source_update(source=theirs, citation_en="UN DESA (2024).", by=people.secretariat)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.citation_en, theirs.citation_en) == ("Own (2024), corrected.", "UN DESA (2024).")


def test_a_source_cited_by_an_approved_chapter_is_not_changed(chapter, people):
    source = services.source_create(report=chapter.report, key="own-2024", citation_en="Own (2024).",
                                    by=people.focal_point)
    Chapter.objects.filter(pk=chapter.pk).update(body_en="As [@own-2024] shows.", state=ChapterState.APPROVED)
    for person in (people.focal_point, people.secretariat):
        with pytest.raises(ValidationError, match="approved"):
            services.source_update(source=source, citation_en="Changed after approval.", by=person)
    source.refresh_from_db()
    assert source.citation_en == "Own (2024)."
    Chapter.objects.filter(pk=chapter.pk).update(state=ChapterState.DRAFT)  # reopened: now it may change
    services.source_update(source=source, citation_en="Changed after reopening.", by=people.focal_point)
