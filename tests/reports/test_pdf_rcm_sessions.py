"""The yearly RCM assessment lists the RCM sessions of its year: what was presented and the follow-up.

Built in-process in English and Arabic, read back as a reader would (pypdf's text), and a page of
each rendered to PNG (pdftoppm) in artifacts/ to be looked at.
"""

import datetime
from pathlib import Path

import pytest

from meetings.services.decisions import decision_record
from meetings.services.rcm import rcm_follow_up_create, rcm_follow_up_update, rcm_session_save
from reports import services
from reports.choices import BuildStatus
from tests.meetings.helpers import held
from tests.reports.factories import AssessmentFactory, ReportFactory
from tests.reports.pdf_checks import notdef_glyphs, page_image, page_texts

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture
def assessment(people):
    by = people.secretariat
    year = 2030
    report = AssessmentFactory(year=year, findings_en="The Group met.", recommendations_en="Meet again.",
                               findings_ar="اجتمع الفريق.", recommendations_ar="الاجتماع مجددا.")
    meeting = held(by)
    decision = decision_record(meeting=meeting, text="Propose a **joint programme** on labour migration",
                               report_to_rcm=True, by=by)
    edition = ReportFactory(year=2029, title_en="Situation Report 2029", title_ar="تقرير الحالة 2029")
    session = rcm_session_save(data={
        "held_on": datetime.date(year, 11, 5), "place": "Beirut, UN House",
        "presentation": "The co-chairs presented the workplan.",
        "feedback": "The RCM welcomed the sex-disaggregated tables.",
        "recommendations": "Extend the data work to the Maghreb."}, reports=[edition], decisions=[decision], by=by)
    done = rcm_follow_up_create(session=session, title="Share the tables with the RCM secretariat",
                                owner_agency=people.owning, due_on=datetime.date(year, 12, 1), by=by)
    rcm_follow_up_update(item=done, data={"status": "done"}, by=by)
    rcm_follow_up_create(session=session, title="مذكرة عن بيانات المغرب العربي", owner_agency=people.other,
                         due_on=datetime.date(year + 1, 3, 1), by=by)
    rcm_session_save(data={"held_on": datetime.date(year - 1, 11, 5), "place": "Cairo, earlier year"}, by=by)
    return report


def _build(report, people, language):
    build, _created = services.build_request(report=report, language=language, by=people.secretariat, enqueue=False)
    build = services.build_run(build_id=build.pk)
    assert build.status == BuildStatus.DONE, build.error
    return Path(build.file.path)


def _page_with(texts, needle):
    return next(number for number, text in enumerate(texts, start=1) if needle in text)


def test_the_english_assessment_lists_the_sessions_presented_and_follow_up(assessment, people, media):
    path = _build(assessment, people, "en")
    texts = page_texts(path)
    text = " ".join(" ".join(page.split()) for page in texts)
    assert "Reporting to the RCM: what was presented and the follow-up" in text
    assert "5 November 2030" in text and "Beirut, UN House" in text
    for expected in ("Situation Report 2029", "Propose a joint programme on labour migration",
                     "The co-chairs presented the workplan.", "The RCM welcomed the sex-disaggregated tables.",
                     "Extend the data work to the Maghreb.", "Share the tables with the RCM secretariat",
                     "Follow-up: 2 items, 1 done, 1 open", "Done", "Open"):
        assert expected in text, expected
    assert "Cairo, earlier year" not in text  # another year's session
    assert "**" not in text  # the decision's Markdown is set as text, not printed as written
    ARTIFACTS.mkdir(exist_ok=True)
    for name, needle in (("sessions", "Beirut, UN House"), ("follow-up", "Share the tables")):
        png = page_image(path, _page_with(texts, needle), ARTIFACTS / f"rcm-assessment-{name}-en.png")
        assert png.stat().st_size > 10_000


def test_the_arabic_assessment_lists_them_in_arabic(assessment, people, media):
    path = _build(assessment, people, "ar")
    texts = page_texts(path)
    text = " ".join(texts)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "rcm-assessment-ar.txt").write_text(text)
    # pypdf joins a table's cells without a space ("F2مذكرة …العربيOTH"): the phrase is read whole.
    assert "مذكرة عن بيانات المغرب العربي" in text
    for word in ("ملاحظات", "توصيات", "المتابعة", "منجز"):
        assert word in text, word
    assert "Beirut, UN House" in text and "Share the tables with the RCM secretariat" in text
    assert not notdef_glyphs(path)
    for name, needle in (("sessions", "Beirut"), ("follow-up", "Share the tables")):
        png = page_image(path, _page_with(texts, needle), ARTIFACTS / f"rcm-assessment-{name}-ar.png")
        assert png.stat().st_size > 10_000
