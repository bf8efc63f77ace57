"""Scheduling meetings: create, change, change status, clone to plan the next one."""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.choices import AgendaItemKind, MeetingStatus
from meetings.models import AgendaItem, Meeting
from meetings.services.agenda import agenda_prepare, agenda_refresh_minutes_approvals, minutes_approval_title
from meetings.services.changes import detail_changes, meeting_change_record
from members.models import Agency, User
from rwg_portal import translated
from rwg_portal.jobs import enqueue

# Fields of a meeting that the schedule and edit forms may change.
MEETING_FIELDS = ("kind", "title", "starts_at", "ends_at", "time_zone", "mode", "city", "venue", "video_link",
                  "chair_agency", "public_summary", "publish_summary", "publish_decisions")
# First key of the PostgreSQL advisory lock taken while a year's meetings are renumbered.
YEAR_LOCK = 1_904_190_001
# A change to one of these makes calendar programs replace their copy (iCalendar SEQUENCE).
CALENDAR_FIELDS = ("starts_at", "ends_at", "time_zone", "mode", "city", "venue", "video_link", "status", "title")


def _local_year(meeting: Meeting) -> int:
    return meeting.local_starts_at.year


def _lock_year(year: int) -> None:
    """One renumbering of a year at a time: two meetings scheduled at the same moment would
    otherwise both read the year before the other's row exists (PostgreSQL; SQLite writes
    one transaction at a time anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [YEAR_LOCK, year])


def _renumber_year(year: int) -> list[Meeting]:
    """Number the meetings of ``year`` 1, 2, 3… in the order of their start (then of scheduling).

    References are never stored, only derived from ``year`` and ``number`` (decisions
    "D3" and action items "A1" follow their meeting), so every page, e-mail and calendar
    file from now on quotes the new reference. The standing "approval of the minutes of …"
    items keep an English title with the reference: those are rewritten here. Meetings that
    move get a history row saying from which reference to which.
    """
    meetings = list(Meeting.objects.select_for_update().filter(year=year).order_by("starts_at", "created_at", "pk"))
    moved = [(meeting, position) for position, meeting in enumerate(meetings, start=1) if meeting.number != position]
    if not moved:
        return []
    # The unique (year, number) constraint is checked row by row: park the meetings that move
    # above every number in use, then give them their places.
    parking = max(meeting.number for meeting in meetings) + 1
    for offset, (meeting, _position) in enumerate(moved):
        Meeting.objects.filter(pk=meeting.pk).update(number=parking + offset)
    for meeting, position in moved:
        before = meeting.reference
        meeting.number = position
        meeting._change_reason = f"renumbered {before} -> {meeting.reference}"
        meeting.save(update_fields=["number"])
        AgendaItem.objects.filter(minutes_of=meeting, kind=AgendaItemKind.MINUTES_APPROVAL).update(
            title_en=minutes_approval_title(meeting))
    return [meeting for meeting, _position in moved]


def _save_in_date_order(meeting: Meeting, *, old_year: int | None = None) -> None:
    """Save the meeting in the year its start falls in, then renumber that year (and the year
    it left) so that numbers follow the dates."""
    year = _local_year(meeting)
    for locked in sorted({year, old_year} - {None}):
        _lock_year(locked)
    if meeting.pk is None or year != old_year:
        # Provisionally last; ``_renumber_year`` gives it its place.
        highest = Meeting.objects.filter(year=year).exclude(pk=meeting.pk).aggregate(n=Max("number"))["n"] or 0
        meeting.year, meeting.number = year, highest + 1
    meeting.save()
    _renumber_year(year)
    if old_year is not None and old_year != year:
        _renumber_year(old_year)
    meeting.refresh_from_db(fields=["year", "number"])


@transaction.atomic
def meeting_schedule(
    *, kind: str, starts_at: datetime.datetime, ends_at: datetime.datetime, time_zone: str, mode: str,
    city: str = "", venue: str = "", video_link: str = "", chair_agency: Agency | None = None, title: str = "",
    by: User | None, prepare_agenda: bool = True, public_summary: str = "", publish_summary: bool = False,
    publish_decisions: bool = False,
) -> Meeting:
    """Schedule a meeting and prepare its agenda (minutes to approve, action items to follow up)."""
    meeting = Meeting(kind=kind, title=title, starts_at=starts_at, ends_at=ends_at, time_zone=time_zone, mode=mode,
                      city=city, venue=venue, video_link=video_link, chair_agency=chair_agency, created_by=by,
                      public_summary=public_summary, publish_summary=publish_summary,
                      publish_decisions=publish_decisions)
    meeting.full_clean(exclude=["year", "number"])
    meeting._change_reason = "scheduled"
    _save_in_date_order(meeting)
    if prepare_agenda:
        agenda_prepare(meeting=meeting, by=by)
    agenda_refresh_minutes_approvals(after=meeting.starts_at, by=by, exclude=meeting)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, data: dict, by: User | None) -> Meeting:
    """Change a meeting's details. A meeting moved to another date takes its place among the
    year's numbers (and those of the meetings it passes change too). Once the invitations went
    out, a change of time, place, mode or subject is e-mailed to every invitee with the
    updated calendar event."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    old_start = meeting.starts_at
    before = {field: getattr(meeting, field) for field in CALENDAR_FIELDS}
    old_year = meeting.year
    for field in MEETING_FIELDS:
        if field in data:
            setattr(meeting, field, data[field])
    meeting.full_clean(exclude=["year", "number"])
    if any(getattr(meeting, field) != value for field, value in before.items()):
        meeting.sequence += 1
    meeting._change_reason = "details changed"
    _save_in_date_order(meeting, old_year=old_year)
    if meeting.starts_at != old_start:
        agenda_refresh_minutes_approvals(after=min(old_start, meeting.starts_at), by=by)
    meeting_change_record(meeting=meeting, by=by,
                          changes=detail_changes(before, {field: getattr(meeting, field) for field in before}))
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
    if MeetingStatus.HELD in (previous, status):
        # "The last meeting held before this one" changed for the meetings that follow.
        agenda_refresh_minutes_approvals(after=meeting.starts_at, by=by)
    if notify and status in (MeetingStatus.POSTPONED, MeetingStatus.CANCELLED, MeetingStatus.PLANNED):
        ids = list(meeting.invitations.values_list("pk", flat=True))
        for invitation_id in ids:
            enqueue("meetings.tasks.send_status_change_email", invitation_id)
        for guest_id in meeting.guest_invitations.filter(email_sent_at__isnull=False).values_list("pk", flat=True):
            enqueue("meetings.tasks.send_guest_status_change_email", guest_id)
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
        copy = AgendaItem(meeting=meeting, position=position, kind=item.kind, language=item.language,
                          **{column: getattr(item, column) for column in translated.columns("title")},
                          description=item.description, presenting_agency_id=item.presenting_agency_id,
                          duration_minutes=item.duration_minutes)
        copy.full_clean()
        copy.save()
    return meeting


def meeting_local_date(meeting: Meeting) -> datetime.date:
    """The meeting's date where it takes place (used e.g. as the date of its decisions)."""
    return timezone.localtime(meeting.starts_at, meeting.zone).date()
