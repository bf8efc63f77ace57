"""The busy pages cost a fixed number of queries, however many meetings, items or attendees."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import DocumentVersion
from meetings.services.documents import document_replace, document_upload
from tests.factories import AgencyFactory, DesignationFactory, UserFactory
from tests.meetings.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    InvitationFactory,
    MeetingFactory,
)
from tests.meetings.files import pdf_upload
from tests.meetings.helpers import held

pytestmark = pytest.mark.django_db

# Pinned: session, user, designations and the shell's panels/nav are part of every page. The meeting
# page's counts are exact: its first reader after a change reads the meeting for everyone (11 queries:
# the meeting and one per kind of record, its papers in one) after the per-user check (the meeting,
# whether the user is invited); every other reader only the check (issue 14: 14 before, for every
# reader). The others are exact too.
MAX_QUERIES = {"meeting_list": 6, "meeting_detail": 15, "meeting_detail_shared": 4, "calendar": 4,
               "action_item_list": 6}


def count(client, address, params=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(address, params or {})
    assert response.status_code == 200
    return len(context.captured_queries)


def fill_meeting(meeting, people, n):
    for i in range(n):
        item = AgendaItemFactory(meeting=meeting, position=100 + i)
        document = document_upload(meeting=meeting, agenda_item=item, title=f"Paper {i}", upload=pdf_upload(),
                                   by=people.secretariat)
        document_replace(document=document, upload=pdf_upload(), by=people.secretariat)
        agency = AgencyFactory()
        AttendanceFactory(meeting=meeting, agency=agency, person=UserFactory())
        InvitationFactory(meeting=meeting, person=UserFactory(), agency=agency)
        decision = DecisionFactory(meeting=meeting)
        ActionItemFactory(meeting=meeting, decision=decision, owner_agency=agency, assignee=UserFactory(agency=agency))
    # Open action items of earlier meetings, carried onto the agenda for follow-up.
    from meetings.services.agenda import agenda_refresh_follow_up

    for _ in range(n):
        ActionItemFactory(meeting=MeetingFactory(starts_at=meeting.starts_at - datetime.timedelta(days=90)))
    agenda_refresh_follow_up(meeting=meeting, by=people.secretariat)


def test_meeting_page(people, client, django_assert_num_queries):
    client.force_login(people.focal_point)
    small, large = held(people.secretariat, days_ago=3), held(people.secretariat, days_ago=2)
    fill_meeting(small, people, 1)
    fill_meeting(large, people, 12)
    assert DocumentVersion.objects.filter(document__meeting=large).count() == 24
    few = count(client, reverse("meetings:meeting_detail", args=[small.pk]))
    with django_assert_num_queries(MAX_QUERIES["meeting_detail"]):
        many = count(client, reverse("meetings:meeting_detail", args=[large.pk]))
    assert many == few == MAX_QUERIES["meeting_detail"]
    # Every other reader (another person too) reads only who may see it: the rest is shared.
    client.force_login(people.alternate)
    for meeting in (small, large):
        with django_assert_num_queries(MAX_QUERIES["meeting_detail_shared"]):
            count(client, reverse("meetings:meeting_detail", args=[meeting.pk]))


def test_meeting_list(people, client, django_assert_num_queries):
    client.force_login(people.focal_point)
    MeetingFactory(chair_agency=AgencyFactory())
    few = count(client, reverse("meetings:meeting_list"))
    for _ in range(30):
        MeetingFactory(chair_agency=AgencyFactory())
    with django_assert_num_queries(MAX_QUERIES["meeting_list"]):
        many = count(client, reverse("meetings:meeting_list"))
    assert many == few


@pytest.mark.dates
def test_calendar(people, client, django_assert_num_queries):
    client.force_login(people.focal_point)
    start = timezone.now().replace(day=1, hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(days=40)
    month = timezone.localtime(start).strftime("%Y-%m")
    MeetingFactory(starts_at=start)
    few = count(client, reverse("meetings:calendar"), {"month": month})
    for day in range(1, 25):
        MeetingFactory(starts_at=start + datetime.timedelta(days=day % 20, hours=day % 5))
    with django_assert_num_queries(MAX_QUERIES["calendar"]):
        many = count(client, reverse("meetings:calendar"), {"month": month})
    assert many == few
    assert count(client, reverse("meetings:calendar"), {"month": month, "view": "list"}) == few


def test_action_item_list(people, client, django_assert_num_queries):
    client.force_login(people.focal_point)
    ActionItemFactory(owner_agency=people.owning)
    few = count(client, reverse("meetings:action_item_list"))
    for _ in range(40):
        agency = AgencyFactory()
        DesignationFactory(agency=agency)
        ActionItemFactory(owner_agency=agency, assignee=UserFactory(agency=agency),
                          decision=DecisionFactory())
    with django_assert_num_queries(MAX_QUERIES["action_item_list"]):
        many = count(client, reverse("meetings:action_item_list"))
    assert many == few
