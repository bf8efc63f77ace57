"""Minutes: drafted per agenda item, shared with members for comments, then approved."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.choices import MeetingStatus, MinutesStatus
from meetings.models import AgendaItem, Meeting, MinutesComment, MinutesSection
from members.models import User
from rwg_portal.jobs import enqueue


def _ensure_editable(meeting: Meeting) -> None:
    if meeting.minutes_locked:
        raise ValidationError(_("The minutes of this meeting are approved; they can no longer change."))


@transaction.atomic
def minutes_section_save(*, agenda_item: AgendaItem, text: str, by: User | None) -> MinutesSection:
    """Save the minutes of one agenda item; each save is a revision in its history."""
    meeting = Meeting.objects.select_for_update().get(pk=agenda_item.meeting_id)
    _ensure_editable(meeting)
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        raise ValidationError(_("A meeting that did not take place has no minutes."))
    section, _created = MinutesSection.objects.select_for_update().get_or_create(agenda_item=agenda_item)
    if section.text == text and not _created:
        return section
    section.text = text
    section.updated_by = by
    section.updated_at = timezone.now()
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def minutes_share(*, meeting: Meeting, by: User | None) -> Meeting:
    """Share the draft minutes with the members for comments, and tell them by e-mail."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _ensure_editable(meeting)
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Minutes are shared after the meeting has been held."))
    if not MinutesSection.objects.filter(agenda_item__meeting=meeting).exclude(text="").exists():
        raise ValidationError(_("Write the minutes of at least one agenda item before sharing them."))
    first_time = meeting.minutes_status == MinutesStatus.DRAFT
    meeting.minutes_status = MinutesStatus.SHARED
    meeting.minutes_shared_at = timezone.now()
    meeting._change_reason = "minutes shared for comments"
    meeting.save()
    if first_time:
        enqueue("meetings.tasks.send_minutes_shared_email", meeting.pk)
    return meeting


@transaction.atomic
def minutes_approve(*, meeting: Meeting, approved_on: datetime.date, at_meeting: Meeting | None,
                    by: User | None) -> Meeting:
    """Approve the minutes (usually at the next meeting): they and their decisions become the record."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _ensure_editable(meeting)
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Only the minutes of a meeting that was held can be approved."))
    if at_meeting is not None and at_meeting.pk == meeting.pk:
        raise ValidationError({"at_meeting": _("Minutes are approved at a later meeting.")})
    if at_meeting is not None and at_meeting.starts_at < meeting.starts_at:
        raise ValidationError({"at_meeting": _("Minutes are approved at a later meeting.")})
    if approved_on < timezone.localtime(meeting.starts_at, meeting.zone).date():
        raise ValidationError({"approved_on": _("Minutes cannot be approved before the meeting took place.")})
    meeting.minutes_status = MinutesStatus.APPROVED
    meeting.minutes_approved_on = approved_on
    meeting.minutes_approved_at_meeting = at_meeting
    meeting._change_reason = "minutes approved"
    meeting.full_clean(exclude=["year", "number"])
    meeting.save()
    return meeting


@transaction.atomic
def minutes_comment_add(*, meeting: Meeting, text: str, agenda_item: AgendaItem | None = None,
                        by: User) -> MinutesComment:
    if meeting.minutes_status != MinutesStatus.SHARED:
        raise ValidationError(_("Comments are open only while the minutes are shared for comments."))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})
    comment = MinutesComment(meeting=meeting, agenda_item=agenda_item, author=by, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment
