"""Reminders are sent once: a second run of the task sends nothing."""

import datetime

import pytest
from django.utils import timezone

from meetings import tasks
from meetings.choices import ActionItemStatus, InvitationResponse
from meetings.models import Reminder
from meetings.services.actions import action_item_create
from meetings.services.invitations import invitation_respond, invitations_create
from meetings.services.reminders import send_action_item_reminders, send_meeting_reminders
from tests.meetings.helpers import held, schedule

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def invite_focal_point(people, starts_in: datetime.timedelta):
    meeting = schedule(people.secretariat, starts_at=timezone.now() + starts_in)
    (invitation,) = invitations_create(meeting=meeting, include_members=False, people=[people.focal_point],
                                       by=people.secretariat)
    return meeting, invitation


def test_a_meeting_reminder_task_run_twice_sends_one_email(people, mailoutbox):
    meeting, _invitation = invite_focal_point(people, datetime.timedelta(days=5))
    tasks.send_meeting_reminders.apply()
    tasks.send_meeting_reminders.apply()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [people.focal_point.email]
    assert meeting.reference in mailoutbox[0].subject
    assert "not answered" in mailoutbox[0].body
    assert Reminder.objects.count() == 1


def test_the_day_before_comes_after_the_week_before(people, mailoutbox):
    meeting, _invitation = invite_focal_point(people, datetime.timedelta(days=6))
    assert send_meeting_reminders() == 1
    later = meeting.starts_at - datetime.timedelta(hours=20)
    assert send_meeting_reminders(now=later) == 1
    assert send_meeting_reminders(now=later) == 0
    assert "within a day" in mailoutbox[1].body


def test_no_reminder_far_ahead_or_for_those_who_cannot_attend(people, mailoutbox):
    invite_focal_point(people, datetime.timedelta(days=30))
    _meeting, invitation = invite_focal_point(people, datetime.timedelta(days=2))
    invitation_respond(invitation=invitation, response=InvitationResponse.CANNOT_ATTEND, by=people.focal_point)
    assert send_meeting_reminders() == 0
    assert mailoutbox == []


def test_a_rescheduled_meeting_is_reminded_of_again(people, mailoutbox):
    from meetings.services.meetings import meeting_update

    meeting, _invitation = invite_focal_point(people, datetime.timedelta(days=5))
    send_meeting_reminders()
    meeting_update(meeting=meeting, data={"starts_at": meeting.starts_at + datetime.timedelta(days=1),
                                          "ends_at": meeting.ends_at + datetime.timedelta(days=1)},
                   by=people.secretariat)
    assert send_meeting_reminders() == 1


def test_action_item_reminders_due_soon_then_overdue_each_once(people, mailoutbox):
    meeting = held(people.secretariat)
    today = timezone.localdate()
    item = action_item_create(meeting=meeting, title="Send the data", owner_agency=people.owning,
                              assignee=people.focal_point, due_on=today + datetime.timedelta(days=2),
                              by=people.secretariat)
    action_item_create(meeting=meeting, title="Later", owner_agency=people.owning, assignee=people.focal_point,
                       due_on=today + datetime.timedelta(days=20), by=people.secretariat)
    tasks.send_action_item_reminders.apply()
    tasks.send_action_item_reminders.apply()
    assert len(mailoutbox) == 1
    assert "is due on" in mailoutbox[0].subject and item.reference in mailoutbox[0].subject
    assert send_action_item_reminders(today=item.due_on + datetime.timedelta(days=1)) == 1
    assert send_action_item_reminders(today=item.due_on + datetime.timedelta(days=2)) == 0
    assert "overdue" in mailoutbox[1].subject


def test_without_an_assignee_the_agency_focal_point_and_alternate_are_reminded(people, mailoutbox):
    meeting = held(people.secretariat)
    action_item_create(meeting=meeting, title="Send", owner_agency=people.owning,
                       due_on=timezone.localdate() - datetime.timedelta(days=1), by=people.secretariat)
    assert send_action_item_reminders() == 2
    assert {m.to[0] for m in mailoutbox} == {people.focal_point.email, people.alternate.email}


def test_done_items_are_not_reminded_of(people, mailoutbox):
    meeting = held(people.secretariat)
    item = action_item_create(meeting=meeting, title="Send", owner_agency=people.owning, assignee=people.focal_point,
                              due_on=timezone.localdate(), by=people.secretariat)
    item.status, item.completed_on = ActionItemStatus.DONE, timezone.localdate()
    item.save()
    assert send_action_item_reminders() == 0


def test_a_failed_send_is_tried_again_next_time(people, mailoutbox, monkeypatch):
    from meetings import emails

    invite_focal_point(people, datetime.timedelta(days=3))

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr(emails, "send_meeting_reminder", broken)
    assert send_meeting_reminders() == 0
    assert not Reminder.objects.exists()
    monkeypatch.undo()
    assert send_meeting_reminders() == 1


def test_an_item_due_yesterday_in_beirut_is_overdue_while_utc_is_still_on_that_day(people, mailoutbox, time_machine):
    """Beat runs in UTC; the reminder must follow the Group's day (Beirut), as the pages do."""
    time_machine.move_to(datetime.datetime(2027, 6, 30, 21, 30, tzinfo=datetime.UTC), tick=False)  # 1 July in Beirut
    meeting = held(people.secretariat)
    action_item_create(meeting=meeting, title="Send the data", owner_agency=people.owning,
                       assignee=people.focal_point, due_on=datetime.date(2027, 6, 30), by=people.secretariat)
    assert send_action_item_reminders() == 1
    assert "overdue" in mailoutbox[0].subject
