"""The demo content: a realistic year of meetings, clearly labelled, loaded idempotently."""

import pytest

from meetings import demo, stats
from meetings.choices import MeetingStatus, MinutesStatus
from meetings.models import ActionItem, Decision, DocumentVersion, Meeting

pytestmark = pytest.mark.django_db


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
    counts = stats.meeting_counts(2026)
    assert counts["held"] == 3 and counts["postponed"] == 1 and counts["meets_minimum"]
    assert {m.mode for m in meetings} == {"in_person", "videoconference", "hybrid"}
    assert {m.status for m in meetings} == set(MeetingStatus.values) - {"cancelled"}
    assert {m.minutes_status for m in meetings} == set(MinutesStatus.values)
    assert len(stats.attendance_rates(2026)) == 9
    assert Meeting.objects.get(year=2026, number=1).agenda_items.filter(documents__isnull=False).exists()
