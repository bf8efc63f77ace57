"""Scheduling, changing, cancelling and cloning meetings."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings.choices import AgendaItemKind, MeetingMode, MeetingStatus
from meetings.models import Meeting
from meetings.services.agenda import agenda_item_add
from meetings.services.meetings import meeting_clone, meeting_set_status, meeting_update
from tests.meetings.helpers import BEIRUT, held, schedule

pytestmark = pytest.mark.django_db


def at(y, m, d, h=10):
    return datetime.datetime(y, m, d, h, tzinfo=BEIRUT)


@pytest.mark.dates
def test_references_number_the_meetings_of_each_year(people):
    first = schedule(people.secretariat, starts_at=at(2031, 2, 1))
    second = schedule(people.secretariat, starts_at=at(2031, 6, 1))
    other_year = schedule(people.secretariat, starts_at=at(2032, 1, 5))
    assert (first.reference, second.reference, other_year.reference) == ("RWG 2031/1", "RWG 2031/2", "RWG 2032/1")
    assert first.history.first().history_user_id is None or first.created_by == people.secretariat


@pytest.mark.dates
def test_the_year_is_the_year_at_the_venue():
    # 31 December 23:30 in Beirut is still 2030 there although 21:30 UTC; 1 January 00:30 is 2031.
    from members.models import User

    by = User.objects.create_user("s@example.org")
    assert schedule(by, starts_at=at(2030, 12, 31, 23), hours=1).year == 2030
    assert schedule(by, starts_at=datetime.datetime(2031, 1, 1, 0, 30, tzinfo=BEIRUT), hours=1).year == 2031


def test_the_time_zone_follows_the_city(people):
    meeting = schedule(people.secretariat, city="cairo", time_zone="Asia/Beirut")
    assert meeting.time_zone == "Africa/Cairo"


def test_in_person_needs_a_city_and_videoconference_a_secure_link(people):
    with pytest.raises(ValidationError) as error:
        schedule(people.secretariat, city="")
    assert "city" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        schedule(people.secretariat, mode=MeetingMode.VIDEOCONFERENCE, city="", video_link="http://insecure.example")
    assert "video_link" in error.value.message_dict
    meeting = schedule(people.secretariat, mode=MeetingMode.VIDEOCONFERENCE, city="beirut",
                       video_link="https://meet.example.org/x", time_zone="Europe/Zurich")
    assert meeting.city == "" and meeting.time_zone == "Europe/Zurich"
    assert Meeting.objects.count() == 1


def test_a_meeting_must_end_after_it_starts(people):
    with pytest.raises(ValidationError):
        schedule(people.secretariat, hours=0)


@pytest.mark.dates
def test_moving_a_meeting_to_another_year_gives_it_a_new_reference(people):
    schedule(people.secretariat, starts_at=at(2031, 2, 1))
    meeting = schedule(people.secretariat, starts_at=at(2031, 12, 10))
    february = schedule(people.secretariat, starts_at=at(2032, 2, 1))
    meeting = meeting_update(meeting=meeting, data={"starts_at": at(2032, 1, 14), "ends_at": at(2032, 1, 14, 13)},
                             by=people.secretariat)
    # January comes before February: the moved meeting takes number 1 and February's becomes 2.
    february.refresh_from_db()
    assert (meeting.reference, february.reference) == ("RWG 2032/1", "RWG 2032/2")
    same_year = meeting_update(meeting=meeting, data={"starts_at": at(2032, 1, 15), "ends_at": at(2032, 1, 15, 13)},
                               by=people.secretariat)
    assert same_year.reference == "RWG 2032/1"
    assert same_year.sequence == 2


@pytest.mark.dates
def test_only_a_meeting_that_started_can_be_held(people):
    meeting = schedule(people.secretariat)
    with pytest.raises(ValidationError):
        meeting_set_status(meeting=meeting, status=MeetingStatus.HELD, by=people.secretariat)
    assert held(people.secretariat).status == MeetingStatus.HELD


def test_postponing_needs_a_reason_and_tells_the_invitees(people, django_capture_on_commit_callbacks, mailoutbox,
                                                          eager_celery):
    from meetings.services.invitations import invitations_create

    meeting = schedule(people.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create(meeting=meeting, include_members=True, by=people.secretariat)
    mailoutbox.clear()
    with pytest.raises(ValidationError):
        meeting_set_status(meeting=meeting, status=MeetingStatus.POSTPONED, note="", by=people.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_set_status(meeting=meeting, status=MeetingStatus.POSTPONED, note="Room unavailable",
                           by=people.secretariat)
    assert len(mailoutbox) == 3  # focal point and alternate of OWN, focal point of OTH
    assert all("postponed" in message.subject.lower() for message in mailoutbox)
    assert "Room unavailable" in mailoutbox[0].body
    assert mailoutbox[0].attachments[0][0].endswith(".ics")


def test_a_regular_meeting_opens_with_the_previous_minutes_and_open_action_items(people):
    from meetings.services.actions import action_item_create

    previous = held(people.secretariat, days_ago=60)
    open_item = action_item_create(meeting=previous, title="Draft the report", owner_agency=people.owning,
                                   due_on=datetime.date(2031, 1, 1), by=people.secretariat)
    done_item = action_item_create(meeting=previous, title="Send the list", owner_agency=people.owning,
                                   due_on=datetime.date(2031, 1, 1), by=people.secretariat)
    done_item.status = "done"
    done_item.completed_on = datetime.date.today()
    done_item.save()
    meeting = schedule(people.secretariat)
    approval, follow_up = meeting.agenda_items.order_by("position")
    assert approval.kind == AgendaItemKind.MINUTES_APPROVAL
    assert approval.minutes_of == previous
    assert approval.display_title == f"Approval of the minutes of {previous.reference}"
    assert follow_up.kind == AgendaItemKind.ACTION_FOLLOW_UP
    assert list(follow_up.follow_up_items.all()) == [open_item]


def test_an_extraordinary_meeting_does_not_approve_minutes(people):
    held(people.secretariat, days_ago=60)
    meeting = schedule(people.secretariat, kind="extraordinary")
    assert not meeting.agenda_items.filter(kind=AgendaItemKind.MINUTES_APPROVAL).exists()


@pytest.mark.dates
def test_cloning_plans_the_next_meeting_with_the_same_items(people):
    source = held(people.secretariat, days_ago=30, chair_agency=people.owning, title="Spring")
    agenda_item_add(meeting=source, data={"title": "Situation report", "duration_minutes": 40,
                                          "presenting_agency": people.other}, by=people.secretariat)
    starts = at(2031, 9, 9)
    clone = meeting_clone(source=source, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                          by=people.secretariat)
    assert clone.cloned_from == source
    assert clone.status == MeetingStatus.PLANNED
    assert (clone.chair_agency, clone.city, clone.title) == (people.owning, "beirut", "Spring")
    items = list(clone.agenda_items.order_by("position"))
    assert items[0].kind == AgendaItemKind.MINUTES_APPROVAL and items[0].minutes_of == source
    assert (items[-1].title, items[-1].duration_minutes, items[-1].presenting_agency) == (
        "Situation report", 40, people.other)


def test_every_change_is_in_the_history(people):
    meeting = schedule(people.secretariat)
    meeting_update(meeting=meeting, data={"venue": "ESCWA building"}, by=people.secretariat)
    assert meeting.history.count() == 2
    assert meeting.history.first().venue == "ESCWA building"
