"""Invitations, answers and attendance."""

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from meetings.choices import InvitationResponse, MeetingStatus, Representation
from meetings.models import Attendance, Invitation
from meetings.services.agenda import agenda_item_add
from meetings.services.attendance import attendance_record, expected_agencies, suggested_attendance
from meetings.services.invitations import invitation_email_send, invitation_respond, invitations_create
from members.choices import Membership
from tests.factories import AgencyFactory, UserFactory
from tests.meetings.helpers import held, schedule

pytestmark = pytest.mark.django_db


def test_the_focal_points_and_alternates_of_members_are_invited_once(people, django_capture_on_commit_callbacks):
    meeting = schedule(people.secretariat)
    AgencyFactory(acronym="FMR", membership=Membership.FORMER)
    guest = UserFactory(email="guest@example.org")
    with django_capture_on_commit_callbacks() as callbacks:
        created = invitations_create(meeting=meeting, include_members=True, people=[guest], by=people.secretariat)
    assert {i.person for i in created} == {people.focal_point, people.alternate, people.other_focal_point, guest}
    assert {i.agency for i in created if i.person == people.alternate} == {people.owning}
    assert len(callbacks) == 4  # one e-mail each, queued after the commit
    again = invitations_create(meeting=meeting, include_members=True, people=[guest], by=people.secretariat)
    assert again == []
    assert Invitation.objects.count() == 4


def test_the_invitation_email_carries_the_agenda_and_an_ics(people, mailoutbox):
    meeting = schedule(people.secretariat, title="Spring meeting")
    agenda_item_add(meeting=meeting, data={"title": "Situation report outline", "duration_minutes": 30},
                    by=people.secretariat)
    (invitation,) = invitations_create(meeting=meeting, include_members=False, people=[people.focal_point],
                                       by=people.secretariat)
    assert invitation_email_send(invitation_id=invitation.pk) is True
    assert invitation_email_send(invitation_id=invitation.pk) is False  # sent once
    (message,) = mailoutbox
    assert message.to == [people.focal_point.email]
    assert meeting.reference in message.subject
    assert "Situation report outline" in message.body
    assert "30 minutes" in message.body
    html = message.alternatives[0][0]
    assert "<ol>" in html and "Situation report outline" in html
    (name, content, mimetype) = message.attachments[0]
    assert name == meeting.reference.replace(" ", "-").replace("/", "-") + ".ics"
    assert mimetype.startswith("text/calendar")
    (event,) = Calendar.from_ical(content).events
    assert event.start == meeting.local_starts_at
    invitation.refresh_from_db()
    assert invitation.email_sent_at is not None


def test_invitations_only_for_planned_meetings(people):
    with pytest.raises(ValidationError):
        invitations_create(meeting=held(people.secretariat), include_members=True, by=people.secretariat)


def test_answering_an_invitation(people):
    meeting = schedule(people.secretariat)
    (invitation,) = invitations_create(meeting=meeting, include_members=False, people=[people.focal_point],
                                       by=people.secretariat)
    invitation = invitation_respond(invitation=invitation, response=InvitationResponse.REMOTE, note="From Amman",
                                    by=people.focal_point)
    assert invitation.response == "remote" and invitation.responded_at
    with pytest.raises(ValidationError):
        invitation_respond(invitation=invitation, response=InvitationResponse.PENDING, by=people.focal_point)


def test_attendance_is_guessed_from_answers_and_recorded_with_the_current_people(people):
    meeting = schedule(people.secretariat)
    invitations_create(meeting=meeting, include_members=True, by=people.secretariat)
    for invitation in meeting.invitations.all():
        response = {people.focal_point.pk: "in_person", people.alternate.pk: "remote"}.get(invitation.person_id,
                                                                                            "cannot_attend")
        invitation_respond(invitation=invitation, response=response, by=invitation.person)
    agencies = expected_agencies(meeting)
    guesses = suggested_attendance(meeting, agencies)
    assert guesses == {people.owning.pk: {"representation": Representation.FOCAL_POINT, "person": people.focal_point,
                                          "remote": False}}
    with pytest.raises(ValidationError):  # not started yet
        attendance_record(meeting=meeting, rows=[], by=people.secretariat)
    meeting.starts_at = meeting.starts_at.replace(year=meeting.starts_at.year - 1)
    meeting.ends_at = meeting.ends_at.replace(year=meeting.ends_at.year - 1)
    meeting.save()
    rows = [{"agency": people.owning, "representation": Representation.ALTERNATE, "remote": True},
            {"agency": people.other, "representation": Representation.ABSENT, "remote": True,
             "representative_name": "ignored"}]
    attendance_record(meeting=meeting, rows=rows, by=people.secretariat)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    own = Attendance.objects.get(meeting=meeting, agency=people.owning)
    assert (own.person, own.remote) == (people.alternate, True)
    other = Attendance.objects.get(meeting=meeting, agency=people.other)
    assert (other.person, other.remote, other.representative_name) == (None, False, "")
    # Recording again corrects the rows instead of adding more.
    attendance_record(meeting=meeting, rows=[{"agency": people.other, "representation": Representation.OTHER,
                                              "representative_name": "Deputy head"}], by=people.secretariat)
    assert Attendance.objects.count() == 2
    assert Attendance.objects.get(agency=people.other).representative == "Deputy head"


def test_another_representative_needs_a_name(people):
    meeting = held(people.secretariat)
    with pytest.raises(ValidationError):
        attendance_record(meeting=meeting, rows=[{"agency": people.owning, "representation": Representation.OTHER}],
                          by=people.secretariat)
    assert not Attendance.objects.exists()
