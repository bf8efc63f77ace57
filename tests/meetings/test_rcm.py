"""RCM sessions: who reads and who records them, their history, hostile input, query counts, the figures."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import stats
from meetings.choices import ActionItemStatus
from meetings.models import RcmFollowUp, RcmSession
from meetings.services.decisions import decision_record
from meetings.services.rcm import rcm_follow_up_create, rcm_follow_up_update, rcm_session_save
from tests.access import LOGIN, OK, assert_access
from tests.factories import AgencyFactory
from tests.meetings.helpers import held
from tests.reports.factories import AssessmentFactory, ReportFactory

pytestmark = pytest.mark.django_db

READERS = {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": OK, "other_focal_point": OK, "alternate": OK,
           "focal_point": OK, "secretariat": OK, "admin": OK}
SECRETARIAT = {**{role: 403 for role in READERS}, "anonymous": LOGIN, "secretariat": OK, "admin": OK}


@pytest.fixture
def session(people):
    by = people.secretariat
    meeting = held(by)
    flagged = decision_record(meeting=meeting, text="Present the workplan to the RCM", report_to_rcm=True, by=by)
    report = ReportFactory(year=2030, title_en="Situation Report 2030")
    session = rcm_session_save(
        data={"held_on": datetime.date(2030, 11, 5), "place": "Beirut, UN House",
              "feedback": "The RCM welcomed the report.", "recommendations": "Publish the data in Arabic."},
        reports=[report], decisions=[flagged], by=by)
    rcm_follow_up_create(session=session, title="Translate the tables", owner_agency=people.owning,
                         due_on=datetime.date(2031, 3, 1), by=by)
    return session


def snapshot(session):
    return lambda: (RcmSession.objects.filter(pk=session.pk).values_list("place", "feedback").first(),
                    RcmSession.objects.count(), RcmFollowUp.objects.count(),
                    list(RcmFollowUp.objects.values_list("title", "status")))


def test_readers_and_the_secretariat(people, session):
    follow_up = session.follow_ups.get()
    assert_access(people, reverse("meetings:rcm_session_list"), READERS)
    assert_access(people, reverse("meetings:rcm_session_detail", args=[session.pk]), READERS)
    for name, args in (("rcm_session_create", []), ("rcm_session_edit", [session.pk]),
                       ("rcm_session_history", [session.pk]), ("rcm_follow_up_add", [session.pk]),
                       ("rcm_follow_up_edit", [follow_up.pk])):
        assert_access(people, reverse(f"meetings:{name}", args=args), SECRETARIAT)
    data = {"held_on": "2030-11-06", "place": "Hacked", "title": "x", "feedback": "changed"}
    for name, args in (("rcm_session_create", []), ("rcm_session_edit", [session.pk])):
        assert_access(people, reverse(f"meetings:{name}", args=args), SECRETARIAT, method="post", data=data,
                      snapshot=snapshot(session))
    assert_access(people, reverse("meetings:rcm_follow_up_edit", args=[follow_up.pk]), SECRETARIAT, method="post",
                  data={"title": "Dropped", "owner_agency": people.owning.pk, "status": "dropped"},
                  snapshot=snapshot(session))


def test_a_delegate_reads_what_was_presented_and_the_follow_up(client, people, session):
    client.force_login(people.rcm_delegate)
    page = client.get(reverse("meetings:rcm_session_detail", args=[session.pk])).content.decode()
    assert "Situation Report 2030" in page and "Present the workplan to the RCM" in page
    assert "The RCM welcomed the report." in page and "Translate the tables" in page
    # delegates have no report workspace or action item pages: no links to them
    assert reverse("reports:report_detail", args=[session.presented_reports.get().pk]) not in page
    assert reverse("meetings:rcm_session_edit", args=[session.pk]) not in page


def test_the_secretariat_records_a_session_and_its_history_is_kept(client, people, session):
    client.force_login(people.secretariat)
    decision = session.presented_decisions.get()
    response = client.post(reverse("meetings:rcm_session_create"), {
        "held_on": "2031-06-10", "place": "Cairo", "presented_decisions": [decision.pk],
        "presentation": "The **assessment** of 2030.", "recommendations": "Meet in Rabat."})
    created = RcmSession.objects.get(place="Cairo")
    assert response.status_code == 302 and response["Location"].endswith(f"/rcm/{created.pk}/")
    assert list(created.presented_decisions.all()) == [decision]
    client.post(reverse("meetings:rcm_session_edit", args=[created.pk]), {
        "held_on": "2031-06-11", "place": "Cairo", "feedback": "Noted."})
    created.refresh_from_db()
    assert created.held_on == datetime.date(2031, 6, 11) and not created.presented_decisions.exists()
    assert created.history.count() == 2
    assert created.history.first().history_user == people.secretariat
    page = client.get(reverse("meetings:rcm_session_history", args=[created.pk])).content.decode()
    assert "11 Jun 2031" in page and "10 Jun 2031" in page


def test_follow_up_status_and_completion(client, people, session):
    item = session.follow_ups.get()
    client.force_login(people.secretariat)
    response = client.post(reverse("meetings:rcm_follow_up_edit", args=[item.pk]), {
        "title": item.title, "owner_agency": people.owning.pk, "due_on": "2031-03-01", "status": "done",
        "progress_note": "Tables translated."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ActionItemStatus.DONE and item.completed_on is not None
    assert item.history.first().history_change_reason == "status open -> done"
    client.post(reverse("meetings:rcm_follow_up_add", args=[session.pk]), {
        "title": "Report back in 2031", "owner_agency": people.other.pk, "status": "in_progress"})
    second = session.follow_ups.get(number=2)
    assert second.status == ActionItemStatus.IN_PROGRESS and second.owner_agency == people.other


def test_only_decisions_flagged_for_the_rcm_can_be_presented(client, people, session):
    unflagged = decision_record(meeting=held(people.secretariat, days_ago=20), text="Internal", by=people.secretariat)
    with pytest.raises(ValidationError, match="flagged for the RCM"):
        rcm_session_save(session=session, data={}, decisions=[unflagged], by=people.secretariat)
    client.force_login(people.secretariat)
    before = list(session.presented_decisions.all())
    response = client.post(reverse("meetings:rcm_session_edit", args=[session.pk]), {
        "held_on": "2030-11-05", "place": "Beirut", "presented_decisions": [unflagged.pk]})
    assert response.status_code == 200 and "valid choice" in response.content.decode()
    assert list(session.presented_decisions.all()) == before


def test_services_refuse_people_other_than_the_secretariat(people, session):
    for person in (people.focal_point, people.rcm_delegate, None):
        with pytest.raises(PermissionDenied):
            rcm_session_save(data={"held_on": datetime.date(2031, 1, 1), "place": "X"}, by=person)
        with pytest.raises(PermissionDenied):
            rcm_follow_up_create(session=session, title="X", owner_agency=people.owning, by=person)
        with pytest.raises(PermissionDenied):
            rcm_follow_up_update(item=session.follow_ups.get(), data={"status": "done"}, by=person)
    assert RcmSession.objects.count() == 1 and session.follow_ups.get().status == ActionItemStatus.OPEN


@pytest.mark.parametrize("data, field", [
    ({"held_on": "not a date", "place": "Beirut"}, "held_on"),
    ({"held_on": "2030-11-05", "place": "   "}, "place"),
    ({"held_on": "2030-11-05", "place": "x" * 500}, "place"),
    ({"held_on": "2030-11-05", "place": "Beirut", "presented_reports": ["99999999"]}, "presented_reports"),
    ({"held_on": "2030-11-05", "place": "Beirut", "presented_decisions": ["'; DROP TABLE x; --"]},
     "presented_decisions"),
    ({"held_on": "2030-11-05", "place": "Beirut", "feedback": "x" * 20001}, "feedback"),
])
def test_hostile_session_input_changes_nothing(client, people, session, data, field):
    client.force_login(people.secretariat)
    before = snapshot(session)()
    response = client.post(reverse("meetings:rcm_session_edit", args=[session.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert snapshot(session)() == before


def test_hostile_follow_up_input_changes_nothing(client, people, session):
    client.force_login(people.secretariat)
    item = session.follow_ups.get()
    before = snapshot(session)()
    for data in ({"title": "  ", "owner_agency": people.owning.pk, "status": "open"},
                 {"title": "x", "owner_agency": "abc", "status": "open"},
                 {"title": "x", "owner_agency": people.owning.pk, "status": "finished"},
                 {"title": "x", "owner_agency": people.owning.pk, "status": "open", "action_item": "-1"}):
        response = client.post(reverse("meetings:rcm_follow_up_edit", args=[item.pk]), data)
        assert response.status_code == 200 and response.context["form"].errors
    assert snapshot(session)() == before
    for bad in ("0", "99999999"):
        assert client.get(reverse("meetings:rcm_session_detail", args=[bad])).status_code == 404
        assert client.get(reverse("meetings:rcm_follow_up_edit", args=[bad])).status_code == 404


def test_markup_in_texts_is_not_run(client, people, session):
    rcm_session_save(session=session, data={"feedback": '<script>alert(1)</script> <img src=x onerror="alert(2)">',
                                            "place": '<b onclick="x()">Beirut</b>'},
                     reports=session.presented_reports.all(), decisions=session.presented_decisions.all(),
                     by=people.secretariat)
    client.force_login(people.rcm_delegate)
    page = client.get(reverse("meetings:rcm_session_detail", args=[session.pk])).content.decode()
    # Typed markup is shown as text (escaped), never as tags: no script element, no image with a handler.
    assert "<script>alert(1)" not in page and "<img" not in page and 'onclick="x()"' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_pages_read_in_arabic_and_french(client, people, session):
    client.force_login(people.rcm_delegate)
    detail = reverse("meetings:rcm_session_detail", args=[session.pk])
    arabic = client.get(detail, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in arabic and "توصيات آلية التنسيق الإقليمية" in arabic and "5 نوفمبر 2030" in arabic
    french = client.get(reverse("meetings:rcm_session_list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Mécanisme de coordination régionale" in french


def _count(client, address) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200
    return len(context.captured_queries)


# Pinned: session, user, designations and the shell's panels/nav are part of every page.
MAX_QUERIES = {"rcm_session_list": 5, "rcm_session_detail": 8}


def test_query_counts_are_pinned(client, people, session):
    client.force_login(people.rcm_delegate)
    list_url, detail_url = reverse("meetings:rcm_session_list"), reverse("meetings:rcm_session_detail",
                                                                          args=[session.pk])
    small_list, small_detail = _count(client, list_url), _count(client, detail_url)
    for n in range(12):
        extra = rcm_session_save(data={"held_on": datetime.date(2029, 1, 1 + n), "place": f"Place {n}"},
                                 reports=[ReportFactory(year=2001 + n)], decisions=session.presented_decisions.all(),
                                 by=people.secretariat)
        rcm_follow_up_create(session=extra, title=f"Item {n}", owner_agency=AgencyFactory(), by=people.secretariat)
        rcm_follow_up_create(session=session, title=f"Item {n}", owner_agency=AgencyFactory(),
                             by=people.secretariat)
        session.presented_reports.add(AssessmentFactory(year=2001 + n))
    assert _count(client, list_url) == small_list <= MAX_QUERIES["rcm_session_list"]
    assert _count(client, detail_url) == small_detail <= MAX_QUERIES["rcm_session_detail"]


def test_the_yearly_figures_list_sessions_presented_and_follow_up(people, session):
    item = session.follow_ups.get()
    rcm_follow_up_update(item=item, data={"status": "done"}, by=people.secretariat)
    rcm_follow_up_create(session=session, title="Late", owner_agency=people.other, due_on=datetime.date(2030, 12, 1),
                         by=people.secretariat)
    rcm_session_save(data={"held_on": datetime.date(2029, 5, 1), "place": "Elsewhere"}, by=people.secretariat)
    (row,) = stats.rcm_sessions(2030, today=datetime.date(2031, 1, 15))
    assert row["place"] == "Beirut, UN House" and row["reports"] == ["Situation Report 2030"]
    assert [d["text"] for d in row["decisions"]] == ["Present the workplan to the RCM"]
    assert [(f["number"], f["status"], f["overdue"]) for f in row["follow_ups"]] == [(1, "done", False),
                                                                                       (2, "open", True)]
    assert (row["open"], row["done"]) == (1, 1)
    assert stats.rcm_sessions(2028) == []
