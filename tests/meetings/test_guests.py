"""Guests without an account (ToR 5): invited by e-mail address, they answer and download the
papers shared with guests through a signed link, and are recorded as observers."""

import datetime
import re

import pytest
from django.conf import settings
from django.core import signing
from django.urls import reverse
from icalendar import Calendar

from meetings.choices import GuestResponse, MeetingStatus
from meetings.guests import SALT, guest_token
from meetings.models import GuestInvitation
from meetings.services.documents import document_upload
from meetings.services.guests import (
    documents_share_with_guests,
    guest_invite,
    guest_link_renew,
    guests_attendance_record,
)
from meetings.services.meetings import meeting_set_status, meeting_update
from tests.meetings.files import pdf_upload
from tests.meetings.helpers import schedule

pytestmark = [pytest.mark.django_db]


def invite(meeting, by, **kwargs):
    values = dict(name="Nadia Haddad", email="N.Haddad@ngo.example", organisation="Migrant Rights Network",
                  organisation_kind="ngo", language="ar")
    values.update(kwargs)
    return guest_invite(meeting=meeting, by=by, **values)


def link_in(message) -> str:
    return re.search(r"http://[^\s]+/meetings/guest/[^\s]+/", message.body).group(0)


def path_of(link: str) -> str:
    return link.split("127.0.0.1:8000", 1)[1]


@pytest.fixture
def guest_world(people, django_capture_on_commit_callbacks, mailoutbox, eager_celery):
    """A planned meeting, a guest invited (e-mail sent) and two papers, one shared with guests."""
    by = people.secretariat
    meeting = schedule(by, title="Labour mobility")
    shared = document_upload(meeting=meeting, title="Concept note", upload=pdf_upload("concept.pdf"), by=by)
    private = document_upload(meeting=meeting, title="Internal budget", upload=pdf_upload("budget.pdf"), by=by)
    documents_share_with_guests(meeting=meeting, document_ids=[shared.pk], by=by)
    with django_capture_on_commit_callbacks(execute=True):
        guest = invite(meeting, by)
    (message,) = mailoutbox
    return {"meeting": meeting, "guest": guest, "shared": shared, "private": private, "message": message,
            "link": link_in(message)}


def test_the_guest_is_invited_in_their_language_with_a_link_and_a_calendar_request(guest_world):
    guest, message = guest_world["guest"], guest_world["message"]
    assert guest.email == "n.haddad@ngo.example"  # stored as typed addresses are compared: lower case
    assert message.to == ["n.haddad@ngo.example"]
    assert "دعوة" in message.subject and "Migrant Rights Network" in message.body
    assert "Dear" not in message.body
    calendar = Calendar.from_ical(message.attachments[0][1])
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.events
    assert "mailto:n.haddad@ngo.example" in {str(a) for a in event.attendees}
    guest.refresh_from_db()
    assert guest.email_sent_at is not None
    assert guest.history.last().history_change_reason == "invited"


def test_the_same_address_cannot_be_invited_twice(guest_world, people):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        invite(guest_world["meeting"], people.secretariat, email="n.haddad@NGO.example")
    assert "already invited" in str(error.value)
    assert GuestInvitation.objects.count() == 1


def test_the_guest_answers_through_the_link_without_an_account(guest_world, client):
    path = path_of(guest_world["link"])
    page = client.get(path)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin" and "noindex" in page["X-Robots-Tag"]
    html = page.content.decode()
    assert "Concept note" in html and "Internal budget" not in html
    assert 'lang="ar"' in html and "الوثائق المتاحة للضيوف" in html  # the guest's language, chosen for them
    response = client.post(path, {"response": GuestResponse.MAYBE, "note": "Depends on my flight"})
    assert response.status_code == 302
    guest = GuestInvitation.objects.get()
    assert guest.response == GuestResponse.MAYBE and guest.response_note == "Depends on my flight"
    assert guest.history.first().history_change_reason == "answered through the link"
    # The answer reaches calendars too: the guest is TENTATIVE in the next update.
    from meetings.emails import guest_attendee

    assert guest_attendee(guest).params["PARTSTAT"] == "TENTATIVE"


def test_a_bad_answer_changes_nothing_and_says_why(guest_world, client):
    response = client.post(path_of(guest_world["link"]), {"response": "pending"})
    assert response.status_code == 400
    assert GuestInvitation.objects.get().response == GuestResponse.PENDING


def test_shared_papers_download_through_the_link_only(guest_world, client):
    path = path_of(guest_world["link"])
    shared = guest_world["shared"].versions.get()
    private = guest_world["private"].versions.get()
    token = path.rstrip("/").rsplit("/", 1)[1]
    download = client.get(reverse("meetings:guest_document", args=[token, shared.pk]))
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("meetings:guest_document", args=[token, private.pk])).status_code == 404
    # Without the link, the paper is the members' (sign-in page).
    assert client.get(reverse("meetings:document_download", args=[shared.pk])).status_code == 302


