"""The meetings app's e-mails: one small function per kind of message.

Templates are in ``meetings/templates/emails/``. Times are given in the recipient's time
zone and in the venue's.
"""

from django.conf import settings
from django.urls import reverse

from meetings.ical import meeting_ics
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
        "meeting_url": settings.SITE_URL + reverse("meetings:meeting_detail", args=[meeting.pk]),
    }


def _ics_name(meeting: Meeting) -> str:
    return f"{meeting.reference.replace(' ', '-').replace('/', '-')}.ics"


def send_invitation(invitation: Invitation) -> None:
    """The invitation, with the agenda in the message and the meeting as an .ics attachment."""
    meeting, person = invitation.meeting, invitation.person
    agenda = list(meeting.agenda_items.select_related("presenting_agency", "minutes_of").order_by("position"))
    context = {**_meeting_context(meeting, person), "invitation": invitation, "agenda": agenda,
               "answer_url": settings.SITE_URL + reverse("meetings:meeting_detail", args=[meeting.pk]) + "#answer"}
    ics = meeting_ics(meeting, with_link=True, agenda=agenda)
    emails.send("meeting_invitation", to=[person.email], context=context, language=emails.language_of(person),
                attachments=[(_ics_name(meeting), ics, "text/calendar; charset=utf-8; method=PUBLISH")])


def send_status_change(invitation: Invitation) -> None:
    """The meeting was postponed, cancelled or planned again; the updated .ics is attached."""
    meeting, person = invitation.meeting, invitation.person
    ics = meeting_ics(meeting, with_link=True)
    emails.send("meeting_status_changed", to=[person.email], context=_meeting_context(meeting, person),
                language=emails.language_of(person),
                attachments=[(_ics_name(meeting), ics, "text/calendar; charset=utf-8; method=PUBLISH")])


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
