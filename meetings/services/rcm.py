"""The Regional Coordination Mechanism: sessions at which the Group reported, and their follow-up.

Every write is the secretariat's, checked here again (a view cannot forget it), in one
transaction, validated before it is saved; history rows say who changed what.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import permissions
from meetings.choices import ActionItemStatus
from meetings.models import ActionItem, Decision, RcmFollowUp, RcmSession
from members.models import Agency, User

SESSION_FIELDS = ("held_on", "place", "title", "presentation", "feedback", "recommendations")
FOLLOW_UP_FIELDS = ("title", "owner_agency", "due_on", "status", "progress_note", "action_item")


def _check_manager(by: User | None) -> None:
    if by is None or not permissions.can_manage_rcm_sessions(by):
        raise PermissionDenied(permissions.manage_rcm_sessions_refusal())


def _check_decisions(decisions) -> None:
    unflagged = [d.reference for d in decisions if not d.report_to_rcm]
    if unflagged:
        raise ValidationError({"presented_decisions": _(
            "Only decisions flagged for the RCM can be presented to it (not %(refs)s).") % {
                "refs": ", ".join(unflagged)}})


@transaction.atomic
def rcm_session_save(*, session: RcmSession | None = None, data: dict, reports=(), decisions=(),
                     by: User | None, is_demo: bool = False) -> RcmSession:
    """Record an RCM session (``session`` None) or change one; reports and decisions replace the old lists."""
    _check_manager(by)
    decisions = list(decisions)
    _check_decisions(decisions)
    if session is None:
        session = RcmSession(created_by=by, is_demo=is_demo)
        reason = ""
    else:
        session = RcmSession.objects.select_for_update().get(pk=session.pk)
        reason = ""
    for field in SESSION_FIELDS:
        if field in data:
            value = data[field]
            setattr(session, field, value.strip() if isinstance(value, str) else value)
    session.updated_at = timezone.now()
    session.full_clean()
    created = session.pk is None
    # One history row per save, holding the lists as they now are: simple-history would add a row
    # for every list changed, so the lists are set first, without history, then the row is written.
    session.skip_history_when_saving = True
    try:
        if created:
            session.save()
        session.presented_reports.set(list(reports))
        session.presented_decisions.set(decisions)
    finally:
        del session.skip_history_when_saving
    session._change_reason = reason
    session.save()
    if created:
        session.history.filter(history_id=session.history.latest().history_id).update(history_type="+")
    return session


def _apply_status(item: RcmFollowUp, previous_status: str) -> None:
    if item.status == ActionItemStatus.DONE and previous_status != ActionItemStatus.DONE:
        item.completed_on = timezone.localdate()
    elif item.status != ActionItemStatus.DONE:
        item.completed_on = None


@transaction.atomic
def rcm_follow_up_create(*, session: RcmSession, title: str, owner_agency: Agency,
                         due_on: datetime.date | None = None, action_item: ActionItem | None = None,
                         status: str = ActionItemStatus.OPEN, progress_note: str = "",
                         by: User | None) -> RcmFollowUp:
    """Record something the RCM asked an agency to do, numbered within the session ("F1")."""
    _check_manager(by)
    session = RcmSession.objects.select_for_update().get(pk=session.pk)
    number = (session.follow_ups.aggregate(n=Max("number"))["n"] or 0) + 1
    item = RcmFollowUp(session=session, number=number, title=title.strip(), owner_agency=owner_agency,
                       due_on=due_on, action_item=action_item, status=status, progress_note=progress_note.strip(),
                       created_by=by)
    _apply_status(item, ActionItemStatus.OPEN)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def rcm_follow_up_update(*, item: RcmFollowUp, data: dict, by: User | None) -> RcmFollowUp:
    """Change a follow-up item: what was asked, its owner, due date, status and progress."""
    _check_manager(by)
    item = RcmFollowUp.objects.select_for_update().get(pk=item.pk)
    previous_status = item.status
    for field in FOLLOW_UP_FIELDS:
        if field in data:
            value = data[field]
            setattr(item, field, value.strip() if isinstance(value, str) else value)
    _apply_status(item, previous_status)
    item.updated_at = timezone.now()
    item.full_clean()
    item._change_reason = f"status {previous_status} -> {item.status}" if item.status != previous_status else ""
    item.save()
    return item


def presentable(decision_ids) -> list[Decision]:
    """The decisions named by id, as records (for the checks above)."""
    return list(Decision.objects.filter(pk__in=decision_ids).select_related("meeting"))
