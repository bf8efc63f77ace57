"""Invitations to a meeting and the invitees' answers."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import emails
from meetings.choices import InvitationResponse, MeetingStatus
from meetings.models import Invitation, Meeting
from members.choices import Membership
from members.models import Agency, Designation, User
from rwg_portal.jobs import enqueue


def member_invitees() -> list[tuple[User, Agency]]:
    """The current focal points and alternates of the agencies that are members of the Group."""
    designations = (
        Designation.objects.current()
        .exclude(agency__membership=Membership.FORMER)
        .filter(person__is_active=True)
        .select_related("person", "agency")
        .order_by("agency__acronym", "role")
    )
    return [(d.person, d.agency) for d in designations]


@transaction.atomic
def invitations_create(*, meeting: Meeting, include_members: bool, people: Iterable[User] = (),
                       by: User | None) -> list[Invitation]:
    """Invite the member agencies' focal points and alternates and/or the people named.

    People already invited are skipped. Each new invitee is e-mailed (agenda and .ics)
    once the invitations are saved.
    """
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Only a planned meeting can have invitations sent."))
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    wanted: dict[int, tuple[User, Agency | None]] = {}
    if include_members:
        for person, agency in member_invitees():
            wanted.setdefault(person.pk, (person, agency))
    for person in people:
        if person.is_active:
            wanted.setdefault(person.pk, (person, None))
    already = set(meeting.invitations.values_list("person_id", flat=True))
    created = []
    for person_id, (person, agency) in wanted.items():
        if person_id in already:
            continue
        invitation = Invitation(meeting=meeting, person=person, agency=agency, invited_by=by)
        invitation.full_clean(validate_constraints=False)
        invitation.save()
        created.append(invitation)
    for invitation in created:
        enqueue("meetings.tasks.send_invitation_email", invitation.pk)
    return created


@transaction.atomic
def invitation_respond(*, invitation: Invitation, response: str, note: str = "", by: User) -> Invitation:
    """Record an invitee's answer (the invitee, or the secretariat on their behalf)."""
    invitation = Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    if invitation.meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("This meeting is no longer planned; answers are closed."))
    if response == InvitationResponse.PENDING:
        raise ValidationError({"response": _("Choose an answer.")})
    invitation.response = response
    invitation.response_note = note
    invitation.responded_at = timezone.now()
    invitation.full_clean(validate_constraints=False)
    invitation._change_reason = "answered" if by.pk == invitation.person_id else f"answered on behalf by {by}"
    invitation.save()
    return invitation


def invitation_email_send(*, invitation_id: int, force: bool = False) -> bool:
    """E-mail one invitation with the agenda and the meeting's .ics; once, unless forced."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("meeting", "person")
            .get(pk=invitation_id)
        )
        if invitation.email_sent_at and not force:
            return False
        if invitation.meeting.status != MeetingStatus.PLANNED or not invitation.person.is_active:
            return False
        emails.send_invitation(invitation)
        invitation.email_sent_at = timezone.now()
        invitation.save(update_fields=["email_sent_at"])
    return True


def agenda_change_email_send(*, invitation_id: int, removed_title: str) -> None:
    """Tell one invitee that an item was removed from the agenda (in their language)."""
    invitation = Invitation.objects.select_related("meeting", "person").get(pk=invitation_id)
    if invitation.person.is_active and invitation.meeting.status == MeetingStatus.PLANNED:
        emails.send_agenda_changed(invitation, removed_title=removed_title)


def status_change_email_send(*, invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("meeting", "person").get(pk=invitation_id)
    if invitation.person.is_active:
        emails.send_status_change(invitation)
