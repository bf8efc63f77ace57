"""Reminders sent by Celery beat. Each one is recorded as a ``Reminder`` row with a unique
key before it is sent, in the same transaction: a second run (or a second worker) finds
the row and sends nothing, and a failed send leaves no row, so the next run tries again."""

import datetime
import logging
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from meetings import emails
from meetings.choices import OPEN_ACTION_STATUSES, InvitationResponse, MeetingStatus, ReminderKind
from meetings.models import ActionItem, Invitation, Reminder
from members.models import Designation, User

logger = logging.getLogger(__name__)

# Invitees are reminded a week and a day before a meeting; assignees three days before an
# action item is due, and once when it becomes overdue.
MEETING_REMINDERS = (("week", datetime.timedelta(days=7)), ("day", datetime.timedelta(days=1)))
ACTION_DUE_SOON = datetime.timedelta(days=3)


def _send_once(*, key: str, kind: str, recipient: User, send: Callable[[], None], meeting=None,
               action_item=None) -> bool:
    """Record the reminder and send it, or do nothing if it was already recorded."""
    try:
        with transaction.atomic():
            Reminder.objects.create(key=key, kind=kind, recipient=recipient, meeting=meeting, action_item=action_item)
            send()
    except IntegrityError:
        return False  # already sent (by an earlier run, or by another worker right now)
    except Exception:
        # The row was rolled back with the failed send: the next run tries again. One bad
        # address must not stop the other reminders.
        logger.exception("reminder %s could not be sent", key)
        return False
    return True


def _meeting_stage(starts_at: datetime.datetime, now: datetime.datetime) -> str | None:
    """The latest reminder stage the meeting has reached, or None if it is too far off."""
    left = starts_at - now
    stage = None
    for name, before in MEETING_REMINDERS:
        if left <= before:
            stage = name
    return stage


def send_meeting_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind the invitees of planned meetings coming up (except those who cannot attend)."""
    now = now or timezone.now()
    horizon = now + max(before for _name, before in MEETING_REMINDERS)
    invitations = (
        Invitation.objects.filter(meeting__status=MeetingStatus.PLANNED, meeting__starts_at__gt=now,
                                  meeting__starts_at__lte=horizon, person__is_active=True)
        .exclude(response=InvitationResponse.CANNOT_ATTEND)
        .select_related("meeting", "person")
    )
    sent = 0
    for invitation in invitations:
        meeting = invitation.meeting
        stage = _meeting_stage(meeting.starts_at, now)
        if stage is None:
            continue
        # The start is part of the key: a meeting moved to another date is reminded of again.
        key = f"meeting:{invitation.pk}:{stage}:{meeting.starts_at:%Y%m%dT%H%MZ}"
        if _send_once(key=key, kind=ReminderKind.MEETING, recipient=invitation.person, meeting=meeting,
                      send=lambda inv=invitation, st=stage: emails.send_meeting_reminder(inv, stage=st)):
            sent += 1
    return sent


def _action_recipients(item: ActionItem) -> list[User]:
    """The assignee; without one, the owner agency's current focal point and alternate."""
    if item.assignee_id and item.assignee.is_active:
        return [item.assignee]
    return [d.person for d in Designation.objects.current().filter(agency_id=item.owner_agency_id,
                                                                   person__is_active=True).select_related("person")]


def group_today() -> datetime.date:
    """Today where the Group works (RWG_DEFAULT_TIME_ZONE, Beirut), as its pages show it.

    Beat runs these tasks outside any request, where the active zone is UTC: from 21:00 UTC (22:00
    in winter) that is still the day before in Beirut, and an item due that day would be called
    "due" in an e-mail read when it is already overdue.
    """
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(settings.RWG_DEFAULT_TIME_ZONE))


def send_action_item_reminders(*, today: datetime.date | None = None) -> int:
    """Remind of open action items due within three days, and once of those overdue (the Group's day)."""
    today = today or group_today()
    items = (
        ActionItem.objects.filter(status__in=OPEN_ACTION_STATUSES, due_on__lte=today + ACTION_DUE_SOON)
        .select_related("meeting", "assignee", "owner_agency")
    )
    sent = 0
    for item in items:
        overdue = item.due_on < today
        kind = ReminderKind.ACTION_OVERDUE if overdue else ReminderKind.ACTION_DUE
        for person in _action_recipients(item):
            # The due date is part of the key: a new due date gets its own reminders.
            key = f"{kind}:{item.pk}:{person.pk}:{item.due_on:%Y%m%d}"
            send = (lambda it=item, p=person: emails.send_action_item_overdue(it, p)) if overdue else (
                lambda it=item, p=person: emails.send_action_item_due(it, p))
            if _send_once(key=key, kind=kind, recipient=person, action_item=item, send=send):
                sent += 1
    return sent
