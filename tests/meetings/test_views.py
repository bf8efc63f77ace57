"""What the pages do, beyond who may see them."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.choices import MeetingStatus, MinutesStatus
from meetings.models import ActionItem, Attendance, Decision, Invitation, Meeting
from meetings.services.actions import action_item_create
from meetings.services.agenda import agenda_item_add
from meetings.services.decisions import decision_record
from meetings.services.documents import document_upload
from meetings.services.invitations import invitations_create
from rwg_portal.timezones import zone_label
from tests.meetings.files import pdf_bytes, upload
from tests.meetings.helpers import BEIRUT, held, schedule

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"meetings:{name}", args=args)


@pytest.mark.dates
def test_scheduling_reads_the_times_in_the_venue_s_time_zone(people, client):
    client.force_login(people.secretariat)
    people.secretariat.time_zone = "America/New_York"  # the reader's zone must not matter
    people.secretariat.save()
    response = client.post(url("meeting_create"), {
        "kind": "regular", "mode": "hybrid", "city": "cairo", "time_zone": "Asia/Beirut",
        "starts": "2031-03-10T10:00", "ends": "2031-03-10T13:00", "video_link": "https://meet.example.org/a",
        "title": "Spring meeting"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == url("meeting_detail", meeting.pk)
    assert meeting.time_zone == "Africa/Cairo"
    assert meeting.starts_at == datetime.datetime(2031, 3, 10, 8, 0, tzinfo=datetime.UTC)
    form = client.get(url("meeting_edit", meeting.pk)).content.decode()
    assert 'value="2031-03-10T10:00"' in form


def test_a_bad_schedule_changes_nothing_and_says_why(people, client):
    client.force_login(people.secretariat)
    response = client.post(url("meeting_create"), {
        "kind": "regular", "mode": "videoconference", "time_zone": "Asia/Beirut",
        "starts": "2031-03-10T10:00", "ends": "2031-03-10T09:00"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "The meeting must end after it starts." in content
    assert "Give the link of the videoconference." in content
    assert not Meeting.objects.exists()


@pytest.mark.dates
def test_the_meeting_page_shows_reader_and_venue_times(people, client):
    meeting = schedule(people.secretariat, starts_at=datetime.datetime(2031, 3, 10, 10, 0, tzinfo=BEIRUT))
    people.focal_point.time_zone = "Asia/Dubai"
    people.focal_point.save()
    client.force_login(people.focal_point)
    content = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert "12:00–15:00 +04" in content  # the reader's time in Dubai
    assert "venue time" in content and "10:00–13:00 EET" in content and "Beirut, Lebanon" in content
    assert "Asia/Beirut" not in content  # the zone by its city, not its IANA name


def test_answering_with_htmx_swaps_the_answer_card(people, client):
    meeting = schedule(people.secretariat)
    (invitation,) = invitations_create(meeting=meeting, include_members=False, people=[people.focal_point],
                                       by=people.secretariat)
    client.force_login(people.focal_point)
    response = client.post(url("invitation_answer", invitation.pk), {"response": "in_person"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<section id="answer"') and "<html" not in content
    assert "Your answer was saved: Will attend in person." in content
    response = client.post(url("invitation_answer", invitation.pk), {"response": "nonsense"})
    assert response.status_code == 302
    assert Invitation.objects.get().response == "in_person"


def test_a_download_is_an_attachment_that_is_never_sniffed(people, client):
    meeting = schedule(people.secretariat)
    document = document_upload(meeting=meeting, title="Paper", upload=upload('a"b\r\nc.pdf', pdf_bytes()),
                               by=people.secretariat)
    client.force_login(people.focal_point)
    response = client.get(url("document_download", document.versions.get().pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "\n" not in disposition and "\r" not in disposition
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_uploading_a_disguised_file_through_the_form_is_refused(people, client):
    meeting = schedule(people.secretariat)
    client.force_login(people.secretariat)
    response = client.post(url("document_upload", meeting.pk), {
        "title": "Agenda", "file": upload("agenda.pdf", b"<html><script>alert(1)</script></html>")})
    assert response.status_code == 200
    assert "whatever its name says" in response.content.decode()
    assert not meeting.documents.exists()


@pytest.mark.dates
def test_recording_attendance_through_the_form_marks_the_meeting_held(people, client):
    meeting = schedule(people.secretariat, starts_at=timezone.now() - datetime.timedelta(hours=4))
    client.force_login(people.secretariat)
    page = client.get(url("attendance", meeting.pk)).content.decode()
    assert f'name="agency-{people.owning.pk}-representation"' in page
    response = client.post(url("attendance", meeting.pk), {
        f"agency-{people.owning.pk}-representation": "focal_point", f"agency-{people.owning.pk}-remote": "on",
        f"agency-{people.other.pk}-representation": "other",
        f"agency-{people.other.pk}-representative_name": "Deputy representative"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    own = Attendance.objects.get(agency=people.owning)
    assert (own.person, own.remote) == (people.focal_point, True)


def test_a_decision_and_its_action_item_in_one_step(people, client):
    meeting = held(people.secretariat)
    client.force_login(people.secretariat)
    bad = client.post(url("decision_add", meeting.pk), {"text_en": "Prepare the report", "language": "en",
                                                      "action_title": "Draft it"})
    assert "Needed for the action item arising from the decision." in bad.content.decode()
    assert not Decision.objects.exists()
    response = client.post(url("decision_add", meeting.pk), {
        "text_en": "Prepare the report", "language": "en", "report_to_rcm": "on", "action_title": "Draft it",
        "action_owner": people.owning.pk, "action_assignee": people.focal_point.pk, "action_due_on": "2031-05-01"})
    assert response.status_code == 302
    action = ActionItem.objects.get()
    assert action.decision == Decision.objects.get() and action.assignee == people.focal_point


def test_an_invalid_assignee_cancels_the_decision_too(people, client):
    meeting = held(people.secretariat)
    client.force_login(people.secretariat)
    response = client.post(url("decision_add", meeting.pk), {
        "text_en": "Prepare the report", "language": "en", "action_title": "Draft it", "action_owner": people.owning.pk,
        "action_assignee": people.other_focal_point.pk, "action_due_on": "2031-05-01"})
    assert "The assignee must work for the owner agency." in response.content.decode()
    assert not Decision.objects.exists() and not ActionItem.objects.exists()


@pytest.mark.dates
def test_the_calendar_puts_a_meeting_on_the_reader_s_day(people, client):
    late = datetime.datetime(2031, 3, 10, 23, 30, tzinfo=BEIRUT)  # 00:30 on 11 March in Dubai
    meeting = schedule(people.secretariat, starts_at=late, hours=1)
    people.focal_point.time_zone = "Asia/Dubai"
    people.focal_point.save()
    client.force_login(people.focal_point)
    response = client.get(url("calendar"), {"month": "2031-03"})
    grid = response.context["grid"]
    days = {cell["date"]: cell["meetings"] for week in grid for cell in week}
    assert days[datetime.date(2031, 3, 11)] == [meeting]
    assert days[datetime.date(2031, 3, 10)] == []
    listing = client.get(url("calendar"), {"month": "2031-03", "view": "list"}).content.decode()
    assert meeting.reference in listing


@pytest.mark.dates
def test_the_year_view_and_the_dashboard_warn_below_three(people, client):
    year = timezone.localdate().year
    client.force_login(people.secretariat)
    content = client.get(url("year", year)).content.decode()
    assert "3 more meetings must be planned" in content
    dashboard = client.get(reverse("home")).content.decode()
    assert "Plan 3 more meetings to reach the minimum of three this year." in dashboard
    client.force_login(people.focal_point)
    assert "Plan 3 more meetings" not in client.get(reverse("home")).content.decode()


@pytest.mark.dates
def test_the_dashboard_asks_invitees_for_an_answer(people, client):
    meeting = schedule(people.secretariat)
    invitations_create(meeting=meeting, include_members=False, people=[people.focal_point], by=people.secretariat)
    client.force_login(people.focal_point)
    content = client.get(reverse("home")).content.decode()
    assert meeting.reference in content and "answer needed" in content


def test_rcm_delegates_see_only_approved_decisions_flagged_for_the_rcm(people, client):
    meeting = held(people.secretariat)
    decision_record(meeting=meeting, text="Flagged but not approved yet", report_to_rcm=True, by=people.secretariat)
    decision_record(meeting=meeting, text="Internal matter", by=people.secretariat)
    client.force_login(people.rcm_delegate)
    assert "Flagged but not approved yet" not in client.get(url("rcm_decisions")).content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(minutes_status=MinutesStatus.APPROVED,
                                                 minutes_approved_on=timezone.localdate())
    content = client.get(url("rcm_decisions")).content.decode()
    assert "Flagged but not approved yet" in content and "Internal matter" not in content
    assert "Flagged but not approved yet" in client.get(reverse("home")).content.decode()
    assert client.get(url("meeting_detail", meeting.pk)).status_code == 403


def test_markdown_in_minutes_is_sanitised_on_the_page(people, client):
    meeting = held(people.secretariat)
    item = agenda_item_add(meeting=meeting, data={"title": "AOB",
                                                  "description": "**Bold** <script>alert('x')</script>"},
                           by=people.secretariat)
    client.force_login(people.focal_point)
    content = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert "<strong>Bold</strong>" in content and "<script>alert('x')" not in content
    assert item.title in content


@pytest.mark.dates
def test_the_focal_point_marks_an_action_item_done(people, client):
    meeting = held(people.secretariat)
    item = action_item_create(meeting=meeting, title="Send data", owner_agency=people.owning,
                              due_on=datetime.date(2031, 1, 1), by=people.secretariat)
    client.force_login(people.alternate)
    response = client.post(url("action_item_detail", item.pk), {"status": "done", "progress_note": "Sent"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and item.completed_on == timezone.localdate()
    assert item.history.first().history_user == people.alternate


@pytest.mark.dates
def test_filters_on_the_action_item_list(people, client):
    meeting = held(people.secretariat)
    mine = action_item_create(meeting=meeting, title="Mine", owner_agency=people.owning,
                              due_on=timezone.localdate() - datetime.timedelta(days=3), by=people.secretariat)
    action_item_create(meeting=meeting, title="Theirs", owner_agency=people.other,
                       due_on=timezone.localdate() + datetime.timedelta(days=3), by=people.secretariat)
    client.force_login(people.focal_point)
    response = client.get(url("action_item_list"), {"mine": "on"})
    assert [i.pk for i in response.context["page_obj"]] == [mine.pk]
    response = client.get(url("action_item_list"), {"state": "overdue"})
    assert [i.pk for i in response.context["page_obj"]] == [mine.pk]


def test_the_feed_page_shows_the_address_once(people, client):
    client.force_login(people.focal_point)
    response = client.post(url("feed_settings"), {"action": "create"})
    content = response.content.decode()
    assert "it will not be shown again" in content
    token = response.context["feed_url"].rsplit("/", 1)[1].removesuffix(".ics")
    assert client.get(url("feed", token)).status_code == 200
    again = client.get(url("feed_settings")).content.decode()
    assert token not in again and "You have an active calendar address" in again
    client.post(url("feed_settings"), {"action": "revoke"})
    assert client.get(url("feed", token)).status_code == 404


def test_times_in_a_zone_without_an_abbreviation(people, client):
    # Abbreviations like "+04" are what zoneinfo gives for such zones; the page must not fail.
    assert zoneinfo.ZoneInfo("Asia/Dubai")
    meeting = schedule(people.secretariat, mode="videoconference", city="", time_zone="Asia/Dubai",
                       video_link="https://meet.example.org/z")
    client.force_login(people.focal_point)
    assert client.get(url("meeting_detail", meeting.pk)).status_code == 200


def test_the_secretariat_answers_on_behalf_of_an_invitee(people, client):
    meeting = schedule(people.secretariat)
    (invitation,) = invitations_create(meeting=meeting, include_members=False, people=[people.focal_point],
                                       by=people.secretariat)
    client.force_login(people.secretariat)
    page = client.get(url("invitations", meeting.pk)).content.decode()
    assert f'action="{url("invitation_answer", invitation.pk)}"' in page
    response = client.post(url("invitation_answer", invitation.pk), {"response": "cannot_attend"})
    assert response["Location"] == url("invitations", meeting.pk) + f"#invitation-{invitation.pk}"
    invitation.refresh_from_db()
    assert invitation.response == "cannot_attend"
    assert invitation.history.first().history_change_reason.startswith("answered on behalf")


@pytest.mark.dates
def test_the_attendance_form_waits_for_the_start_and_says_when(people, client):
    start = timezone.now() + datetime.timedelta(days=3)
    meeting = schedule(people.secretariat, starts_at=start.replace(second=0, microsecond=0))
    people.secretariat.time_zone = "Asia/Dubai"
    people.secretariat.save()
    client.force_login(people.secretariat)
    detail = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert url("attendance", meeting.pk) not in detail
    assert "Attendance can be recorded once the meeting has started." in detail
    page = client.get(url("attendance", meeting.pk)).content.decode()
    assert "-representation" not in page and "<form" not in page.split('id="attendance-not-yet"')[1]
    assert "attendance can be recorded from its start" in page
    local = timezone.localtime(meeting.starts_at, zoneinfo.ZoneInfo("Asia/Dubai"))
    assert local.strftime("%H:%M") in page and "+04" in page  # the reader's time, with its zone
    assert zone_label("Asia/Beirut", "en") in page  # and the venue's, by its city
    response = client.post(url("attendance", meeting.pk), {
        f"agency-{people.owning.pk}-representation": "focal_point"})
    assert response.status_code == 302 and response["Location"] == url("attendance", meeting.pk)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED and not Attendance.objects.exists()
    follow = client.get(url("attendance", meeting.pk)).content.decode()
    assert "Attendance can be recorded once the meeting has started." in follow


@pytest.mark.dates
def test_removing_an_agenda_item_after_the_invitations_asks_first_and_tells_the_invitees(
        people, client, django_capture_on_commit_callbacks, mailoutbox, eager_celery):
    by = people.secretariat
    meeting = schedule(by)
    keep = agenda_item_add(meeting=meeting, data={"title": "Workplan 2032"}, by=by)
    item = agenda_item_add(meeting=meeting, data={"title": "Budget of the study"}, by=by)
    people.alternate.language = "ar"
    people.alternate.save()
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create(meeting=meeting, include_members=False, people=[people.focal_point, people.alternate],
                           by=by)
    mailoutbox.clear()
    client.force_login(by)

    # The ✕ button posts without confirmation: it leads to the confirmation page, nothing is removed.
    response = client.post(url("agenda_item_delete", item.pk))
    assert response.status_code == 302 and response["Location"] == url("agenda_item_delete", item.pk)
    page = client.get(response["Location"]).content.decode()
    assert "Budget of the study" in page and "the 2 invitees will be told of the change by e-mail" in page
    assert 'name="confirm" value="yes"' in page
    assert meeting.agenda_items.filter(pk=item.pk).exists() and mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("agenda_item_delete", item.pk), {"confirm": "yes"})
    assert response.status_code == 302
    assert not meeting.agenda_items.filter(pk=item.pk).exists()
    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {people.focal_point.email, people.alternate.email}
    english = by_address[people.focal_point.email]
    assert english.subject == f"{meeting.reference}: the agenda has changed"
    assert "An item was removed from the agenda of meeting" in english.body
    assert "Budget of the study" in english.body and f". {keep.title}" in english.body
    assert url("meeting_detail", meeting.pk) in english.body
    arabic = by_address[people.alternate.email]
    assert "Budget of the study" in arabic.body and "An item was removed" not in arabic.body
    assert "جدول الأعمال" in arabic.subject


def test_removing_an_item_before_any_invitation_needs_no_confirmation(people, client, mailoutbox):
    meeting = schedule(people.secretariat)
    item = agenda_item_add(meeting=meeting, data={"title": "Budget"}, by=people.secretariat)
    client.force_login(people.secretariat)
    assert client.post(url("agenda_item_delete", item.pk)).status_code == 302
    assert not meeting.agenda_items.filter(pk=item.pk).exists() and mailoutbox == []


@pytest.mark.dates
def test_focal_points_cannot_drop_an_agreed_action_item_the_secretariat_can(people, client):
    meeting = held(people.secretariat)
    item = action_item_create(meeting=meeting, title="Circulate the study", owner_agency=people.owning,
                              due_on=datetime.date(2040, 1, 1), by=people.secretariat)
    client.force_login(people.focal_point)
    page = client.get(url("action_item_detail", item.pk)).content.decode()
    assert 'value="dropped"' not in page and 'value="in_progress"' in page
    response = client.post(url("action_item_detail", item.pk), {"status": "dropped", "progress_note": "Not needed"})
    assert response.status_code == 200
    assert "Only the secretariat can drop an action item agreed by the Group." in response.content.decode()
    item.refresh_from_db()
    assert (item.status, item.progress_note) == ("open", "")
    client.force_login(people.secretariat)
    assert 'value="dropped"' in client.get(url("action_item_detail", item.pk)).content.decode()
    response = client.post(url("action_item_detail", item.pk), {"status": "dropped", "progress_note": "Group: drop"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "dropped"


@pytest.mark.dates
def test_rcm_delegates_see_the_dates_of_the_meetings_not_their_pages_or_papers(people, client):
    by = people.secretariat
    meeting = held(by, title="Spring meeting")
    document_upload(meeting=meeting, title="Secret workplan draft", upload=upload("w.pdf", pdf_bytes()), by=by)
    online = schedule(by, mode="videoconference", city="", video_link="https://meet.example.org/secret-room",
                      title="Preparation of the RCM")
    client.force_login(people.rcm_delegate)
    page = client.get(url("meeting_list")).content.decode()
    assert meeting.reference in page and "Spring meeting" in page and "Beirut" in page
    assert online.reference in page and "Preparation of the RCM" in page and "Videoconference" in page
    assert url("meeting_detail", meeting.pk) not in page and url("meeting_detail", online.pk) not in page
    assert "secret-room" not in page and "Secret workplan" not in page
    assert url("calendar") not in page  # no links to the members' pages
    assert client.get(url("meeting_detail", meeting.pk)).status_code == 403
    assert client.get(url("meeting_ics", online.pk)).status_code == 403
    assert url("meeting_list") in client.get(url("rcm_decisions")).content.decode()
    assert url("meeting_list") in client.get(reverse("home")).content.decode()  # from the RCM panel


def test_focal_points_open_the_action_items_on_their_own_and_can_see_everyone_s(people, client):
    meeting = held(people.secretariat)
    own = action_item_create(meeting=meeting, title="Task of the owning agency", owner_agency=people.owning,
                             due_on=datetime.date(2040, 1, 1), by=people.secretariat)
    other = action_item_create(meeting=meeting, title="Task of the other agency", owner_agency=people.other,
                               due_on=datetime.date(2040, 1, 1), by=people.secretariat)
    client.force_login(people.focal_point)
    page = client.get(url("action_item_list")).content.decode()
    assert own.title in page and other.title not in page
    assert 'name="mine"' in page and "checked" in page.split('name="mine"')[1].split(">")[0]
    # Unticked, the form sends its other fields without "mine": everyone's items.
    page = client.get(url("action_item_list"), {"state": "", "owner_agency": "", "year": ""}).content.decode()
    assert own.title in page and other.title in page
    client.force_login(people.secretariat)
    page = client.get(url("action_item_list")).content.decode()
    assert own.title in page and other.title in page


@pytest.mark.dates
def test_answering_with_htmx_updates_the_answer_counts_too(people, client):
    meeting = schedule(people.secretariat)
    (invitation,) = invitations_create(meeting=meeting, include_members=False, people=[people.focal_point],
                                       by=people.secretariat)
    client.force_login(people.focal_point)
    before = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert 'id="answer-counts"' in before and "Will attend remotely: 0" in before
    response = client.post(url("invitation_answer", invitation.pk), {"response": "remote", "note": ""},
                           headers={"HX-Request": "true"})
    content = response.content.decode()
    assert 'id="answer"' in content
    counts = content.split('id="answer-counts"')[1]
    assert 'hx-swap-oob="true"' in counts and "Will attend remotely: 1" in counts and "No answer yet: 0" in counts
    after = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert "Will attend remotely: 1" in after


# The meeting page reads the meeting once for all its readers (issue 14) ------------------------------


def test_the_shared_meeting_page_shows_each_reader_their_own_invitation(people, client):
    from tests.meetings.factories import InvitationFactory

    meeting = schedule(people.secretariat, title="Shared page meeting")
    invitation = InvitationFactory(meeting=meeting, person=people.focal_point, agency=people.owning)
    client.force_login(people.alternate)  # not invited: reads the meeting first, for everyone
    assert "Your answer" not in client.get(url("meeting_detail", meeting.pk)).content.decode()
    client.force_login(people.focal_point)
    page = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert "Your answer" in page and url("invitation_answer", invitation.pk) in page
    client.force_login(people.alternate)
    page = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert "Your answer" not in page and url("invitation_answer", invitation.pk) not in page


def test_a_change_to_the_meeting_shows_to_its_next_reader(people, client):
    meeting = schedule(people.secretariat)
    client.force_login(people.focal_point)
    assert "Remittance corridors" not in client.get(url("meeting_detail", meeting.pk)).content.decode()
    agenda_item_add(meeting=meeting, data={"title": "Remittance corridors", "duration_minutes": 20},
                    by=people.secretariat)
    client.force_login(people.alternate)
    assert "Remittance corridors" in client.get(url("meeting_detail", meeting.pk)).content.decode()


def test_a_meeting_read_by_a_member_stays_closed_to_others(people, client):
    meeting = schedule(people.secretariat, title="Members only meeting")
    client.force_login(people.focal_point)
    assert client.get(url("meeting_detail", meeting.pk)).status_code == 200
    for outsider in (people.no_role, people.rcm_delegate):
        client.force_login(outsider)
        response = client.get(url("meeting_detail", meeting.pk))
        assert response.status_code in (403, 404)
        assert "Members only meeting" not in response.content.decode()


def test_a_refused_write_leaves_the_shared_meeting_page_as_it_was(people):
    from django.test import Client

    from rwg_portal import dashboard_cache

    meeting = schedule(people.secretariat, title="Kept meeting")
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.focal_point)
    assert client.get(url("meeting_detail", meeting.pk)).status_code == 200
    before = dashboard_cache.versions()
    assert client.post(url("meeting_edit", meeting.pk), {"title": "Sneaked in"}).status_code == 403  # no CSRF token
    assert client.post(url("meeting_detail", meeting.pk)).status_code in (403, 405)
    assert dashboard_cache.versions() == before
    assert "Kept meeting" in client.get(url("meeting_detail", meeting.pk)).content.decode()
