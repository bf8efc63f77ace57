"""Minutes, decisions (including requests to join) and action items."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.choices import ActionItemStatus, MinutesStatus
from meetings.models import ActionItem, Decision, MinutesComment
from meetings.services.actions import action_item_create, action_item_update, action_item_update_progress
from meetings.services.agenda import agenda_item_add
from meetings.services.decisions import decision_record, decision_update
from meetings.services.minutes import minutes_approve, minutes_comment_add, minutes_section_save, minutes_share
from members.choices import AgencyKind, JoinRequestStatus
from members.models import Agency, JoinRequest
from tests.factories import UserFactory
from tests.meetings.helpers import held, schedule

pytestmark = pytest.mark.django_db


def test_minutes_keep_their_revisions(people):
    meeting = held(people.secretariat)
    item = agenda_item_add(meeting=meeting, data={"title": "Workplan"}, by=people.secretariat)
    minutes_section_save(agenda_item=item, text="First draft", by=people.secretariat)
    section = minutes_section_save(agenda_item=item, text="Second draft", by=people.secretariat)
    minutes_section_save(agenda_item=item, text="Second draft", by=people.secretariat)  # no change, no revision
    assert [r.text for r in section.history.order_by("history_date")] == ["", "First draft", "Second draft"]


@pytest.mark.dates
def test_the_minutes_cycle_draft_shared_approved(people, django_capture_on_commit_callbacks, mailoutbox,
                                                 eager_celery):
    meeting = held(people.secretariat, days_ago=40)
    item = agenda_item_add(meeting=meeting, data={"title": "Workplan"}, by=people.secretariat)
    with pytest.raises(ValidationError):  # nothing written yet
        minutes_share(meeting=meeting, by=people.secretariat)
    minutes_section_save(agenda_item=item, text="Agreed.", by=people.secretariat)
    with pytest.raises(ValidationError):  # comments open only once shared
        minutes_comment_add(meeting=meeting, text="Typo", by=people.focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = minutes_share(meeting=meeting, by=people.secretariat)
    assert meeting.minutes_status == MinutesStatus.SHARED
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [people.focal_point.email, people.alternate.email, people.other_focal_point.email])
    comment = minutes_comment_add(meeting=meeting, agenda_item=item, text="Please add UNFPA.", by=people.focal_point)
    assert MinutesComment.objects.get() == comment
    next_meeting = schedule(people.secretariat)
    with pytest.raises(ValidationError):  # not before the meeting took place
        minutes_approve(meeting=meeting, approved_on=datetime.date(2000, 1, 1), at_meeting=None,
                        by=people.secretariat)
    approved = minutes_approve(meeting=meeting, approved_on=timezone.localdate(), at_meeting=next_meeting,
                               by=people.secretariat)
    assert approved.minutes_status == MinutesStatus.APPROVED
    assert approved.minutes_approved_at_meeting == next_meeting
    with pytest.raises(ValidationError):  # approved minutes no longer change
        minutes_section_save(agenda_item=item, text="Changed later", by=people.secretariat)
    with pytest.raises(ValidationError):
        decision_record(meeting=approved, text="Late decision", by=people.secretariat)


def test_decisions_are_numbered_within_the_meeting(people):
    meeting = held(people.secretariat)
    first = decision_record(meeting=meeting, text="Adopt the workplan", report_to_rcm=True, by=people.secretariat)
    second = decision_record(meeting=meeting, text="Meet in Cairo", by=people.secretariat)
    assert (first.reference, second.reference) == (f"{meeting.reference} D1", f"{meeting.reference} D2")
    decision_update(decision=second, data={"text": "Meet in Cairo in May"}, by=people.secretariat)
    assert Decision.objects.get(pk=second.pk).text == "Meet in Cairo in May"


def test_a_decision_needs_a_held_meeting_and_an_item_of_that_meeting(people):
    with pytest.raises(ValidationError):
        decision_record(meeting=schedule(people.secretariat), text="Too early", by=people.secretariat)
    meeting = held(people.secretariat)
    other_item = agenda_item_add(meeting=held(people.secretariat, days_ago=20), data={"title": "X"},
                                 by=people.secretariat)
    with pytest.raises(ValidationError):
        decision_record(meeting=meeting, text="Wrong item", agenda_item=other_item, by=people.secretariat)
    assert not Decision.objects.exists()


def join_request(**kwargs):
    values = dict(organisation="Migrant Rights Network", acronym="MRN", kind=AgencyKind.NGO, contact_name="Huda",
                  contact_email="huda@mrn.example", motivation="Data on domestic workers",
                  submitted_at=timezone.now() - datetime.timedelta(days=60))
    values.update(kwargs)
    return JoinRequest.objects.create(**values)


def test_a_decision_accepting_a_request_to_join_decides_it_through_the_members_app(people):
    meeting = held(people.secretariat)
    request = join_request()
    decision = decision_record(meeting=meeting, text="The Group welcomes MRN as a participant.",
                               join_request=request, join_request_outcome="accepted", by=people.secretariat)
    request.refresh_from_db()
    assert request.status == JoinRequestStatus.ACCEPTED
    assert request.decided_on == meeting.local_starts_at.date()
    assert request.decided_by == people.secretariat
    assert decision.reference in request.decision_note
    assert request.agency == Agency.objects.get(acronym="MRN")
    assert decision.join_request == request
    with pytest.raises(ValidationError):  # decided already
        decision_record(meeting=meeting, text="Again", join_request=request, join_request_outcome="declined",
                        by=people.secretariat)


def test_a_refused_join_decision_leaves_nothing_half_done(people):
    meeting = held(people.secretariat)
    request = join_request(acronym="OWN")  # an agency with this acronym exists: the members app refuses
    with pytest.raises(ValidationError):
        decision_record(meeting=meeting, text="Accept", join_request=request, join_request_outcome="accepted",
                        by=people.secretariat)
    request.refresh_from_db()
    assert request.status == JoinRequestStatus.PENDING
    assert not Decision.objects.exists()


def test_declining_a_request_to_join(people):
    meeting = held(people.secretariat)
    request = join_request()
    decision_record(meeting=meeting, text="Not within the mandate.", join_request=request,
                    join_request_outcome="declined", by=people.secretariat)
    request.refresh_from_db()
    assert request.status == JoinRequestStatus.DECLINED and request.agency is None


@pytest.mark.dates
def test_action_items_are_numbered_and_completed(people):
    meeting = held(people.secretariat)
    decision = decision_record(meeting=meeting, text="Prepare the report", by=people.secretariat)
    item = action_item_create(meeting=meeting, title="Draft chapter 2", owner_agency=people.owning,
                              assignee=people.focal_point, due_on=datetime.date(2031, 1, 31), decision=decision,
                              by=people.secretariat)
    assert item.reference == f"{meeting.reference} A1"
    item = action_item_update_progress(item=item, status=ActionItemStatus.DONE, progress_note="Sent",
                                       by=people.focal_point)
    assert item.completed_on == timezone.localdate()
    item = action_item_update_progress(item=item, status=ActionItemStatus.IN_PROGRESS, progress_note="Reopened",
                                       by=people.focal_point)
    assert item.completed_on is None


def test_a_focal_point_update_changes_only_status_and_progress(people):
    meeting = held(people.secretariat)
    item = action_item_create(meeting=meeting, title="Draft", owner_agency=people.owning,
                              due_on=datetime.date(2031, 1, 31), by=people.secretariat)
    action_item_update(item=item, data={"status": "in_progress", "progress_note": "x", "due_on": datetime.date(2040, 1,
                       1), "title": "Changed"}, by=people.focal_point, fields=("status", "progress_note"))
    item.refresh_from_db()
    assert (item.title, item.due_on, item.status) == ("Draft", datetime.date(2031, 1, 31), "in_progress")


def test_the_assignee_works_for_the_owner_agency(people):
    meeting = held(people.secretariat)
    with pytest.raises(ValidationError):
        action_item_create(meeting=meeting, title="Draft", owner_agency=people.owning,
                           assignee=people.other_focal_point, due_on=datetime.date(2031, 1, 31), by=people.secretariat)
    staff = UserFactory(email="staff@own.example", agency=people.owning)
    assert action_item_create(meeting=meeting, title="Draft", owner_agency=people.owning, assignee=staff,
                              due_on=datetime.date(2031, 1, 31), by=people.secretariat).assignee == staff
    assert ActionItem.objects.count() == 1


def test_a_decision_of_another_meeting_cannot_be_linked(people):
    meeting = held(people.secretariat)
    elsewhere = decision_record(meeting=held(people.secretariat, days_ago=30), text="x", by=people.secretariat)
    with pytest.raises(ValidationError):
        action_item_create(meeting=meeting, title="Draft", owner_agency=people.owning, decision=elsewhere,
                           due_on=datetime.date(2031, 1, 31), by=people.secretariat)


@pytest.mark.dates
def test_the_people_given_an_action_item_are_told_when_it_is_created(
        people, django_capture_on_commit_callbacks, mailoutbox, eager_celery):
    meeting = held(people.secretariat)
    people.alternate.language = "fr"
    people.alternate.save()
    with django_capture_on_commit_callbacks(execute=True):
        item = action_item_create(meeting=meeting, title="Circulate the study", owner_agency=people.owning,
                      assignee=people.focal_point, due_on=datetime.date(2040, 3, 1), by=people.secretariat)
    by_address = {message.to[0]: message for message in mailoutbox}
    # The assignee and the owner agency's focal point and alternate, each once; not the other agency.
    assert sorted(by_address) == sorted([people.focal_point.email, people.alternate.email])
    english = by_address[people.focal_point.email]
    assert english.subject == f"New action item {item.reference}, due on 1 March 2040"
    assert f"the Group gave {people.owning.acronym} action item {item.reference}" in english.body
    assert "Circulate the study" in english.body and f"/meetings/action-items/{item.pk}/" in english.body
    french = by_address[people.alternate.email]
    assert "mars 2040" in french.subject and "Circulate the study" in french.body


def test_the_progress_service_refuses_a_focal_point_s_drop(people):
    item = action_item_create(meeting=held(people.secretariat), title="Study", owner_agency=people.owning,
                  due_on=datetime.date(2040, 3, 1), by=people.secretariat)
    with pytest.raises(ValidationError) as error:
        action_item_update_progress(item=item, status="dropped", progress_note="", by=people.focal_point)
    assert "Only the secretariat can drop" in error.value.message_dict["status"][0]
    assert action_item_update_progress(item=item, status="dropped", progress_note="Group decided",
                                       by=people.secretariat).status == "dropped"
