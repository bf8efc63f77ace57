"""The 403 page says why (rwg_portal/refusals.py), in the reader's language, without telling
anyone what they may not know: hidden objects stay 404."""

import datetime
import html

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from meetings.services.actions import action_item_create
from rwg_portal.views import error_403
from tests.factories import AgencyFactory
from tests.meetings.helpers import held, schedule
from tests.programmes.factories import ActivityFactory, ParticipationFactory
from tests.reports.factories import ChapterFactory

pytestmark = pytest.mark.django_db


def refusal(client, address, *, method="get", language="en") -> str:
    response = getattr(client, method)(address, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 403
    return html.unescape(response.content.decode())


def test_another_agencys_activity_says_whose_it_is(people, client):
    activity = ActivityFactory(lead_agency=people.owning)
    client.force_login(people.other_focal_point)
    page = refusal(client, reverse("programmes:activity_edit", args=[activity.pk]))
    assert ("This activity belongs to OWN; only OWN's focal points and alternates and the secretariat can edit it."
            in page)
    page = refusal(client, reverse("programmes:activity_edit", args=[activity.pk]), method="post")
    assert "This activity belongs to OWN" in page


def test_a_joint_activity_names_its_partners_too(people, client):
    activity = ActivityFactory(lead_agency=people.owning)
    ParticipationFactory(activity=activity, agency=AgencyFactory(acronym="P3"))
    client.force_login(people.other_focal_point)
    page = refusal(client, reverse("programmes:activity_edit", args=[activity.pk]))
    assert "This activity belongs to OWN and its partner agencies" in page


def test_the_reason_is_translated(people, client):
    activity = ActivityFactory(lead_agency=people.owning)
    client.force_login(people.other_focal_point)
    arabic = refusal(client, reverse("programmes:activity_edit", args=[activity.pk]), language="ar")
    french = refusal(client, reverse("programmes:activity_edit", args=[activity.pk]), language="fr")
    assert "OWN" in arabic and "This activity belongs" not in arabic and 'id="refusal-reason"' in arabic
    assert "Cette activité appartient à OWN" in french


def test_meetings_are_changed_by_the_secretariat_only(people, client):
    meeting = schedule(people.secretariat)
    client.force_login(people.focal_point)
    assert "Only the secretariat schedules and changes meetings" in refusal(
        client, reverse("meetings:meeting_edit", args=[meeting.pk]))


def test_another_agencys_action_item_says_whose_it_is(people, client):
    meeting = held(people.secretariat)
    item = action_item_create(meeting=meeting, title="Circulate", owner_agency=people.owning,
                              due_on=datetime.date(2031, 1, 1), by=people.secretariat)
    client.force_login(people.other_focal_point)
    page = refusal(client, reverse("meetings:action_item_detail", args=[item.pk]), method="post")
    assert "This action item belongs to OWN; only OWN's focal points" in page
    client.force_login(people.focal_point)
    page = refusal(client, reverse("meetings:action_item_edit", args=[item.pk]))
    assert "Only the secretariat can change what the Group agreed" in page


def test_a_chapter_names_its_authors(people, client):
    chapter = ChapterFactory(lead_agency=people.owning)
    client.force_login(people.other_focal_point)
    page = refusal(client, reverse("reports:chapter_edit", args=[chapter.pk]))
    assert "This chapter is written by OWN and its contributing agencies" in page


def test_an_agencys_contacts_are_its_own(people, client):
    client.force_login(people.other_focal_point)
    page = refusal(client, reverse("members:agency_edit_contacts", args=[people.owning.pk]))
    assert "Only OWN's focal points and alternates and the secretariat can change OWN's contact details." in page
    page = refusal(client, reverse("members:agency_edit", args=[people.owning.pk]))
    assert "Only the secretariat manages member agencies" in page


def test_imports_say_who_may_import(people, client):
    client.force_login(people.no_role)
    assert "Your account has no role in the Working Group yet" in refusal(client, reverse("data_hub:import_list"))
    client.force_login(people.rcm_delegate)
    assert "Only the focal points and alternates of member agencies and the secretariat import data." in refusal(
        client, reverse("data_hub:import_create"))


def test_hidden_objects_stay_not_found(people, client):
    client.force_login(people.other_focal_point)
    assert client.get(reverse("programmes:activity_edit", args=[987654])).status_code == 404
    assert client.get(reverse("meetings:action_item_detail", args=[987654])).status_code == 404


def test_a_bare_refusal_shows_the_general_text_not_its_message():
    """Messages of PermissionDenied raised outside the helpers were not written for the reader."""
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    page = error_403(request, PermissionDenied("internal detail")).content.decode()
    assert "internal detail" not in page and "ask the secretariat" in page