@pytest.mark.parametrize("tamper", ["truncated", "flipped", "forged", "garbage"])
def test_a_tampered_link_gets_a_clear_page_and_changes_nothing(guest_world, client, tamper):
    token = path_of(guest_world["link"]).rstrip("/").rsplit("/", 1)[1]
    bad = {
        "truncated": token[:-3],
        "flipped": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "forged": signing.dumps({"g": guest_world["guest"].pk, "n": "0" * 32}, salt=SALT),
        "garbage": "<script>alert(1)",
    }[tamper]
    page = client.get(reverse("meetings:guest_page", args=[bad]))
    assert page.status_code == 404
    assert "This link does not work" in page.content.decode()
    assert client.post(reverse("meetings:guest_page", args=[bad]), {"response": "attending"}).status_code == 404
    assert GuestInvitation.objects.get().response == GuestResponse.PENDING


def test_an_expired_link_says_so(guest_world, client, time_machine):
    time_machine.move_to(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=181))
    page = client.get(path_of(guest_world["link"]))
    assert page.status_code == 410 and "This link has expired" in page.content.decode()


def test_a_token_of_another_meeting_gives_nothing_of_this_one(guest_world, people, client):
    other_meeting = schedule(people.secretariat, title="Another meeting")
    other_guest = invite(other_meeting, people.secretariat, email="someone@else.example")
    other_token = guest_token(other_guest)
    shared = guest_world["shared"].versions.get()
    # The other guest's link does not open this meeting's shared paper.
    assert client.get(reverse("meetings:guest_document", args=[other_token, shared.pk])).status_code == 404
    page = client.get(reverse("meetings:guest_page", args=[other_token])).content.decode()
    assert "Another meeting" in page and "Concept note" not in page


def test_a_renewed_link_replaces_the_old_one(guest_world, people, client, django_capture_on_commit_callbacks,
                                             mailoutbox):
    old = path_of(guest_world["link"])
    with django_capture_on_commit_callbacks(execute=True):
        guest_link_renew(guest=guest_world["guest"], by=people.secretariat)
    new = path_of(link_in(mailoutbox[-1]))
    assert new != old
    assert client.get(old).status_code == 404 and client.get(new).status_code == 200


def test_replaying_an_answer_after_the_cancellation_is_refused_and_the_guest_gets_a_cancel(
        guest_world, people, client, django_capture_on_commit_callbacks, mailoutbox):
    path = path_of(guest_world["link"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the guest chose English on the page
    assert client.post(path, {"response": "attending"}).status_code == 302
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_set_status(meeting=guest_world["meeting"], status=MeetingStatus.CANCELLED, note="No quorum",
                           by=people.secretariat)
    (cancel,) = [m for m in mailoutbox if m.to == ["n.haddad@ngo.example"]]
    assert Calendar.from_ical(cancel.attachments[0][1])["METHOD"] == "CANCEL"
    replay = client.post(path, {"response": "not_attending"})
    assert replay.status_code == 400
    assert "answers are closed" in replay.content.decode()
    assert GuestInvitation.objects.get().response == GuestResponse.ATTENDING
    assert "This meeting has been cancelled." in client.get(path).content.decode()


def test_guests_are_told_of_changes_too(guest_world, people, django_capture_on_commit_callbacks, mailoutbox):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(meeting=guest_world["meeting"], data={"venue": "ESCWA, room 3"}, by=people.secretariat)
    (message,) = mailoutbox
    assert message.to == ["n.haddad@ngo.example"] and "ESCWA, room 3" in message.body
    assert "/meetings/guest/" in message.body  # their link, not the members' page


def test_guests_are_recorded_as_observers(guest_world, people):
    meeting = guest_world["meeting"]
    assert guests_attendance_record(meeting=meeting, attended_ids=[guest_world["guest"].pk],
                                    by=people.secretariat) == 1
    guest = GuestInvitation.objects.get()
    assert guest.attended is True
    assert guest.history.first().history_change_reason.startswith("attendance recorded")


def test_the_secretariat_invites_a_guest_through_the_page(people, client, mailoutbox, eager_celery,
                                                          django_capture_on_commit_callbacks):
    meeting = schedule(people.secretariat)
    client.force_login(people.secretariat)
    url = reverse("meetings:guests", args=[meeting.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"name": "X", "email": "not an address", "organisation": "IFAD",
                            "organisation_kind": "un_agency", "language": "fr"})
    assert bad.status_code == 200 and not GuestInvitation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"name": "Jean Martin", "email": "jean@ifad.example", "organisation": "IFAD",
                                     "organisation_kind": "un_agency", "language": "fr"})
    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.subject.startswith("Invitation") and "Madame, Monsieur" not in message.subject
    assert "IFAD" in message.body and "/meetings/guest/" in message.body
    page = client.get(url).content.decode()
    assert "Jean Martin" in page and "jean@ifad.example" in page
