"""The meetings app's e-mails: one small function per kind of message.

Templates are in ``meetings/templates/emails/``. Times are given in the recipient's time
zone and in the venue's.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import override

from meetings.ical import attendee, meeting_itip
from meetings.models import ActionItem, Invitation, Meeting
from members.models import User
from rwg_portal import emails


def _zone(person: User) -> str:
    return person.time_zone or settings.RWG_DEFAULT_TIME_ZONE


def _meeting_context(meeting: Meeting, person: User) -> dict:
    return {
        "meeting": meeting,
        "person": person,
        "person_zone": _zone(person),
        "own_zone": True,  # a member's time zone: the e-mails give the times in it too
        "meeting_url": settings.SITE_URL + reverse("meetings:meeting_detail", args=[meeting.pk]),
    }


def _ics_name(meeting: Meeting) -> str:
    return f"{meeting.reference.replace(' ', '-').replace('/', '-')}.ics"


def invitee_attendee(invitation: Invitation):
    """A member's ``ATTENDEE`` line: their address, name and answer so far."""
    return attendee(invitation.person.email, name=invitation.person.get_full_name(), response=invitation.response)


def guest_attendee(guest):
    """A guest's ``ATTENDEE`` line: their address, name and answer so far."""
    return attendee(guest.email, name=guest.name, response=guest.response)


def calendar_attachment(meeting: Meeting, *, recipient, agenda=None) -> tuple[str, bytes, str]:
    """One recipient's copy of the scheduling message (REQUEST, or CANCEL once cancelled), as an e-mail
    attachment. Its only ``ATTENDEE`` is the recipient (``recipient``, from ``invitee_attendee`` or
    ``guest_attendee``): that is all a calendar needs to file the event and offer to answer, and nobody
    learns another invitee's address from it. Call it with the recipient's language active."""
    content, method = meeting_itip(meeting, attendees=[recipient], agenda=agenda)
    return _ics_name(meeting), content, f"text/calendar; charset=utf-8; method={method}"


def send_invitation(invitation: Invitation) -> None:
    """The invitation, with the agenda in the message and the meeting as an .ics attachment."""
    meeting, person = invitation.meeting, invitation.person
    agenda = list(meeting.agenda_items.select_related("presenting_agency", "minutes_of").order_by("position"))
    context = {**_meeting_context(meeting, person), "invitation": invitation, "agenda": agenda,
               "answer_url": settings.SITE_URL + reverse("meetings:meeting_detail", args=[meeting.pk]) + "#answer"}
    language = emails.language_of(person)
    with override(language):
        attachment = calendar_attachment(meeting, recipient=invitee_attendee(invitation), agenda=agenda)
    emails.send("meeting_invitation", to=[person.email], context=context, language=language,
                attachments=[attachment])


def send_status_change(invitation: Invitation) -> None:
    """The meeting was postponed, cancelled or planned again; the updated .ics is attached
    (``METHOD:CANCEL`` for a cancellation, an updating ``METHOD:REQUEST`` otherwise)."""
    meeting, person = invitation.meeting, invitation.person
    agenda = list(meeting.agenda_items.select_related("minutes_of").order_by("position"))
    language = emails.language_of(person)
    with override(language):
        attachment = calendar_attachment(meeting, recipient=invitee_attendee(invitation), agenda=agenda)
    emails.send("meeting_status_changed", to=[person.email], context=_meeting_context(meeting, person),
                language=language, attachments=[attachment])


def send_meeting_changed(invitation: Invitation, *, changes: list[dict], agenda: list) -> None:
    """What changed (before and now, times in the venue's and the invitee's zones), the agenda as
    it stands and the updated calendar event."""
    meeting, person = invitation.meeting, invitation.person
    context = {**_meeting_context(meeting, person), "invitation": invitation, "changes": changes, "agenda": agenda,
               "details_changed": any(change["field"] != "agenda" for change in changes)}
    language = emails.language_of(person)
    with override(language):
        attachment = calendar_attachment(meeting, recipient=invitee_attendee(invitation), agenda=agenda)
    emails.send("meeting_changed", to=[person.email], context=context, language=language, attachments=[attachment])


