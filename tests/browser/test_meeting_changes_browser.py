"""In chromium: a meeting rescheduled after its invitations, whose new .ics (e-mailed and downloaded) a
calendar applies to the same event; and a guest without an account answering through the signed link."""

import datetime
import re
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from meetings.models import GuestInvitation, Meeting
from meetings.services.agenda import agenda_item_add
from meetings.services.documents import document_upload
from meetings.services.guests import documents_share_with_guests
from meetings.services.invitations import invitations_create
from meetings.services.meetings import meeting_schedule
from rwg_portal.celery import app
from tests.browser.helpers import signed_in_page
from tests.meetings.files import pdf_upload
from tests.people import make_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.dates]
BEIRUT = zoneinfo.ZoneInfo("Asia/Beirut")


@pytest.fixture
def eager_tasks():
    """Tasks run in the live server's thread when enqueued: their e-mails land in the locmem outbox."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def planned_meeting(by, invitees):
    day = timezone.localtime(timezone.now(), BEIRUT).date() + datetime.timedelta(days=20)
    start = datetime.datetime.combine(day, datetime.time(10), tzinfo=BEIRUT)
    meeting = meeting_schedule(kind="regular", starts_at=start, ends_at=start + datetime.timedelta(hours=3),
                               time_zone="Asia/Beirut", mode="in_person", city="beirut", venue="UN House",
                               title="Workplan", by=by)
    agenda_item_add(meeting=meeting, data={"title": "Workplan of the year"}, by=by)
    invitations_create(meeting=meeting, include_members=False, people=invitees, by=by)
    return meeting


def calendar_in(message) -> Calendar:
    return Calendar.from_ical(message.attachments[0][1])


def test_a_rescheduled_meeting_updates_the_same_calendar_event(browser, live_server, eager_tasks, tmp_path):
    people = make_people()
    meeting = planned_meeting(people.secretariat, [people.focal_point])
    (invitation,) = mail.outbox
    (first,) = calendar_in(invitation).events
    mail.outbox.clear()

    # The secretariat moves the meeting a day later, at 14:00, in the edit form.
    new_day = meeting.local_starts_at.date() + datetime.timedelta(days=1)
    context, page = signed_in_page(browser, live_server, people.secretariat.email, totp=True)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/edit/")
    page.get_by_label("Starts (venue time)").fill(f"{new_day:%Y-%m-%d}T14:00")
    page.get_by_label("Ends (venue time)").fill(f"{new_day:%Y-%m-%d}T16:00")
    page.get_by_label("Venue", exact=True).fill("ESCWA, conference room 2")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("was saved").wait_for()
    context.close()

    # The invitee is e-mailed what changed, with an update of the same event.
    (update,) = mail.outbox
    assert update.to == [people.focal_point.email] and update.subject.endswith("the meeting has changed")
    assert "Now: ESCWA, conference room 2" in update.body
    calendar = calendar_in(update)
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.events
    new_start = datetime.datetime.combine(new_day, datetime.time(14), tzinfo=BEIRUT)
    assert event.uid == first.uid and event.sequence > first.sequence
    assert event.start == new_start and event["DTSTART"].params["TZID"] == "Asia/Beirut"
    assert {str(a) for a in event.attendees} == {f"mailto:{people.focal_point.email}"}

    # The invitee's download from the meeting page is the same event, at the same sequence.
    context, page = signed_in_page(browser, live_server, people.focal_point.email)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    path = tmp_path / "meeting.ics"
    info.value.save_as(path)
    (downloaded,) = Calendar.from_ical(path.read_bytes()).events
    assert downloaded.uid == first.uid and downloaded.sequence == event.sequence
    assert downloaded.start == new_start
    context.close()


def test_a_guest_answers_through_the_signed_link(browser, live_server, eager_tasks):
    people = make_people()
    meeting = planned_meeting(people.secretariat, [people.focal_point])
    paper = document_upload(meeting=meeting, title="Concept note", upload=pdf_upload("concept.pdf"),
                            by=people.secretariat)
    documents_share_with_guests(meeting=meeting, document_ids=[paper.pk], by=people.secretariat)
    mail.outbox.clear()

    context, page = signed_in_page(browser, live_server, people.secretariat.email, totp=True)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Guests", exact=True).click()
    page.get_by_label("Name", exact=True).fill("Jean Martin")
    page.get_by_label("E-mail address").fill("jean.martin@ifad.example")
    page.get_by_label("Organisation", exact=True).fill("IFAD")
    page.get_by_label("Kind of organisation").select_option("un_agency")
    page.get_by_label("Language of the e-mails").select_option("fr")
    page.get_by_role("button", name="Invite the guest").click()
    page.get_by_text("Jean Martin was invited").wait_for()
    context.close()

    (message,) = mail.outbox
    assert message.to == ["jean.martin@ifad.example"]
    link = re.search(r"http://\S+/meetings/guest/\S+/", message.body).group(0)
    link = live_server.url + "/meetings/" + link.split("/meetings/", 1)[1]  # the e-mail names RWG_SITE_URL

    # The guest has no account: a fresh browser, the link only.
    guest_context = browser.new_context(locale="fr-FR")
    guest = guest_context.new_page()
    guest.set_default_timeout(15000)
    guest.goto(link)
    assert guest.get_by_role("link", name="Concept note").is_visible()
    guest.get_by_label("Participera peut-être").check()
    guest.get_by_label("Note au secrétariat").fill("Selon mon vol")
    guest.get_by_role("button", name="Envoyer ma réponse").click()
    guest.get_by_text("Votre réponse a été enregistrée").wait_for()
    invitation = GuestInvitation.objects.get(meeting=meeting)
    assert (invitation.response, invitation.response_note) == ("maybe", "Selon mon vol")
    assert Meeting.objects.get().guest_invitations.count() == 1
    guest_context.close()
