"""Changing a meeting after the invitations: every invitee is told, in their language, with a
calendar update (iTIP REQUEST / CANCEL) that their calendar applies to the same event.

The e-mails' calendars are parsed with the icalendar library, as a calendar program would.
"""

import datetime
import zoneinfo

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from meetings.choices import InvitationResponse, MeetingCity, MeetingMode, MeetingStatus
from meetings.models import MeetingChange
from meetings.services.agenda import agenda_item_add, agenda_item_delete, agenda_item_move, agenda_item_update
from meetings.services.changes import meeting_changes_notify
from meetings.services.invitations import invitation_respond, invitations_create
from meetings.services.meetings import meeting_set_status, meeting_update
from tests.meetings.helpers import BEIRUT, schedule

pytestmark = [pytest.mark.django_db]
CAIRO = zoneinfo.ZoneInfo("Africa/Cairo")


def calendar_of(message) -> tuple[Calendar, str]:
    """The calendar attached to an e-mail, and the method its MIME type announces."""
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics")
    return Calendar.from_ical(content), mimetype


def invited(by, people, *, who=None, **kwargs):
    """A planned meeting whose invitations were e-mailed (eagerly, as the worker would)."""
    meeting = schedule(by, starts_at=datetime.datetime(2031, 3, 12, 10, 0, tzinfo=BEIRUT), **kwargs)
    agenda_item_add(meeting=meeting, data={"title": "Workplan 2032"}, by=by)
    invitations_create(meeting=meeting, include_members=False, people=who or [people.focal_point, people.alternate],
                       by=by)
    return meeting


@pytest.fixture
def arabic_alternate(people):
    people.alternate.language = "ar"
    people.alternate.time_zone = "Asia/Riyadh"
    people.alternate.save()
    return people.alternate


def ics_text(message) -> str:
    """The attached calendar as text (Django hands a text/* attachment back decoded)."""
    content = message.attachments[0][1]
    return content if isinstance(content, str) else content.decode()


def test_the_invitation_is_a_request_with_the_organizer_and_its_invitee_only(
        people, django_capture_on_commit_callbacks, mailoutbox, eager_celery, settings):
    """Each copy names the organizer and the person it is sent to: nobody reads another invitee's address."""
    settings.RWG_SECRETARIAT_EMAIL = "secretariat@rwg.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        meeting = invited(people.secretariat, people)
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        calendar, mimetype = calendar_of(message)
        assert mimetype == "text/calendar; charset=utf-8; method=REQUEST"
        assert calendar["METHOD"] == "REQUEST"
        (event,) = calendar.events
        assert str(event["ORGANIZER"]) == "mailto:secretariat@rwg.example.org"
        (attendee,) = event.attendees
        assert str(attendee) == f"mailto:{message.to[0]}"
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION" and attendee.params["RSVP"] == "TRUE"
        others = {people.focal_point.email, people.alternate.email} - {message.to[0]}
        assert not any(address in ics_text(message) for address in others)
        assert str(event["UID"]) == f"meeting-{meeting.pk}@127.0.0.1:8000"
        assert int(event["SEQUENCE"]) == 0


