"""A meeting from start to finish in chromium: scheduled by the secretariat, answered by a focal
point, attendance and a decision with an action item recorded, the action item marked done."""

import datetime
import re
import zoneinfo

import pytest
from django.conf import settings
from django.utils import timezone

from meetings.models import ActionItem, Attendance, Decision, Invitation, Meeting
from tests.browser.helpers import signed_in_page
from tests.people import make_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.dates]


def test_a_videoconference_from_scheduling_to_the_action_item_done(browser, live_server):
    people = make_people()
    base = live_server.url
    day = timezone.localdate() + datetime.timedelta(days=10)

    # The secretariat schedules a videoconference and invites the members.
    secretariat_context, secretariat = signed_in_page(browser, live_server, people.secretariat.email, totp=True)
    secretariat.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Meetings").click()
    secretariat.get_by_role("link", name="Schedule a meeting").click()
    secretariat.get_by_label("Subject").fill("Preparation of the RCM")
    secretariat.get_by_label("Mode").select_option("videoconference")
    secretariat.get_by_label("Time zone of the venue").select_option("Asia/Beirut")
    secretariat.get_by_label("Starts (venue time)").fill(f"{day:%Y-%m-%d}T11:00")
    secretariat.get_by_label("Ends (venue time)").fill(f"{day:%Y-%m-%d}T13:00")
    secretariat.get_by_label("Videoconference link").fill("https://meet.example.org/rwg-rcm")
    secretariat.get_by_role("button", name="Schedule").click()
    secretariat.get_by_text("was scheduled").wait_for()
    meeting = Meeting.objects.get()
    assert (meeting.mode, meeting.city, meeting.time_zone) == ("videoconference", "", "Asia/Beirut")
    assert timezone.localtime(meeting.starts_at, meeting.zone).hour == 11
    secretariat.get_by_role("link", name="Invitations").click()
    secretariat.get_by_label("Invite the focal points and alternates of all member agencies").check()
    secretariat.get_by_role("button", name="Send the invitations").click()
    secretariat.get_by_text("invitations were sent").wait_for()
    assert Invitation.objects.filter(meeting=meeting).count() == 3

    # The focal point finds the invitation on the dashboard and answers (htmx swaps the card).
    focal_context, focal = signed_in_page(browser, live_server, people.focal_point.email)
    focal.get_by_role("link", name=meeting.reference).first.click()
    focal.get_by_label("Will attend remotely").check()
    focal.get_by_label("Note to the secretariat").fill("Joining from Amman")
    focal.get_by_role("button", name="Send my answer").click()
    focal.get_by_text("Your answer was saved: Will attend remotely.").wait_for()
    invitation = Invitation.objects.get(meeting=meeting, person=people.focal_point)
    assert (invitation.response, invitation.response_note) == ("remote", "Joining from Amman")

    # The meeting takes place (the clock is moved rather than waited for).
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=3),
                                                 ends_at=timezone.now() - datetime.timedelta(hours=1))

    # The secretariat records the attendance, guessed from the answers.
    secretariat.goto(f"{base}/meetings/{meeting.pk}/")
    secretariat.get_by_role("link", name="Record attendance").click()
    assert secretariat.get_by_label("OWN represented by").input_value() == "focal_point"
    assert secretariat.get_by_label("OWN Remotely").is_checked()
    secretariat.get_by_label("OTH represented by").select_option("absent")
    secretariat.get_by_role("button", name="Save the attendance").click()
    secretariat.get_by_text("The attendance of").wait_for()
    assert Meeting.objects.get().status == "held"
    own = Attendance.objects.get(agency=people.owning)
    assert (own.representation, own.person, own.remote) == ("focal_point", people.focal_point, True)

    # ... and a decision with the action item arising from it.
    secretariat.get_by_role("link", name="Record a decision").click()
    # The decision's text has an input per language, grouped under its legend (rwg_portal/translated.py).
    secretariat.get_by_role("group", name=re.compile(r"^Decision\b")).get_by_label("English").fill(
        "The Group will present its report to the RCM.")
    secretariat.get_by_label("Report to the RCM").check()
    secretariat.get_by_label("Action item arising (optional)").fill("Draft the report to the RCM")
    secretariat.get_by_label("Owner agency").select_option(label="OWN")
    secretariat.get_by_label("Assignee").select_option(str(people.focal_point.pk))
    secretariat.get_by_label("Due on").fill(f"{day:%Y-%m-%d}")
    secretariat.get_by_role("button", name="Record the decision").click()
    secretariat.get_by_text(f"Decision {meeting.reference} D1 was recorded").wait_for()
    decision = Decision.objects.get()
    item = ActionItem.objects.get()
    assert item.decision == decision and item.assignee == people.focal_point
    secretariat_context.close()

    # The focal point marks the action item done.
    focal.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Action items").click()
    focal.get_by_role("link", name=item.reference).click()
    focal.get_by_label("Status").select_option("done")
    focal.get_by_label("Progress note").fill("Draft sent to the co-chairs")
    focal.get_by_role("button", name="Save the progress").click()
    focal.get_by_text(f"Action item {item.reference} was updated").wait_for()
    item.refresh_from_db()
    # "Today" as the focal point sees it: in their zone (the portal's default), not the server's UTC.
    today_there = timezone.localdate(timezone=zoneinfo.ZoneInfo(settings.RWG_DEFAULT_TIME_ZONE))
    assert item.status == "done" and item.completed_on == today_there
    assert item.history.first().history_user == people.focal_point
    focal_context.close()
