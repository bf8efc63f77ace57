"""Every view of the meetings app, as every standing person (tests/access.py)."""

import datetime

import pytest
from django.urls import reverse

from meetings.choices import MinutesStatus
from meetings.models import ActionItem, AgendaItem, CalendarFeed, Decision, Document, Invitation, Meeting
from meetings.services.actions import action_item_create
from meetings.services.agenda import agenda_item_add
from meetings.services.decisions import decision_record
from meetings.services.documents import document_upload, papers_bundle_build, papers_bundle_request
from meetings.services.feeds import calendar_feed_create
from meetings.services.invitations import invitations_create
from meetings.services.minutes import minutes_section_save
from tests.access import LOGIN, OK, assert_access
from tests.meetings.files import pdf_upload
from tests.meetings.helpers import held, schedule

pytestmark = pytest.mark.django_db

GROUP = {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": OK, "alternate": OK,
         "focal_point": OK, "secretariat": OK, "admin": OK}
SECRETARIAT = {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403, "alternate": 403,
               "focal_point": 403, "secretariat": OK, "admin": OK}
OWNING_AGENCY = {**SECRETARIAT, "alternate": OK, "focal_point": OK}
EVERYONE_WITH_THE_TOKEN = {role: OK for role in GROUP}


@pytest.fixture
def setting(people):
    """A held meeting with an agenda item, a paper, a decision and an action item of the owning agency,
    and a planned meeting to which the owning agency's focal point is invited."""
    by = people.secretariat
    meeting = held(by)
    item = agenda_item_add(meeting=meeting, data={"title": "Workplan"}, by=by)
    document = document_upload(meeting=meeting, agenda_item=item, title="Workplan draft", upload=pdf_upload(), by=by)
    decision = decision_record(meeting=meeting, text="Adopted", agenda_item=item, report_to_rcm=True, by=by)
    action = action_item_create(meeting=meeting, title="Circulate", owner_agency=people.owning,
                                due_on=datetime.date(2031, 1, 1), decision=decision, by=by)
    planned = schedule(by)
    (invitation,) = invitations_create(meeting=planned, include_members=False, people=[people.focal_point], by=by)
    return {"meeting": meeting, "item": item, "document": document, "decision": decision, "action": action,
            "planned": planned, "invitation": invitation}


def url(name, *args):
    return reverse(f"meetings:{name}", args=args)


def meeting_count():
    return Meeting.objects.count()


@pytest.mark.parametrize("name", ["year_current", "calendar", "action_item_list", "feed_settings"])
def test_group_pages(people, name):
    assert_access(people, url(name), GROUP)


def test_the_list_of_meetings_is_also_the_rcm_delegates_list_of_dates(people):
    assert_access(people, url("meeting_list"), {**GROUP, "rcm_delegate": OK})


@pytest.mark.dates
def test_year_view(people):
    assert_access(people, url("year", 2031), GROUP)


def test_meeting_pages_for_the_group(people, setting):
    meeting = setting["meeting"]
    for address in (url("meeting_detail", meeting.pk), url("meeting_ics", meeting.pk),
                    url("document_detail", setting["document"].pk),
                    url("document_download", setting["document"].versions.get().pk),
                    url("action_item_detail", setting["action"].pk)):
        assert_access(people, address, GROUP)


def test_secretariat_pages(people, setting):
    meeting, item = setting["meeting"], setting["item"]
    for address in (url("meeting_create"), url("meeting_edit", meeting.pk), url("meeting_status", meeting.pk),
                    url("meeting_clone", meeting.pk), url("meeting_history", meeting.pk),
                    url("agenda_item_add", meeting.pk), url("agenda_item_edit", item.pk),
                    url("document_upload", meeting.pk), url("invitations", meeting.pk), url("attendance", meeting.pk),
                    url("minutes_section_edit", item.pk), url("minutes_approve", meeting.pk),
                    url("decision_add", meeting.pk), url("decision_edit", setting["decision"].pk),
                    url("action_item_add", meeting.pk), url("action_item_edit", setting["action"].pk)):
        assert_access(people, address, SECRETARIAT)


