"""E-mails in each reader's language: the switcher keeps the choice on the account, e-mails follow it."""

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from meetings import emails as meeting_emails
from members import emails as member_emails
from members.choices import Role
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory
from tests.members.factories import JoinRequestFactory

pytestmark = pytest.mark.django_db


def test_choosing_a_language_is_kept_on_the_account_with_its_history(people):
    client = Client()
    client.force_login(people.focal_point)
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    assert response.status_code == 302
    people.focal_point.refresh_from_db()
    assert people.focal_point.language == "ar"
    latest = people.focal_point.history.latest()
    assert latest.language == "ar" and latest.history_change_reason == "chose a language"

    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})  # not a language of the portal
    people.focal_point.refresh_from_db()
    assert people.focal_point.language == "ar"


def test_an_anonymous_visitor_can_still_choose_a_language():
    response = Client().post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "fr"


def test_a_message_to_several_people_is_sent_once_per_language(mailoutbox):
    UserFactory(role=Role.SECRETARIAT, email="amal@example.org", language="ar")
    UserFactory(role=Role.SECRETARIAT, email="claire@example.org", language="fr")
    UserFactory(role=Role.SECRETARIAT, email="john@example.org", language="")
    UserFactory(role=Role.SECRETARIAT, email="gone@example.org", language="ar", is_active=False)
    member_emails.send_join_request_received(join_request=JoinRequestFactory(organisation="UNHCR"))

    subjects = {tuple(message.to): message.subject for message in mailoutbox}
    assert subjects == {
        ("amal@example.org",): "طلب انضمام إلى الفريق العامل: UNHCR",
        ("claire@example.org",): "Demande d'adhésion au Groupe de travail : UNHCR",
        ("john@example.org",): "Request to join the Working Group: UNHCR",
    }


def test_a_meeting_invitation_is_written_in_the_invitee_s_language(people):
    from meetings.models import Invitation

    people.focal_point.language = "ar"
    people.focal_point.save()
    invitation = Invitation.objects.create(meeting=MeetingFactory(), person=people.focal_point,
                                           agency=people.owning)
    meeting_emails.send_invitation(invitation)
    (message,) = mail.outbox
    assert message.to == [people.focal_point.email]
    assert any("\u0600" <= char <= "\u06ff" for char in message.subject), message.subject


def test_the_language_of_e_mails_can_be_set_on_my_account(people):
    client = Client()
    client.force_login(people.rcm_delegate)
    page = client.get("/members/account/").content.decode()
    assert "Language of e-mails" in page
    client.post("/members/account/", {"first_name": "Rania", "last_name": "K", "job_title": "", "phone": "",
                                      "time_zone": "", "language": "fr"})
    people.rcm_delegate.refresh_from_db()
    assert people.rcm_delegate.language == "fr"
    response = client.post("/members/account/", {"first_name": "Rania", "last_name": "K", "job_title": "",
                                                 "phone": "", "time_zone": "", "language": "xx"})
    assert "Select a valid choice" in response.content.decode()
    people.rcm_delegate.refresh_from_db()
    assert people.rcm_delegate.language == "fr"


def test_the_organisation_hears_the_decision_in_the_language_it_wrote_in(people, mailoutbox,
                                                                        django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from members import services
    from members.models import JoinRequest
    from tests.members.test_views import JOIN

    cache.clear()  # the public form counts requests per address
    client = Client()
    client.cookies["django_language"] = "ar"
    assert client.post("/members/join/", JOIN).status_code == 302
    join_request = JoinRequest.objects.get()
    assert join_request.language == "ar"
    mailoutbox.clear()  # the secretariat's notice

    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_decide(join_request=join_request, status="declined",
                                     decided_on=timezone.localdate(), by=people.secretariat,
                                     note="Please apply again next year.")
    (message,) = mailoutbox
    assert message.to == [join_request.contact_email]
    assert message.subject == f"طلبكم الانضمام إلى الفريق العامل: {join_request.organisation}"
    assert "عدم قبوله" in message.body and "Please apply again next year." in message.body


def test_an_accepted_organisation_is_welcomed(people, mailoutbox, django_capture_on_commit_callbacks):
    from members import services

    join_request = JoinRequestFactory(organisation="Gulf Labour Observatory", language="")
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_decide(join_request=join_request, status="accepted",
                                     decided_on=timezone.localdate(), by=people.secretariat)
    (message,) = mailoutbox
    assert message.subject == "Gulf Labour Observatory is welcome in the Working Group"
    assert "focal point" in message.body
