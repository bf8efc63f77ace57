"""The demo content: a realistic year of meetings, clearly labelled, loaded idempotently, the same on any day."""

import datetime

import pytest
from django.utils import timezone

from meetings import demo, stats
from meetings.choices import OPEN_ACTION_STATUSES, ActionItemStatus, MeetingStatus, MinutesStatus
from meetings.models import ActionItem, Decision, DocumentVersion, Meeting
from rwg_portal.demo import story_year, today

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def demo_people(db):
    from members import demo as members_demo
    from members.services import seed_reference_data

    seed_reference_data()
    members_demo.load()


def test_the_demo_year_is_realistic_labelled_and_loaded_once(demo_people):
    demo.load()
    demo.load()
    meetings = list(Meeting.objects.order_by("starts_at"))
    assert len(meetings) == 9
    assert all(m.title.endswith("(demo)") for m in meetings)
    assert all(d.text.startswith("Demo content") for d in Decision.objects.all())
    assert all(a.title.endswith("(demo)") for a in ActionItem.objects.all())
    assert all(v.document.title.endswith("(demo)") for v in DocumentVersion.objects.select_related("document"))
    year = story_year()
    counts = stats.meeting_counts(year)
    assert counts["held"] == 3 and counts["postponed"] == 1 and counts["meets_minimum"]
    assert {m.mode for m in meetings} == {"in_person", "videoconference", "hybrid"}
    assert {m.status for m in meetings} == set(MeetingStatus.values) - {"cancelled"}
    assert {m.minutes_status for m in meetings} == set(MinutesStatus.values)
    assert len(stats.attendance_rates(year)) == 9
    assert Meeting.objects.get(year=year, number=1).agenda_items.filter(documents__isnull=False).exists()
    assert Meeting.objects.get(year=year, number=1).title.startswith(f"Workplan {year} ")

    # The same story whatever the day: held meetings are past, planned ones ahead, the same items late.
    now = timezone.now()
    held = Meeting.objects.filter(status=MeetingStatus.HELD)
    planned = Meeting.objects.filter(status=MeetingStatus.PLANNED)
    assert held.count() == 6 and planned.count() == 2
    assert all(m.ends_at < now for m in held), [(m.reference, m.starts_at) for m in held if m.ends_at >= now]
    assert all(m.starts_at > now + datetime.timedelta(days=7) for m in planned), [m.starts_at for m in planned]
    assert all(m.local_starts_at.weekday() < 4 for m in Meeting.objects.all())  # Monday to Thursday
    # Three meetings held in the story year (two regular, one extraordinary) and three the year before.
    assert sorted(held.values_list("year", flat=True)) == [year - 1] * 3 + [year] * 3
    fifth, first_next = planned.order_by("starts_at")
    assert fifth.year in (year, year + 1) and first_next.year == year + 1
    assert first_next.starts_at - fifth.starts_at > datetime.timedelta(weeks=7)
    open_items = ActionItem.objects.filter(status__in=OPEN_ACTION_STATUSES)
    assert sorted(item.is_overdue for item in open_items) == [False, True, True]
    done = ActionItem.objects.filter(status=ActionItemStatus.DONE)
    assert all(item.completed_on <= today() for item in done)
    for meeting in Meeting.objects.all():
        for item in meeting.action_items.all():
            assert item.due_on > meeting.local_starts_at.date(), (meeting.reference, item.title, item.due_on)


def test_the_demo_rcm_sessions_are_labelled_with_follow_up_and_loaded_once(demo_people):
    from meetings.models import RcmFollowUp, RcmSession

    demo.load()
    demo.load()
    sessions = list(RcmSession.objects.order_by("held_on"))
    assert len(sessions) == 2 and all(s.is_demo and s.title.endswith("(demo)") for s in sessions)
    assert all(s.presented_decisions.exists() and s.feedback.startswith("*Demo content.*") for s in sessions)
    assert all(s.held_on.year == story_year() and s.held_on < today() for s in sessions)
    assert {f.status for f in RcmFollowUp.objects.all()} == {"open", "in_progress", "done"}
    assert all(f.title.endswith("(demo)") for f in RcmFollowUp.objects.all())
    assert len(stats.rcm_sessions(story_year())) == 2