def send_agenda_changed(invitation: Invitation, *, removed_title: str) -> None:
    """An item was removed from the agenda after the invitations went out: the agenda as it now stands."""
    meeting, person = invitation.meeting, invitation.person
    agenda = list(meeting.agenda_items.select_related("presenting_agency", "minutes_of").order_by("position"))
    context = {**_meeting_context(meeting, person), "invitation": invitation, "agenda": agenda,
               "removed_title": removed_title}
    emails.send("meeting_agenda_changed", to=[person.email], context=context, language=emails.language_of(person))


def send_meeting_reminder(invitation: Invitation, *, stage: str) -> None:
    context = {**_meeting_context(invitation.meeting, invitation.person), "invitation": invitation, "stage": stage}
    emails.send("meeting_reminder", to=[invitation.person.email], context=context,
                language=emails.language_of(invitation.person))


def _action_context(item: ActionItem, person: User) -> dict:
    return {"item": item, "person": person,
            "item_url": settings.SITE_URL + reverse("meetings:action_item_detail", args=[item.pk])}


def send_action_item_due(item: ActionItem, person: User) -> None:
    emails.send("meeting_action_due", to=[person.email], context=_action_context(item, person),
                language=emails.language_of(person))


def send_action_item_assigned(item: ActionItem, person: User) -> None:
    emails.send("meeting_action_assigned", to=[person.email], context=_action_context(item, person),
                language=emails.language_of(person))


def send_action_item_overdue(item: ActionItem, person: User) -> None:
    emails.send("meeting_action_overdue", to=[person.email], context=_action_context(item, person),
                language=emails.language_of(person))


def send_minutes_shared(meeting: Meeting, person: User) -> None:
    context = {**_meeting_context(meeting, person),
               "minutes_url": settings.SITE_URL + reverse("meetings:minutes", args=[meeting.pk])}
    emails.send("meeting_minutes_shared", to=[person.email], context=context, language=emails.language_of(person))


def guest_link(guest) -> str:
    """The guest's signed link to the meeting's guest page (answer, papers shared with guests)."""
    from meetings.guests import guest_token

    return settings.SITE_URL + reverse("meetings:guest_page", args=[guest_token(guest)])


def _guest_context(guest) -> dict:
    # A guest has no account: no time zone of their own, so times are the venue's only.
    return {"meeting": guest.meeting, "person": guest, "guest": guest, "person_zone": guest.meeting.time_zone,
            "own_zone": False, "meeting_url": guest_link(guest)}


def send_guest_invitation(guest) -> None:
    """A guest's invitation in their language: the signed link to answer and read the shared papers."""
    meeting = guest.meeting
    agenda = list(meeting.agenda_items.select_related("presenting_agency", "minutes_of").order_by("position"))
    with override(guest.language):
        attachment = calendar_attachment(meeting, recipient=guest_attendee(guest), agenda=agenda)
    emails.send("meeting_guest_invitation", to=[guest.email], context={**_guest_context(guest), "agenda": agenda},
                language=guest.language, attachments=[attachment])


def send_guest_meeting_changed(guest, *, changes: list[dict], agenda: list) -> None:
    context = {**_guest_context(guest), "changes": changes, "agenda": agenda,
               "details_changed": any(change["field"] != "agenda" for change in changes)}
    with override(guest.language):
        attachment = calendar_attachment(guest.meeting, recipient=guest_attendee(guest), agenda=agenda)
    emails.send("meeting_changed", to=[guest.email], context=context, language=guest.language,
                attachments=[attachment])


def send_guest_status_change(guest) -> None:
    meeting = guest.meeting
    agenda = list(meeting.agenda_items.select_related("minutes_of").order_by("position"))
    with override(guest.language):
        attachment = calendar_attachment(meeting, recipient=guest_attendee(guest), agenda=agenda)
    emails.send("meeting_status_changed", to=[guest.email], context=_guest_context(guest), language=guest.language,
                attachments=[attachment])