def test_a_guests_calendar_copies_name_only_the_organizer_and_the_guest(
        people, django_capture_on_commit_callbacks, mailoutbox, eager_celery, settings):
    """A guest is outside the Group: their invitation, change and cancellation copies of the event (parsed
    with icalendar) name the secretariat and the guest, and hold no member's address anywhere."""
    from meetings.services.guests import guest_invite

    settings.RWG_SECRETARIAT_EMAIL = "secretariat@rwg.example.org"
    by = people.secretariat
    with django_capture_on_commit_callbacks(execute=True):
        meeting = invited(by, people)
        guest_invite(meeting=meeting, by=by, name="Nadia Haddad", email="nadia@ngo.example",
                     organisation="Migrant Rights Network", organisation_kind="ngo", language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(meeting=meeting, by=by, data={"venue": "League of Arab States"})
    with django_capture_on_commit_callbacks(execute=True):
        meeting_set_status(meeting=meeting, status=MeetingStatus.CANCELLED, note="No quorum", by=by)
    copies = [message for message in mailoutbox if message.to == ["nadia@ngo.example"]]
    assert len(copies) == 3  # invited, changed, cancelled
    members = (people.focal_point.email, people.alternate.email)
    for message in copies:
        content = ics_text(message)
        (event,) = Calendar.from_ical(content).events
        assert str(event["ORGANIZER"]) == "mailto:secretariat@rwg.example.org"
        assert [str(a) for a in event.attendees] == ["mailto:nadia@ngo.example"]
        assert not any(address in content for address in members)
        assert "Ordre du jour" in str(event["DESCRIPTION"])  # the calendar's texts in the guest's language
    # Nor does a member's copy carry the guest's address.
    member_copies = [m for m in mailoutbox if m.to[0] in members and m.attachments]
    assert member_copies and not any("nadia@ngo.example" in ics_text(m) for m in member_copies)


def test_a_new_time_is_emailed_to_every_invitee_in_their_language_with_an_update(
        people, arabic_alternate, django_capture_on_commit_callbacks, mailoutbox, eager_celery):
    by = people.secretariat
    with django_capture_on_commit_callbacks(execute=True):
        meeting = invited(by, people)
    invitation_respond(invitation=meeting.invitations.get(person=people.focal_point),
                       response=InvitationResponse.REMOTE, by=people.focal_point)
    (first_invitation, _) = mailoutbox
    uid = str(calendar_of(first_invitation)[0].events[0]["UID"])
    mailoutbox.clear()

    # Moved to Cairo, a day later at 14:00 Cairo time.
    new_start = datetime.datetime(2031, 3, 13, 14, 0, tzinfo=CAIRO)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(meeting=meeting, by=by, data={
            "starts_at": new_start, "ends_at": new_start + datetime.timedelta(hours=2),
            "city": MeetingCity.CAIRO, "venue": "League of Arab States", "mode": MeetingMode.HYBRID,
            "video_link": "https://meet.example.org/rwg"})
    assert len(mailoutbox) == 2  # one each
    by_address = {message.to[0]: message for message in mailoutbox}
    english = by_address[people.focal_point.email]
    assert english.subject == f"{meeting.reference}: the meeting has changed"
    body = english.body
    # The old and the new times, in the venue's zone and the reader's (Beirut by default), with zone names.
    assert "Before: Wednesday 12 March 2031, 10:00–13:00 (Beirut, Lebanon)" in body
    assert "Now: Thursday 13 March 2031, 14:00–16:00 (Cairo, Egypt)" in body
    assert "Now: Thursday 13 March 2031, 14:00–16:00 (Beirut, Lebanon)" in body
    assert "Before: UN House" in body and "Now: League of Arab States" in body
    assert "Before: Beirut" in body and "Now: Cairo" in body
    assert "Before: In person" in body and "Now: Hybrid (in person and videoconference)" in body
    assert "1. " in body and "Workplan 2032" in body

    arabic = by_address[arabic_alternate.email]
    assert "تغيّر" in arabic.subject or "تغير" in arabic.subject
    assert "Before" not in arabic.body and "القاهرة" in arabic.body
    assert "(الرياض" in arabic.body  # the reader's zone, named in Arabic

    for message in mailoutbox:
        calendar, mimetype = calendar_of(message)
        assert mimetype.endswith("method=REQUEST") and calendar["METHOD"] == "REQUEST"
        (event,) = calendar.events
        assert str(event["UID"]) == uid
        assert int(event["SEQUENCE"]) == 1
        assert event.start == new_start and event["DTSTART"].params["TZID"] == "Africa/Cairo"
        assert event.start.astimezone(datetime.UTC) == datetime.datetime(2031, 3, 13, 12, 0, tzinfo=datetime.UTC)
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Africa/Cairo"]
        partstat = {str(a): a.params["PARTSTAT"] for a in event.attendees}  # the recipient only, their answer
        assert partstat == {f"mailto:{people.focal_point.email}": "ACCEPTED"} if message.to == [
            people.focal_point.email] else {f"mailto:{arabic_alternate.email}": "NEEDS-ACTION"}
    change = MeetingChange.objects.get(meeting=meeting)
    assert change.notified_at is not None and change.recipients == 2 and change.sequence == 1
    assert change.history.count() >= 1


def test_agenda_changes_are_told_with_a_higher_sequence(people, django_capture_on_commit_callbacks, mailoutbox,
                                                        eager_celery):
    by = people.secretariat
    with django_capture_on_commit_callbacks(execute=True):
        meeting = invited(by, people, who=[people.focal_point])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        added = agenda_item_add(meeting=meeting, data={"title": "Data note on remittances"}, by=by)
    with django_capture_on_commit_callbacks(execute=True):
        agenda_item_update(item=added, data={"title": "Data note on remittances 2030"}, by=by)
    with django_capture_on_commit_callbacks(execute=True):
        agenda_item_move(item=added, direction=-1, by=by)
    with django_capture_on_commit_callbacks(execute=True):
        assert agenda_item_delete(item=added, by=by) == 1
    subjects = [m.subject for m in mailoutbox]
    assert subjects == [f"{meeting.reference}: the agenda has changed"] * 4
    added_mail, changed_mail, moved_mail, removed_mail = (m.body for m in mailoutbox)
    assert "An item was added to the agenda:\n  Data note on remittances" in added_mail
    assert "Before: Data note on remittances\n  Now: Data note on remittances 2030" in changed_mail
    assert "The order of the agenda items changed." in moved_mail
    assert "An item was removed from the agenda of meeting" in removed_mail
    sequences = [int(calendar_of(m)[0].events[0]["SEQUENCE"]) for m in mailoutbox]
    assert sequences == [1, 2, 3, 4]
    descriptions = [str(calendar_of(m)[0].events[0]["DESCRIPTION"]) for m in mailoutbox]
    assert "Data note on remittances 2030" in descriptions[1] and "remittances" not in descriptions[3]


def test_changes_before_the_worker_runs_are_told_in_one_email(people, django_capture_on_commit_callbacks,
                                                               mailoutbox, eager_celery):
    by = people.secretariat
    with django_capture_on_commit_callbacks(execute=True):
        meeting = invited(by, people, who=[people.focal_point])
    mailoutbox.clear()
    agenda_item_add(meeting=meeting, data={"title": "First new item"}, by=by)  # on_commit not run: untold
    agenda_item_add(meeting=meeting, data={"title": "Second new item"}, by=by)
    meeting_update(meeting=meeting, data={"venue": "ESCWA, room 3"}, by=by)
    meeting_update(meeting=meeting, data={"venue": "UN House"}, by=by)  # back as it was: not worth telling
    assert meeting_changes_notify(meeting_id=meeting.pk) == 1
    (message,) = mailoutbox
    assert "First new item" in message.body and "Second new item" in message.body
    assert "ESCWA" not in message.body and message.subject.endswith("the agenda has changed")
    assert meeting_changes_notify(meeting_id=meeting.pk) == 0  # told once
    assert len(mailoutbox) == 1


def test_nobody_is_told_before_the_invitations_and_those_not_yet_invited_by_email(people, mailoutbox):
    by = people.secretariat
    meeting = schedule(by)
    meeting_update(meeting=meeting, data={"venue": "ESCWA"}, by=by)
    agenda_item_add(meeting=meeting, data={"title": "Anything"}, by=by)
    assert not MeetingChange.objects.exists()
    invitations_create(meeting=meeting, include_members=False, people=[people.focal_point], by=by)  # not sent yet
    meeting_update(meeting=meeting, data={"venue": "UN House"}, by=by)
    assert not MeetingChange.objects.exists() and mailoutbox == []


def test_cancelling_sends_cancel_with_the_same_uid_and_a_higher_sequence(
        people, django_capture_on_commit_callbacks, mailoutbox, eager_celery):
    by = people.secretariat
    with django_capture_on_commit_callbacks(execute=True):
        meeting = invited(by, people)
    uid = str(calendar_of(mailoutbox[0])[0].events[0]["UID"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_set_status(meeting=meeting, status=MeetingStatus.POSTPONED, note="Room unavailable", by=by)
    postponed = [calendar_of(m) for m in mailoutbox]
    assert all(mimetype.endswith("method=REQUEST") and int(c.events[0]["SEQUENCE"]) == 1
               and str(c.events[0]["STATUS"]) == "TENTATIVE" for c, mimetype in postponed)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_set_status(meeting=meeting, status=MeetingStatus.CANCELLED, note="No quorum", by=by)
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        calendar, mimetype = calendar_of(message)
        assert mimetype == "text/calendar; charset=utf-8; method=CANCEL"
        assert calendar["METHOD"] == "CANCEL"
        (event,) = calendar.events
        assert str(event["STATUS"]) == "CANCELLED"
        assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == 2
        assert {str(a) for a in event.attendees} == {f"mailto:{message.to[0]}"}
    # A change after the cancellation is told to nobody.
    meeting_update(meeting=meeting, data={"venue": "Elsewhere"}, by=by)
    assert meeting_changes_notify(meeting_id=meeting.pk) == 0


# Each step changes something a calendar shows; the sequence in the e-mails must only grow.
STEPS = st.lists(st.sampled_from(["later", "earlier", "venue", "mode", "add", "rename", "move", "postpone",
                                  "replan"]), min_size=1, max_size=6)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_any_sequence_of_changes_gives_strictly_increasing_sequences(people, eager_celery,
                                                                      django_capture_on_commit_callbacks, steps):
    from meetings.models import Meeting

    by = people.secretariat
    mail.outbox = []
    Meeting.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = invited(by, people, who=[people.focal_point])

    def run(step):
        current = Meeting.objects.get(pk=meeting.pk)
        if step in ("later", "earlier"):
            shift = datetime.timedelta(days=1 if step == "later" else -1)
            meeting_update(meeting=current, by=by, data={"starts_at": current.starts_at + shift,
                                                         "ends_at": current.ends_at + shift})
        elif step == "venue":
            meeting_update(meeting=current, by=by, data={"venue": f"Room {len(mail.outbox)}"})
        elif step == "mode":
            hybrid = current.mode != MeetingMode.HYBRID
            meeting_update(meeting=current, by=by, data={
                "mode": MeetingMode.HYBRID if hybrid else MeetingMode.IN_PERSON,
                "video_link": "https://meet.example.org/rwg" if hybrid else ""})
        elif step == "add":
            agenda_item_add(meeting=current, data={"title": f"Item {len(mail.outbox)}"}, by=by)
        elif step in ("rename", "move"):
            item = current.agenda_items.order_by("-position").first()
            if step == "rename":
                agenda_item_update(item=item, data={"title": item.title + " (revised)"}, by=by)
            else:
                agenda_item_move(item=item, direction=-1, by=by)
        elif step == "postpone" and current.status == MeetingStatus.PLANNED:
            meeting_set_status(meeting=current, status=MeetingStatus.POSTPONED, note="Later", by=by)
        elif step == "replan" and current.status == MeetingStatus.POSTPONED:
            meeting_set_status(meeting=current, status=MeetingStatus.PLANNED, by=by)

    for step in steps:
        with django_capture_on_commit_callbacks(execute=True):  # the (eager) tasks run after each step
            run(step)
    sequences = [int(calendar_of(m)[0].events[0]["SEQUENCE"]) for m in mail.outbox if m.attachments]
    uids = {str(calendar_of(m)[0].events[0]["UID"]) for m in mail.outbox if m.attachments}
    assert len(uids) == 1
    assert sequences == sorted(set(sequences)), steps  # strictly increasing
    assert sequences[-1] == Meeting.objects.get(pk=meeting.pk).sequence
