"""Action items: agreed at a meeting, followed up by the owner agency."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings import permissions
from meetings.choices import ActionItemStatus, MeetingStatus
from meetings.models import ActionItem, Decision, Meeting
from members.models import Agency, Designation, User
from rwg_portal.jobs import enqueue

DROP_REFUSED = gettext_lazy(
    "Only the secretariat can drop an action item agreed by the Group. Say in the progress note why it should be "
    "dropped, and the secretariat will take it to the Group.")
EDIT_FIELDS = ("title", "description", "owner_agency", "assignee", "due_on", "decision", "status", "progress_note")
PROGRESS_FIELDS = ("status", "progress_note")


def _check_assignee(item: ActionItem) -> None:
    """The assignee works for, or represents, the owner agency."""
    if item.assignee_id is None:
        return
    represents = Designation.objects.current().filter(agency_id=item.owner_agency_id,
                                                      person_id=item.assignee_id).exists()
    if item.assignee.agency_id != item.owner_agency_id and not represents:
        raise ValidationError({"assignee": _("The assignee must work for the owner agency.")})


def _apply_status(item: ActionItem, previous_status: str) -> None:
    if item.status == ActionItemStatus.DONE and previous_status != ActionItemStatus.DONE:
        item.completed_on = timezone.localdate()
    elif item.status != ActionItemStatus.DONE:
        item.completed_on = None


@transaction.atomic
def action_item_create(
    *, meeting: Meeting, title: str, owner_agency: Agency, due_on: datetime.date, assignee: User | None = None,
    decision: Decision | None = None, description: str = "", by: User | None,
) -> ActionItem:
    """Record an action item agreed at a meeting (numbered within it: "RWG 2027/2 A1")."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Action items are agreed at a meeting that was held."))
    number = (meeting.action_items.aggregate(n=Max("number"))["n"] or 0) + 1
    item = ActionItem(meeting=meeting, number=number, title=title.strip(), description=description,
                      owner_agency=owner_agency, assignee=assignee, due_on=due_on, decision=decision, created_by=by)
    item.full_clean()
    _check_assignee(item)
    item.save()
    # The assignee and the owner agency hear of it now, not only three days before it is due.
    enqueue("meetings.tasks.send_action_item_assigned_email", item.pk)
    return item


@transaction.atomic
def action_item_update(*, item: ActionItem, data: dict, by: User | None, fields=EDIT_FIELDS) -> ActionItem:
    """Change an action item; the owner agency's focal points may change only ``PROGRESS_FIELDS``."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    previous_status = item.status
    for field in fields:
        if field in data:
            setattr(item, field, data[field])
    _apply_status(item, previous_status)
    item.updated_at = timezone.now()
    item.full_clean()
    _check_assignee(item)
    item._change_reason = f"status {previous_status} -> {item.status}" if item.status != previous_status else ""
    item.save()
    return item


def action_item_update_progress(*, item: ActionItem, status: str, progress_note: str, by: User) -> ActionItem:
    """What a focal point or alternate of the owner agency reports: status and progress.

    Dropping an item the Group agreed is the Group's call: only the secretariat records it.
    """
    if status == ActionItemStatus.DROPPED and item.status != ActionItemStatus.DROPPED \
            and not permissions.can_drop_action_item(by):
        raise ValidationError({"status": DROP_REFUSED})
    return action_item_update(item=item, data={"status": status, "progress_note": progress_note}, by=by,
                              fields=PROGRESS_FIELDS)
