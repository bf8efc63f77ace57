"""Telling the invitees when a meeting changes after its invitations went out.

The services that change a meeting (its details, its agenda) record a ``MeetingChange``
(what changed, old and new) in their transaction and queue ``send_meeting_change_emails``
on commit. The task e-mails every invitee once for all the changes still untold, in their
language, with the updated calendar event (same UID, higher SEQUENCE, ``METHOD:REQUEST``).
Several edits in a row (three agenda items added) thus become one e-mail when the worker
has not run in between; a short delay (``CHANGE_EMAIL_DELAY``) gives it the chance.
"""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from meetings import emails
from meetings.choices import MeetingCity, MeetingMode, MeetingStatus
from meetings.models import GuestInvitation, Invitation, Meeting, MeetingChange
from members.models import User
from rwg_portal.jobs import enqueue

# The details whose change the invitees are told of (the status has its own e-mail).
DETAIL_FIELDS = ("starts_at", "ends_at", "time_zone", "mode", "city", "venue", "video_link", "title")
# Meetings whose invitees are told: a held or cancelled meeting no longer changes in calendars.
TOLD_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.POSTPONED)
# Seconds the e-mail waits, so that a burst of edits is told in one message.
CHANGE_EMAIL_DELAY = 60


def change_recipients(meeting: Meeting) -> QuerySet[Invitation]:
    """The invitations whose invitee received the invitation (and so has the event in a calendar)."""
    if meeting.status not in TOLD_STATUSES:
        return meeting.invitations.none()
    return meeting.invitations.filter(person__is_active=True, email_sent_at__isnull=False)


def guest_change_recipients(meeting: Meeting) -> QuerySet[GuestInvitation]:
    """The guests who received their invitation (whatever they answered: the event is in their calendar)."""
    if meeting.status not in TOLD_STATUSES:
        return meeting.guest_invitations.none()
    return meeting.guest_invitations.filter(email_sent_at__isnull=False)


def _stored(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    return "" if value is None else str(value)


def detail_changes(before: dict, after: dict) -> list[dict]:
    """The details that differ, as stored in ``MeetingChange.changes``."""
    return [{"field": field, "old": _stored(before[field]), "new": _stored(after[field])}
            for field in DETAIL_FIELDS if field in before and before[field] != after[field]]


def meeting_change_record(*, meeting: Meeting, changes: list[dict], by: User | None,
                          bump_sequence: bool = False) -> MeetingChange | None:
    """Inside the changing service's transaction (the meeting locked): remember what changed and
    queue the e-mail, if anyone received the invitation. ``bump_sequence`` for changes that
    did not already raise the meeting's SEQUENCE (the agenda is in the calendar event's text)."""
    if not changes or not (change_recipients(meeting).exists() or guest_change_recipients(meeting).exists()):
        return None
    if bump_sequence:
        meeting.sequence += 1
        meeting._change_reason = "agenda changed"
        meeting.save(update_fields=["sequence"])
    change = MeetingChange(meeting=meeting, sequence=meeting.sequence, changes=changes, created_by=by)
    change.full_clean()
    change.save()
    enqueue("meetings.tasks.send_meeting_change_emails", meeting.pk, countdown=CHANGE_EMAIL_DELAY)
    return change


def _merged(pending: list[MeetingChange]) -> list[dict]:
    """The untold changes as one list: each detail from its first old value to its last new
    one (dropped if it came back), then the agenda's changes in order."""
    details: dict[str, dict] = {}
    agenda: list[dict] = []
    for change in pending:
        for entry in change.changes:
            if entry["field"] == "agenda":
                if entry not in agenda or entry.get("kind") != "moved":
                    agenda.append(entry)
            elif entry["field"] in details:
                details[entry["field"]]["new"] = entry["new"]
            else:
                details[entry["field"]] = dict(entry)
    kept = [entry for entry in details.values() if entry["old"] != entry["new"]]
    return kept + agenda


def _when(value: str):
    return datetime.datetime.fromisoformat(value) if value else None


def displayed_changes(changes: list[dict], meeting: Meeting) -> list[dict]:
    """The changes as the e-mail template shows them: times as datetimes (rendered in the
    venue's and the reader's zones), codes as labels (translated when rendered)."""
    by_field = {entry["field"]: entry for entry in changes}
    rows: list[dict] = []
    time_fields = {"starts_at", "ends_at", "time_zone"}
    if time_fields & by_field.keys():
        def value(field: str, side: str):
            entry = by_field.get(field)
            return entry[side] if entry else _stored(getattr(meeting, field))
        rows.append({"field": "when",
                     "old_start": _when(value("starts_at", "old")), "old_end": _when(value("ends_at", "old")),
                     "old_zone": value("time_zone", "old"),
                     "new_start": _when(value("starts_at", "new")), "new_end": _when(value("ends_at", "new")),
                     "new_zone": value("time_zone", "new")})
    labels = {"mode": MeetingMode, "city": MeetingCity}
    for entry in changes:
        field = entry["field"]
        if field in time_fields:
            continue
        if field in labels:
            choices = labels[field]
            old = choices(entry["old"]).label if entry["old"] in choices.values else entry["old"]
            new = choices(entry["new"]).label if entry["new"] in choices.values else entry["new"]
            rows.append({**entry, "old": old, "new": new})
        else:
            rows.append(entry)
    return rows


def meeting_changes_notify(*, meeting_id: int) -> int:
    """E-mail every invitee the changes not yet told (one message each); returns how many were told.

    A second run finds nothing untold and sends nothing. The pending rows are locked, so two
    workers never tell the same change twice.
    """
    with transaction.atomic():
        pending = list(MeetingChange.objects.select_for_update(skip_locked=True)
                       .filter(meeting_id=meeting_id, notified_at__isnull=True).order_by("created_at", "pk"))
        if not pending:
            return 0
        meeting = Meeting.objects.select_related("chair_agency").get(pk=meeting_id)
        merged = _merged(pending)
        recipients = list(change_recipients(meeting).select_related("person", "meeting")) if merged else []
        guests = list(guest_change_recipients(meeting)) if merged else []
        if recipients or guests:
            agenda = list(meeting.agenda_items.select_related("presenting_agency", "minutes_of").order_by("position"))
            rows = displayed_changes(merged, meeting)
            for invitation in recipients:
                invitation.meeting = meeting
                emails.send_meeting_changed(invitation, changes=rows, agenda=agenda)
            for guest in guests:
                guest.meeting = meeting
                emails.send_guest_meeting_changed(guest, changes=rows, agenda=agenda)
        told = len(recipients) + len(guests)
        MeetingChange.objects.filter(pk__in=[change.pk for change in pending]).update(
            notified_at=timezone.now(), recipients=told)
    return told
