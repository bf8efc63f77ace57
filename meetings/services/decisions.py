"""Decisions of a meeting, numbered within it; a decision may settle a request to join."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from meetings.choices import MeetingStatus, MinutesStatus
from meetings.models import AgendaItem, Decision, Meeting
from members.choices import JoinRequestStatus
from members.models import JoinRequest, User
from rwg_portal import translated

DECISION_FIELDS = ("agenda_item", "report_to_rcm", "language")


def _texts(text: str | dict[str, str], language: str) -> dict[str, str]:
    """The decision's texts by language: a plain string is the text in ``language``."""
    return {language: text} if isinstance(text, str) else dict(text)


def _ensure_open(meeting: Meeting) -> None:
    if meeting.minutes_locked:
        raise ValidationError(_("The minutes of this meeting are approved; its decisions can no longer change."))
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Decisions are recorded for a meeting that was held."))


@transaction.atomic
def decision_record(
    *, meeting: Meeting, text: str | dict[str, str], language: str = "en", agenda_item: AgendaItem | None = None,
    report_to_rcm: bool = False, join_request: JoinRequest | None = None, join_request_outcome: str = "", by: User,
    join_acronym: str = "", join_membership: str = "",
) -> Decision:
    """Record a decision with the next number of the meeting.

    ``text`` is the wording in ``language`` (the original), or {"en": ..., "ar": ..., "fr": ...} with the
    translations too; the original must be there.

    When it decides a request to join, the request is decided through the members app
    (``members.services.join_request_decide``) on the meeting's date, in the same transaction.
    Accepting records the new member agency: ``join_acronym`` (needed when the request gave
    none, else it overrides it) and ``join_membership`` (core or participant, default participant).
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _ensure_open(meeting)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})
    number = (meeting.decisions.aggregate(n=Max("number"))["n"] or 0) + 1
    decision = Decision(meeting=meeting, number=number, language=language, agenda_item=agenda_item,
                        report_to_rcm=report_to_rcm, join_request=join_request,
                        join_request_outcome=join_request_outcome if join_request else "", created_by=by)
    translated.assign(decision, "text", _texts(text, language))
    decision.full_clean()
    if join_request is not None:
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != JoinRequestStatus.PENDING:
            raise ValidationError({"join_request": _("This request to join has already been decided.")})
    decision.save()
    if join_request is not None:
        _decide_join_request(decision=decision, join_request=join_request, by=by, acronym=join_acronym,
                             membership=join_membership)
    return decision


def _decide_join_request(*, decision: Decision, join_request: JoinRequest, by: User, acronym: str = "",
                         membership: str = "") -> None:
    from meetings.services.meetings import meeting_local_date
    from members.choices import Membership
    from members.services import join_request_decide  # written by the members app

    join_request_decide(
        join_request=join_request,
        status=decision.join_request_outcome,
        decided_on=meeting_local_date(decision.meeting),
        by=by,
        note=f"{decision.reference}: {translated.shown(decision, 'text', decision.language).text}"[:2000],
        acronym=acronym.strip(),
        membership=membership or Membership.PARTICIPANT,
    )


@transaction.atomic
def decision_update(*, decision: Decision, data: dict, by: User) -> Decision:
    """Correct a decision's wording, agenda item or RCM flag while the minutes are not approved.
    (Whether it decides a request to join cannot change: that request is already decided.)"""
    decision = Decision.objects.select_for_update().select_related("meeting").get(pk=decision.pk)
    _ensure_open(decision.meeting)
    for field in DECISION_FIELDS:
        if field in data:
            setattr(decision, field, data[field])
    if "text" in data:
        translated.assign(decision, "text", _texts(data["text"], decision.language))
    if decision.agenda_item_id and decision.agenda_item.meeting_id != decision.meeting_id:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def decision_publish(*, decision: Decision, public: bool, by: User) -> Decision:
    """Show a decision to everyone in the decisions register, or withdraw it.

    Only decisions of approved minutes are published: before then their wording may still change.
    """
    decision = Decision.objects.select_for_update().select_related("meeting").get(pk=decision.pk)
    if public and decision.meeting.minutes_status != MinutesStatus.APPROVED:
        raise ValidationError(_("Only decisions of approved minutes can be published."))
    if decision.public != public:
        decision.public = public
        decision._history_user = by
        decision.save(update_fields=["public"])
    return decision
