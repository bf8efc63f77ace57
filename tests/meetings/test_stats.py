"""The figures the reports app reuses: three meetings a year, attendance rates, action items."""

import datetime

import pytest

from meetings import stats
from meetings.choices import ActionItemStatus, MeetingStatus, Representation
from tests.factories import AgencyFactory
from tests.meetings.factories import BEIRUT, ActionItemFactory, AttendanceFactory, MeetingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def meeting_in(year, month, status, **kwargs):
    starts = datetime.datetime(year, month, 10, 10, tzinfo=BEIRUT)
    return MeetingFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=3), status=status,
                          status_note="reason" if status in ("postponed", "cancelled") else "", **kwargs)


def test_an_empty_year_needs_three_meetings():
    assert stats.meeting_counts(2031) == {
        "held": 0, "planned": 0, "cancelled": 0, "postponed": 0, "minimum": 3, "shortfall": 3, "meets_minimum": False,
    }


def test_held_and_planned_count_towards_three_but_cancelled_and_postponed_do_not():
    meeting_in(2030, 2, MeetingStatus.HELD)
    meeting_in(2030, 5, MeetingStatus.CANCELLED)
    meeting_in(2030, 9, MeetingStatus.POSTPONED)
    meeting_in(2030, 11, MeetingStatus.PLANNED)
    meeting_in(2029, 11, MeetingStatus.HELD)  # another year
    counts = stats.meeting_counts(2030)
    assert counts == {"held": 1, "planned": 1, "cancelled": 1, "postponed": 1, "minimum": 3, "shortfall": 1,
                      "meets_minimum": False}


def test_three_held_meet_the_minimum_and_more_do_not_make_the_shortfall_negative():
    for month in (2, 5, 9, 11):
        meeting_in(2032, month, MeetingStatus.HELD)
    counts = stats.meeting_counts(2032)
    assert counts["shortfall"] == 0
    assert counts["meets_minimum"] is True
    assert counts["held"] == 4


def test_attendance_rates_come_from_recorded_attendance_of_held_meetings_only():
    a, b = AgencyFactory(acronym="AAA"), AgencyFactory(acronym="BBB")
    held = [meeting_in(2030, month, MeetingStatus.HELD) for month in (2, 6, 10)]
    for meeting, representation in zip(held, (Representation.FOCAL_POINT, Representation.ALTERNATE,
                                              Representation.ABSENT), strict=True):
        AttendanceFactory(meeting=meeting, agency=a, representation=representation)
    AttendanceFactory(meeting=held[0], agency=b, representation=Representation.OTHER)
    AttendanceFactory(meeting=held[1], agency=b, representation=Representation.ABSENT)
    # Attendance of another year and of a meeting that is no longer "held" does not count.
    AttendanceFactory(meeting=meeting_in(2029, 3, MeetingStatus.HELD), agency=a, representation=Representation.ABSENT)
    AttendanceFactory(meeting=meeting_in(2030, 12, MeetingStatus.CANCELLED), agency=a,
                      representation=Representation.ABSENT)
    rates = stats.attendance_rates(2030)
    assert rates == [
        {"agency": "AAA", "agency_id": a.pk, "meetings": 3, "attended": 2, "rate": pytest.approx(2 / 3)},
        {"agency": "BBB", "agency_id": b.pk, "meetings": 2, "attended": 1, "rate": 0.5},
    ]


def test_attendance_rates_of_a_year_without_meetings_is_empty():
    assert stats.attendance_rates(2035) == []


def test_action_item_counts_of_a_year():
    meeting = meeting_in(2030, 3, MeetingStatus.HELD)
    today = datetime.date(2030, 12, 1)
    ActionItemFactory(meeting=meeting, status=ActionItemStatus.DONE, completed_on=datetime.date(2030, 5, 1),
                      due_on=datetime.date(2030, 6, 1))
    ActionItemFactory(meeting=meeting, status=ActionItemStatus.OPEN, due_on=datetime.date(2030, 11, 1))  # overdue
    ActionItemFactory(meeting=meeting, status=ActionItemStatus.IN_PROGRESS, due_on=datetime.date(2031, 1, 31))
    ActionItemFactory(meeting=meeting, status=ActionItemStatus.DROPPED, due_on=datetime.date(2030, 4, 1))
    ActionItemFactory(meeting=meeting_in(2029, 3, MeetingStatus.HELD), status=ActionItemStatus.OPEN,
                      due_on=datetime.date(2029, 6, 1))
    assert stats.action_item_counts(2030, today=today) == {"opened": 4, "completed": 1, "open": 2, "overdue": 1}
    assert stats.action_item_counts(2030, today=datetime.date(2031, 2, 1))["overdue"] == 2


def test_the_functions_are_documented():
    for function in (stats.meeting_counts, stats.attendance_rates, stats.action_item_counts):
        assert function.__doc__ and len(function.__doc__) > 200