def test_draft_minutes_are_the_secretariat_s_then_the_group_s(people, setting):
    meeting = setting["meeting"]
    assert_access(people, url("minutes", meeting.pk), SECRETARIAT)
    assert_access(people, url("minutes_section_history", setting["item"].pk), SECRETARIAT)
    Meeting.objects.filter(pk=meeting.pk).update(minutes_status=MinutesStatus.SHARED)
    assert_access(people, url("minutes", meeting.pk), GROUP)
    assert_access(people, url("minutes_section_history", setting["item"].pk), GROUP)


def test_rcm_decisions(people):
    assert_access(people, url("rcm_decisions"), {**GROUP, "rcm_delegate": OK})


def test_an_invitee_outside_the_group_sees_that_meeting_and_its_papers_only(people, setting):
    planned = setting["planned"]
    invitations_create(meeting=planned, include_members=False, people=[people.no_role, people.rcm_delegate],
                       by=people.secretariat)
    document = document_upload(meeting=planned, title="Agenda", upload=pdf_upload(), by=people.secretariat)
    for address in (url("meeting_detail", planned.pk), url("meeting_ics", planned.pk),
                    url("document_download", document.versions.get().pk)):
        assert_access(people, address, {**GROUP, "no_role": OK, "rcm_delegate": OK})
    assert_access(people, url("meeting_detail", setting["meeting"].pk), GROUP)


def test_a_document_cannot_be_downloaded_by_someone_outside_the_meeting(people, setting):
    version = setting["document"].versions.get()
    assert_access(people, url("document_download", version.pk), GROUP)
    from django.test import Client

    client = Client()
    client.force_login(people.no_role)
    response = client.get(url("document_download", version.pk))
    assert response.status_code == 403
    assert b"%PDF" not in response.content


# Writes -------------------------------------------------------------------


def test_scheduling_is_for_the_secretariat(people):
    data = {"kind": "regular", "mode": "in_person", "city": "beirut", "time_zone": "Asia/Beirut",
            "starts": "2031-03-10T10:00", "ends": "2031-03-10T13:00"}
    assert_access(people, url("meeting_create"), SECRETARIAT, method="post", data=data, snapshot=meeting_count)
    assert Meeting.objects.count() == 2


def test_meeting_writes_are_for_the_secretariat(people, setting):
    meeting, planned, item = setting["meeting"], setting["planned"], setting["item"]

    def snapshot():
        return (list(Meeting.objects.values_list("venue", "status", "sequence").order_by("pk")),
                list(AgendaItem.objects.values_list("title_en", "title_ar", "title_fr", "language", "position")
                     .order_by("pk")),
                Invitation.objects.count(), Document.objects.count())

    writes = [
        (url("meeting_edit", planned.pk), {"kind": "regular", "mode": "in_person", "city": "beirut",
                                           "time_zone": "Asia/Beirut", "starts": "2031-03-10T10:00",
                                           "ends": "2031-03-10T13:00", "venue": "Changed"}),
        (url("meeting_status", planned.pk), {"status": "cancelled", "status_note": "No quorum"}),
        (url("agenda_item_add", meeting.pk), {"title_en": "New item", "language": "en"}),
        (url("agenda_item_edit", item.pk), {"title_en": "Renamed", "language": "en"}),
        (url("agenda_item_move", item.pk), {"direction": "up"}),
        (url("agenda_refresh_follow_up", planned.pk), {}),
        (url("invitations", planned.pk), {"include_members": "on"}),
    ]
    for address, data in writes:
        assert_access(people, address, SECRETARIAT, method="post", data=data, snapshot=snapshot)


def test_uploading_papers_is_for_the_secretariat(people, setting):
    meeting, document = setting["meeting"], setting["document"]

    def snapshot():
        return Document.objects.count(), document.versions.count()

    for address in (url("document_upload", meeting.pk), url("document_replace", document.pk)):
        assert_access(people, address, SECRETARIAT, method="post",
                      data={"title": "Paper", "file": pdf_upload()}, snapshot=snapshot)


