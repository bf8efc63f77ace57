"""Guests without an account (ToR section 5): invite by e-mail address, answer and read the
papers shared with guests through a signed link, attend as observers."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import emails
from meetings.choices import GuestResponse, MeetingStatus
from meetings.models import GuestInvitation, Meeting, new_link_nonce
from members.models import User
from rwg_portal.jobs import enqueue


def guest_can_answer(guest: GuestInvitation) -> bool:
    """Answers are open while the meeting is planned and has not ended."""
    return guest.meeting.status == MeetingStatus.PLANNED and guest.meeting.ends_at > timezone.now()


@transaction.atomic
def guest_invite(*, meeting: Meeting, name: str, email: str, organisation: str, organisation_kind: str,
                 language: str, by: User | None) -> GuestInvitation:
    """Invite a guest by e-mail address; the invitation (with the signed link and the .ics) is
    e-mailed once the row is saved. A planned meeting only; one invitation per address."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Only a planned meeting can have invitations sent."))
    guest = GuestInvitation(meeting=meeting, name=name.strip(), email=email, organisation=organisation.strip(),
                            organisation_kind=organisation_kind, language=language, invited_by=by)
    guest.full_clean(validate_constraints=False)
    if meeting.guest_invitations.filter(email=guest.email).exists():
        raise ValidationError({"email": _("This address is already invited to the meeting.")})
    guest._change_reason = "invited"
    guest.save()
    enqueue("meetings.tasks.send_guest_invitation_email", guest.pk)
    return guest


@transaction.atomic
def guest_link_renew(*, guest: GuestInvitation, by: User | None) -> GuestInvitation:
    """Send the invitation again with a new link; the old link stops working."""
    guest = GuestInvitation.objects.select_for_update().select_related("meeting").get(pk=guest.pk)
    if guest.meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Only a planned meeting can have invitations sent."))
    guest.link_nonce = new_link_nonce()
    guest._change_reason = f"link renewed by {by}" if by else "link renewed"
    guest.save()
    enqueue("meetings.tasks.send_guest_invitation_email", guest.pk, True)
    return guest


def guest_invitation_email_send(*, guest_id: int, force: bool = False) -> bool:
    """E-mail a guest's invitation (signed link, agenda, .ics) in their language; once, unless forced."""
    with transaction.atomic():
        guest = GuestInvitation.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=guest_id)
        if (guest.email_sent_at and not force) or guest.meeting.status != MeetingStatus.PLANNED:
            return False
        emails.send_guest_invitation(guest)
        guest.email_sent_at = timezone.now()
        guest.save(update_fields=["email_sent_at"])
    return True


@transaction.atomic
def guest_respond(*, guest: GuestInvitation, response: str, note: str = "") -> GuestInvitation:
    """Record a guest's answer, given through their link."""
    guest = GuestInvitation.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=guest.pk)
    if not guest_can_answer(guest):
        raise ValidationError(_("This meeting is no longer planned; answers are closed."))
    if response not in GuestResponse.values or response == GuestResponse.PENDING:
        raise ValidationError({"response": _("Choose an answer.")})
    guest.response = response
    guest.response_note = note.strip()
    guest.responded_at = timezone.now()
    guest.full_clean(validate_constraints=False)
    guest._change_reason = "answered through the link"
    guest.save()
    return guest


@transaction.atomic
def guests_attendance_record(*, meeting: Meeting, attended_ids: Iterable[int], by: User | None) -> int:
    """Record which guests attended the held meeting as observers; returns how many did."""
    attended = set(attended_ids)
    count = 0
    for guest in GuestInvitation.objects.select_for_update().filter(meeting=meeting):
        value = guest.pk in attended
        count += value
        if guest.attended != value:
            guest.attended = value
            guest._change_reason = f"attendance recorded by {by}" if by else "attendance recorded"
            guest.save(update_fields=["attended"])
    return count


@transaction.atomic
def documents_share_with_guests(*, meeting: Meeting, document_ids: Iterable[int], by: User | None) -> int:
    """Share exactly these papers of the meeting with its guests; returns how many are shared."""
    wanted = set(document_ids)
    shared = 0
    for document in meeting.documents.select_for_update():
        value = document.pk in wanted
        shared += value
        if document.shared_with_guests != value:
            document.shared_with_guests = value
            document._change_reason = "shared with guests" if value else "no longer shared with guests"
            document.save(update_fields=["shared_with_guests"])
    return shared


def guest_status_change_email_send(*, guest_id: int) -> None:
    """Tell a guest the meeting was postponed, cancelled or planned again (CANCEL / REQUEST .ics)."""
    guest = GuestInvitation.objects.select_related("meeting").get(pk=guest_id)
    if guest.email_sent_at:
        emails.send_guest_status_change(guest)
