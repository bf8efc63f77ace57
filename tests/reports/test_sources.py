"""Where the figures come from: each source function, and what happens when a source is missing."""

import datetime

import pytest

from meetings.choices import MeetingStatus, Representation
from reports import assessment, sources
from reports.choices import ChapterState
from tests.meetings.factories import AttendanceFactory, HeldMeetingFactory, MeetingFactory
from tests.reports.factories import ChapterFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_figures_not_yet_available_are_said_so_and_never_invented(monkeypatch):
    def missing(year):
        raise sources.SourceUnavailable("data_hub.stats.releases_added")

    monkeypatch.setattr(assessment, "FIGURES", [("releases", "Data releases", missing)])
    (figure,) = assessment.compile_figures(2030)
    assert not figure.available and figure.value is None
    assert "Not yet available" in figure.note and "data_hub.stats.releases_added" in figure.note


@pytest.mark.dates
def test_meeting_figures_come_from_the_meetings_app(people):
    year = datetime.date.today().year
    meeting = HeldMeetingFactory()
    MeetingFactory(status=MeetingStatus.PLANNED)
    AttendanceFactory(meeting=meeting, agency=people.owning, representation=Representation.FOCAL_POINT)
    AttendanceFactory(meeting=meeting, agency=people.other, representation=Representation.ABSENT)
    figures = {figure.key: figure for figure in assessment.compile_figures(meeting.year)}
    assert figures["meetings"].value["held"] == 1
    assert figures["meetings"].value["minimum"] == 3
    rates = {row["agency"]: row["rate"] for row in figures["attendance"].value}
    assert rates == {"OWN": 1.0, "OTH": 0.0}
    assert "OWN" in assessment.figure_chart(figures["attendance"])
    assert year - 1 <= meeting.year <= year + 1


def test_designations_list_the_current_focal_point_and_alternate(people):
    rows = {row["agency"]: row for row in sources.designations()}
    assert rows["OWN"]["focal_point"] == str(people.focal_point)
    assert rows["OWN"]["alternate"] == str(people.alternate)
    assert rows["OTH"]["alternate"] == ""


def test_situation_report_progress_counts_chapters_by_state(people):
    report = ReportFactory(year=2031)
    ChapterFactory(report=report, lead_agency=people.owning, state=ChapterState.APPROVED, body_ar="نص")
    ChapterFactory(report=report, lead_agency=people.owning, deadline=datetime.date(2020, 1, 1))
    progress = sources.situation_report_progress(2030)
    assert progress["chapters"] == 2 and progress["approved"] == 1
    assert progress["overdue"] == 1 and progress["arabic"] == 1
    assert sources.situation_report_progress(2020)["edition"] is None
