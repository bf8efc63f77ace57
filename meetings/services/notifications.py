"""Telling the members about minutes shared for comments and about action items given to them."""

from meetings import emails
from meetings.models import ActionItem, Meeting
from meetings.services.invitations import member_invitees
from members.models import Designation, User


def action_item_people(item: ActionItem) -> list[User]:
    """Who is given an action item: its assignee and the owner agency's current focal point and
    alternate (active accounts, each once)."""
    people = {}
    if item.assignee_id and item.assignee.is_active:
        people[item.assignee.pk] = item.assignee
    for designation in Designation.objects.current().filter(
        agency_id=item.owner_agency_id, person__is_active=True
    ).select_related("person"):
        people.setdefault(designation.person.pk, designation.person)
    return list(people.values())


def action_item_assigned_notify(*, item_id: int) -> int:
    """E-mail the people given a new action item, each in their language."""
    item = ActionItem.objects.select_related("meeting", "owner_agency", "assignee").get(pk=item_id)
    people = action_item_people(item)
    for person in people:
        if person.email:
            emails.send_action_item_assigned(item, person)
    return len(people)


def minutes_shared_notify(*, meeting_id: int) -> int:
    """E-mail every current focal point and alternate that the draft minutes await comments."""
    meeting = Meeting.objects.get(pk=meeting_id)
    sent = set()
    for person, _agency in member_invitees():
        if person.pk not in sent:
            emails.send_minutes_shared(meeting, person)
            sent.add(person.pk)
    return len(sent)
