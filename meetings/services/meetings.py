"""Scheduling meetings: create, change, change status, clone to plan the next one."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import tasks
from meetings.choices import AgendaItemKind, MeetingStatus
from meetings.models import AgendaItem, Meeting
from meetings.services.agenda import agenda_prepare
from members.models import Agency, User

# Fields of a meeting that the schedule and edit forms may change.
MEETING_FIELDS = ("kind", "title", "starts_at", "ends_at", "time_zone", "mode", "city", "venue", "video_link",
                  "chair_agency")
# A change to one of these makes calendar programs replace their copy (iCalendar SEQUENCE).
CALENDAR_FIELDS = ("starts_at", "ends_at", "time_zone", "mode", "city", "venue", "video_link", "status", "title")


def _local_year(meeting: Meeting) -> int:
    return meeting.local_starts_at.year


def _assign_reference(meeting: Meeting) -> None:
    """Give the meeting the next number of the year its start falls in (venue time)."""
    year = _local_year(meeting)
    highest = Meeting.objects.filter(year=year).exclude(pk=meeting.pk).aggregate(n=Max("number"))["n"] or 0
    meeting.year, meeting.number = year, highest + 1


def _save_with_reference(meeting: Meeting, *, renumber: bool) -> None:
    """Save; two meetings scheduled at the same moment may race for a number, so retry."""
    for attempt in range(5):
        if renumber:
            _assign_reference(meeting)
        try:
            with transaction.atomic():
                meeting.save()
            return
        except IntegrityError:
            if not renumber or attempt == 4:
                raise


@transaction.atomic
def meeting_schedule(
    *, kind: str, starts_at: datetime.datetime, ends_at: datetime.datetime, time_zone: str, mode: str,
    city: str = "", venue: str = "", video_link: str = "", chair_agency: Agency | None = None, title: str = "",
    by: User | None, prepare_agenda: bool = True,
) -> Meeting:
    """Schedule a meeting and prepare its agenda (minutes to approve, action items to follow up)."""
    meeting = Meeting(kind=kind, title=title, starts_at=starts_at, ends_at=ends_at, time_zone=time_zone, mode=mode,
                      city=city, venue=venue, video_link=video_link, chair_agency=chair_agency, created_by=by)
    meeting.full_clean(exclude=["year", "number"])
    meeting._change_reason = "scheduled"
    _save_with_reference(meeting, renumber=True)
    if prepare_agenda:
        agenda_prepare(meeting=meeting, by=by)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, data: dict, by: User | None) -> Meeting:
    """Change a meeting's details. Its reference changes only if it moves to another year."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    before = {field: getattr(meeting, field) for field in CALENDAR_FIELDS}
    old_year = meeting.year
    for field in MEETING_FIELDS:
        if field in data:
            setattr(meeting, field, data[field])
    meeting.full_clean(exclude=["year", "number"])
    if any(getattr(meeting, field) != value for field, value in before.items()):
        meeting.sequence += 1
    meeting._change_reason = "details changed"
    _save_with_reference(meeting, renumber=_local_year(meeting) != old_year)
    return meeting


@transaction.atomic
def meeting_set_status(*, meeting: Meeting, status: str, note: str = "", by: User | None,
                       notify: bool = True) -> Meeting:
    """Mark a meeting held, postponed, cancelled or planned again; tell the invitees of a change of plan."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if status == meeting.status:
        return meeting
    if status == MeetingStatus.HELD and not meeting.has_started:
        raise ValidationError({"status": _("A meeting can be marked as held only once it has started.")})
    previous = meeting.status
    meeting.status = status
    meeting.status_note = note if status in (MeetingStatus.POSTPONED, MeetingStatus.CANCELLED) else ""
    meeting.sequence += 1
    meeting.full_clean(exclude=["year", "number"])
    meeting._change_reason = f"status {previous} -> {status}"
    meeting.save()
    if notify and status in (MeetingStatus.POSTPONED, MeetingStatus.CANCELLED, MeetingStatus.PLANNED):
        ids = list(meeting.invitations.values_list("pk", flat=True))
        for invitation_id in ids:
            transaction.on_commit(lambda pk=invitation_id: tasks.send_status_change_email.delay(pk))
    return meeting


@transaction.atomic
def meeting_clone(*, source: Meeting, starts_at: datetime.datetime, ends_at: datetime.datetime,
                  by: User | None) -> Meeting:
    """Plan the next meeting from this one: same kind, mode, venue and chair, same agenda items
    (not their papers); the minutes to approve and the open action items are taken afresh."""
    meeting = meeting_schedule(
        kind=source.kind, starts_at=starts_at, ends_at=ends_at, time_zone=source.time_zone, mode=source.mode,
        city=source.city, venue=source.venue, video_link=source.video_link, chair_agency=source.chair_agency,
        title=source.title, by=by,
    )
    meeting.cloned_from = source
    meeting.save(update_fields=["cloned_from"])
    position = meeting.agenda_items.count()
    for item in source.agenda_items.filter(kind=AgendaItemKind.ITEM).order_by("position", "pk"):
        position += 1
        copy = AgendaItem(meeting=meeting, position=position, kind=item.kind, title=item.title,
                          description=item.description, presenting_agency_id=item.presenting_agency_id,
                          duration_minutes=item.duration_minutes)
        copy.full_clean()
        copy.save()
    return meeting


def meeting_local_date(meeting: Meeting) -> datetime.date:
    """The meeting's date where it takes place (used e.g. as the date of its decisions)."""
    return timezone.localtime(meeting.starts_at, meeting.zone).date()
