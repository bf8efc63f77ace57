"""Meeting numbers follow the dates within a year, and the standing first agenda item follows
the meetings held (issue 19)."""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.choices import AgendaItemKind, MeetingKind, MeetingStatus
from meetings.models import AgendaItem, Meeting
from meetings.services.actions import action_item_create
from meetings.services.agenda import agenda_item_add
from meetings.services.decisions import decision_record
from meetings.services.meetings import meeting_set_status, meeting_update
from tests.meetings.helpers import BEIRUT, held, schedule

pytestmark = pytest.mark.django_db
PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BEIRUT)


def numbers_in_date_order(year: int) -> list[int]:
    return list(Meeting.objects.filter(year=year).order_by("starts_at", "pk").values_list("number", flat=True))


days_of_2031 = st.dates(min_value=datetime.date(2031, 1, 1), max_value=datetime.date(2031, 12, 31))


@pytest.mark.dates
@PROPERTY
@given(days=st.lists(days_of_2031, min_size=1, max_size=7, unique=True), data=st.data())
def test_any_order_of_scheduling_gives_numbers_in_date_order(people, days, data):
    moved_to = data.draw(days_of_2031.filter(lambda day: day not in days), label="moved to")
    with transaction.atomic():
        meetings = [schedule(people.secretariat, starts_at=at(day)) for day in days]
        assert numbers_in_date_order(2031) == list(range(1, len(days) + 1))
        # Moving one of them to another date gives it its place among the numbers.
        meeting_update(meeting=data.draw(st.sampled_from(meetings), label="moved"),
                       data={"starts_at": at(moved_to), "ends_at": at(moved_to, 13)}, by=people.secretariat)
        assert numbers_in_date_order(2031) == list(range(1, len(days) + 1))
        transaction.set_rollback(True)


@pytest.mark.dates
def test_a_meeting_scheduled_later_for_an_earlier_date_takes_the_earlier_number(people):
    june = schedule(people.secretariat, starts_at=at(datetime.date(2031, 6, 2)))
    march = schedule(people.secretariat, starts_at=at(datetime.date(2031, 3, 3)))
    june.refresh_from_db()
    assert (march.reference, june.reference) == ("RWG 2031/1", "RWG 2031/2")
    assert june.history.first().history_change_reason == "renumbered RWG 2031/1 -> RWG 2031/2"


@pytest.mark.dates
def test_renumbering_keeps_the_references_of_decisions_action_items_and_minutes_consistent(people):
    by = people.secretariat
    later = held(by, days_ago=3)
    item = agenda_item_add(meeting=later, data={"title": "Workplan"}, by=by)
    decision = decision_record(meeting=later, text="Adopted", agenda_item=item, by=by)
    action = action_item_create(meeting=later, title="Circulate", owner_agency=people.owning,
                                due_on=datetime.date(2040, 1, 1), decision=decision, by=by)
    following = schedule(by)
    approval = following.agenda_items.get(kind=AgendaItemKind.MINUTES_APPROVAL)
    assert approval.minutes_of == later
    # A meeting of the same year recorded afterwards for an earlier day: it takes the earlier number.
    earlier_day = later.local_starts_at.date() - datetime.timedelta(days=1)
    if earlier_day.year != later.year:
        earlier_day = later.local_starts_at.date()  # 1 January: an earlier hour of the same day
    earlier = schedule(by, starts_at=at(earlier_day, 7), hours=1)
    later.refresh_from_db()
    assert earlier.number < later.number
    decision.refresh_from_db()
    action.refresh_from_db()
    approval.refresh_from_db()
    assert decision.reference == f"{later.reference} D1"
    assert action.reference == f"{later.reference} A1"
    assert approval.title == f"Approval of the minutes of {later.reference}"
    assert approval.display_title == f"Approval of the minutes of {later.reference}"


@pytest.mark.dates
def test_the_standing_item_names_the_last_meeting_held_and_follows_changes(people):
    by = people.secretariat
    first = held(by, days_ago=20)
    upcoming = schedule(by)
    items = list(upcoming.agenda_items.order_by("position"))
    assert items[0].kind == AgendaItemKind.MINUTES_APPROVAL and items[0].minutes_of == first
    agenda_item_add(meeting=upcoming, data={"title": "Workplan"}, by=by)

    # A meeting held in between (recorded later): the item now names it, and stays first.
    between = held(by, days_ago=5)
    approval = upcoming.agenda_items.get(kind=AgendaItemKind.MINUTES_APPROVAL)
    assert approval.minutes_of == between and approval.position == 1
    assert approval.display_title == f"Approval of the minutes of {between.reference}"

    # Moved after the upcoming meeting, it no longer comes before it.
    start = upcoming.starts_at + datetime.timedelta(days=1)
    meeting_update(meeting=between, data={"starts_at": start, "ends_at": start + datetime.timedelta(hours=2)}, by=by)
    approval.refresh_from_db()
    assert approval.minutes_of == first

    # Recorded as cancelled after all: no meeting was held before, and the item goes.
    meeting_set_status(meeting=first, status=MeetingStatus.CANCELLED, note="No quorum", by=by)
    assert [(item.position, item.title) for item in upcoming.agenda_items.order_by("position")] == [(1, "Workplan")]


@pytest.mark.dates
def test_an_agenda_without_a_previous_meeting_gets_the_item_first_once_one_is_held(people):
    by = people.secretariat
    earlier = schedule(by, starts_at=at(datetime.date.today() + datetime.timedelta(days=-2)))
    upcoming = schedule(by)
    agenda_item_add(meeting=upcoming, data={"title": "Workplan"}, by=by)
    assert not upcoming.agenda_items.filter(kind=AgendaItemKind.MINUTES_APPROVAL).exists()
    meeting_set_status(meeting=earlier, status=MeetingStatus.HELD, by=by)
    first = upcoming.agenda_items.order_by("position").first()
    assert first.kind == AgendaItemKind.MINUTES_APPROVAL and first.minutes_of == earlier
    # Extraordinary meetings have no such item.
    extraordinary = schedule(by, kind=MeetingKind.EXTRAORDINARY)
    assert not AgendaItem.objects.filter(meeting=extraordinary, kind=AgendaItemKind.MINUTES_APPROVAL).exists()
