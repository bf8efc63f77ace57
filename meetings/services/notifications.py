"""Telling the members about minutes shared for comments."""

from meetings import emails
from meetings.models import Meeting
from meetings.services.invitations import member_invitees


def minutes_shared_notify(*, meeting_id: int) -> int:
    """E-mail every current focal point and alternate that the draft minutes await comments."""
    meeting = Meeting.objects.get(pk=meeting_id)
    sent = set()
    for person, _agency in member_invitees():
        if person.pk not in sent:
            emails.send_minutes_shared(meeting, person)
            sent.add(person.pk)
    return len(sent)