def test_records_are_for_the_secretariat(people, setting):
    meeting, item, decision, action = setting["meeting"], setting["item"], setting["decision"], setting["action"]

    def snapshot():
        return (list(Decision.objects.values_list("text_en", flat=True).order_by("pk")),
                list(ActionItem.objects.values_list("title", "status", "due_on").order_by("pk")),
                Meeting.objects.get(pk=meeting.pk).minutes_status, meeting.attendance.count(),
                list(AgendaItem.objects.filter(meeting=meeting).values_list("minutes__text", flat=True)))

    writes = [
        (url("minutes_section_edit", item.pk), {"text": "Minutes"}),
        (url("decision_add", meeting.pk), {"text_en": "Another decision", "language": "en"}),
        (url("decision_edit", decision.pk), {"text_en": "Amended", "language": "en"}),
        (url("action_item_add", meeting.pk), {"title": "New", "owner_agency": people.owning.pk,
                                              "due_on": "2031-01-01", "status": "open"}),
        (url("action_item_edit", action.pk), {"title": "Changed", "owner_agency": people.owning.pk,
                                              "due_on": "2031-02-01", "status": "open"}),
        (url("attendance", meeting.pk), {f"agency-{people.owning.pk}-representation": "focal_point",
                                         f"agency-{people.other.pk}-representation": "absent"}),
        (url("minutes_share", meeting.pk), {}),
    ]
    for address, data in writes:
        assert_access(people, address, SECRETARIAT, method="post", data=data, snapshot=snapshot)
    minutes_section_save(agenda_item=item, text="x", by=people.secretariat)
    assert_access(people, url("minutes_approve", meeting.pk), SECRETARIAT, method="post",
                  data={"approved_on": datetime.date.today().isoformat()}, snapshot=snapshot)


def test_a_focal_point_cannot_edit_another_agency_s_action_item(people, setting):
    action = setting["action"]

    def snapshot():
        return ActionItem.objects.values_list("status", "progress_note").get(pk=action.pk)

    assert_access(people, url("action_item_detail", action.pk), OWNING_AGENCY, method="post",
                  data={"status": "in_progress", "progress_note": "Working on it"}, snapshot=snapshot)
    from django.test import Client

    client = Client()
    client.force_login(people.other_focal_point)
    before = action.history.count()
    response = client.post(url("action_item_detail", action.pk), {"status": "done", "progress_note": "Hijacked"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.progress_note != "Hijacked"
    assert action.history.count() == before


def test_answering_is_for_the_invitee_and_the_secretariat(people, setting):
    invitation = setting["invitation"]

    def snapshot():
        return Invitation.objects.values_list("response", "response_note").get(pk=invitation.pk)

    assert_access(people, url("invitation_answer", invitation.pk),
                  {**SECRETARIAT, "focal_point": OK}, method="post",
                  data={"response": "remote", "note": "From Cairo"}, snapshot=snapshot)


def test_members_comment_on_shared_minutes(people, setting):
    meeting = setting["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(minutes_status=MinutesStatus.SHARED)

    def snapshot():
        return meeting.minutes_comments.count()

    assert_access(people, url("minutes_comment", meeting.pk), GROUP, method="post", data={"text": "A comment"},
                  snapshot=snapshot)
    assert meeting.minutes_comments.count() == 5


def test_papers_zip_for_those_who_see_the_meeting(people, setting):
    meeting = setting["meeting"]
    assert_access(people, url("papers_bundle_request", meeting.pk), GROUP, method="post")
    bundle = papers_bundle_request(meeting=meeting, by=people.secretariat)
    papers_bundle_build(bundle_id=bundle.pk)
    assert_access(people, url("papers_bundle", meeting.pk, bundle.pk), GROUP)
    assert_access(people, url("papers_bundle_download", meeting.pk, bundle.pk), GROUP)


def test_the_calendar_feed(people):
    _feed, token = calendar_feed_create(user=people.focal_point)
    assert_access(people, url("feed", token), EVERYONE_WITH_THE_TOKEN)
    assert_access(people, url("feed_settings"), GROUP, method="post", data={"action": "create"},
                  snapshot=lambda: CalendarFeed.objects.count())
    CalendarFeed.objects.update(revoked_at="2030-01-01T00:00:00Z")
    assert_access(people, url("feed", token), {role: 404 for role in GROUP})


def test_unknown_objects_are_404_for_the_group(people, client):
    client.force_login(people.focal_point)
    for name in ("meeting_detail", "document_download", "action_item_detail", "document_detail"):
        assert client.get(url(name, 999999)).status_code == 404
    client.force_login(people.no_role)
    assert client.get(url("meeting_detail", 999999)).status_code == 403
