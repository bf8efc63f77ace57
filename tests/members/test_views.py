import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.choices import DesignationRole, Role
from members.models import Agency, Designation, JoinRequest, User
from members.views import join as views
from tests.access import LOGIN, OK, assert_access
from tests.factories import AgencyFactory, DesignationFactory, UserFactory

pytestmark = pytest.mark.django_db

READ_BY_ROLE = {
    "anonymous": LOGIN, "no_role": 403, "rcm_delegate": OK, "other_focal_point": OK,
    "alternate": OK, "focal_point": OK, "secretariat": OK, "admin": OK,
}


def test_directory_access(people):
    assert_access(people, reverse("members:directory"), READ_BY_ROLE)


def test_agency_detail_access(people):
    assert_access(people, reverse("members:agency_detail", args=[people.owning.pk]), READ_BY_ROLE)


def test_edit_contacts_form_access(people):
    url = reverse("members:agency_edit_contacts", args=[people.owning.pk])
    assert_access(people, url, {
        "anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403,
        "alternate": OK, "focal_point": OK, "secretariat": OK, "admin": OK,
    })


def test_only_the_owning_agency_and_secretariat_may_change_contacts(people):
    url = reverse("members:agency_edit_contacts", args=[people.owning.pk])
    data = {"website": "https://own.example.org", "email": "hq@own.example.org", "phone": "+961 1 000",
            "address": "Beirut", "office_city": "beirut", "office_city_other": ""}
    assert_access(
        people, url,
        {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403,
         "alternate": OK, "focal_point": OK, "secretariat": OK, "admin": OK},
        method="post", data=data,
        snapshot=lambda: Agency.objects.values_list("website", "email").get(pk=people.owning.pk),
    )


def test_focal_point_of_another_agency_gets_403_and_nothing_changes(people, client):
    client.force_login(people.other_focal_point)
    url = reverse("members:agency_edit_contacts", args=[people.owning.pk])
    response = client.post(url, {"email": "hijack@evil.example", "office_city": "cairo"})
    assert response.status_code == 403
    people.owning.refresh_from_db()
    assert people.owning.email == ""
    assert people.owning.history.count() == 1


def test_contact_update_is_saved_with_history(people, client):
    client.force_login(people.focal_point)
    url = reverse("members:agency_edit_contacts", args=[people.owning.pk])
    response = client.post(url, {"email": "hq@own.example.org", "office_city": "cairo", "website": "",
                                 "phone": "", "address": "", "office_city_other": ""})
    assert response.status_code == 302
    people.owning.refresh_from_db()
    assert people.owning.email == "hq@own.example.org"
    latest = people.owning.history.first()
    assert latest.history_user == people.focal_point


def test_invalid_contact_details_change_nothing(people, client):
    client.force_login(people.focal_point)
    url = reverse("members:agency_edit_contacts", args=[people.owning.pk])
    response = client.post(url, {"email": "not-an-address", "office_city": "cairo"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    people.owning.refresh_from_db()
    assert people.owning.email == ""


def test_unknown_agency_is_404(people, client):
    client.force_login(people.secretariat)
    assert client.get(reverse("members:agency_detail", args=[999999])).status_code == 404


def test_directory_filters_and_search(people, client):
    AgencyFactory(acronym="NGO1", name_en="Migrant Aid", kind="ngo", membership="participant")
    client.force_login(people.rcm_delegate)
    url = reverse("members:directory")
    page = client.get(url, {"kind": "ngo"}).content.decode()
    assert "NGO1" in page and ">OWN<" not in page
    page = client.get(url, {"q": "migrant"}).content.decode()
    assert "NGO1" in page and ">OTH<" not in page
    page = client.get(url, {"membership": "core"}).content.decode()
    assert "NGO1" not in page and ">OWN<" in page


def test_secretariat_sees_which_agencies_lack_designations(people, client):
    client.force_login(people.secretariat)
    page = client.get(reverse("members:directory")).content.decode()
    assert "No alternate" in page  # OTH has a focal point only
    page = client.get(reverse("members:directory"), {"lacking": "on"}).content.decode()
    assert ">OTH<" in page and ">OWN<" not in page
    client.force_login(people.focal_point)
    page = client.get(reverse("members:directory")).content.decode()
    assert "No alternate" not in page and "lacking" not in page


def test_directory_answers_htmx_with_the_results_only(people, client):
    client.force_login(people.focal_point)
    response = client.get(reverse("members:directory"), {"q": "OTH"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="results">')
    assert "<html" not in content and ">OTH<" in content and ">OWN<" not in content


def test_dashboard_panel_lists_gaps_and_pending_requests(people, client):
    from tests.members.factories import JoinRequestFactory

    JoinRequestFactory()
    client.force_login(people.secretariat)
    from django.test import RequestFactory

    from members.dashboard import secretariat_panel

    request = RequestFactory().get("/")
    request.user = people.secretariat
    template, context = secretariat_panel(request)
    assert [a.acronym for a in context["missing"]] == ["OTH"]
    assert context["pending_requests"] == 1


def test_agency_page_shows_past_designations_and_co_chair_periods(people, client):
    old = DesignationFactory(agency=people.owning, role=DesignationRole.ALTERNATE,
                             person=UserFactory(first_name="Former", last_name="Alternate"),
                             starts_on=datetime.date(2019, 1, 1), ends_on=datetime.date(2022, 12, 31))
    from tests.members.factories import CoChairPeriodFactory

    CoChairPeriodFactory(agency=people.owning, starts_on=datetime.date(2013, 6, 30))
    client.force_login(people.rcm_delegate)
    page = client.get(reverse("members:agency_detail", args=[people.owning.pk])).content.decode()
    assert "Former Alternate" in page and "31 Dec 2022" in page
    assert "Since 30 Jun 2013" in page
    assert "Designate a focal point" not in page and "History" not in page
    client.force_login(people.secretariat)
    page = client.get(reverse("members:agency_detail", args=[people.owning.pk])).content.decode()
    assert "Designate a focal point" in page and reverse("members:agency_history", args=[people.owning.pk]) in page
    assert old.person.get_full_name() in page


def test_designation_form_shows_a_clear_message_when_the_role_is_taken(people, client):
    client.force_login(people.secretariat)
    url = reverse("members:designation_create", args=[people.owning.pk])
    response = client.post(url, {"role": "focal_point", "person": people.no_role.pk,
                                 "starts_on": timezone.localdate().isoformat()})
    assert response.status_code == 200
    content = response.content.decode()
    assert "OWN already has a current focal point" in content and "choose to replace it" in content
    assert people.owning.current_focal_point.person == people.focal_point


def test_designation_form_invites_a_new_person(people, client, django_capture_on_commit_callbacks):
    Designation.objects.filter(person=people.alternate).update(ends_on=datetime.date(2025, 1, 1))
    client.force_login(people.secretariat)
    url = reverse("members:designation_create", args=[people.owning.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"role": "alternate", "person": "", "email": "Alt@Own.example",
                                     "first_name": "Alia", "last_name": "Tern",
                                     "starts_on": timezone.localdate().isoformat()}, follow=True)
    assert "was invited and is now the alternate of OWN" in response.content.decode()
    person = User.objects.get(email="alt@own.example")
    assert people.owning.current_alternate.person == person
    assert mail.outbox[0].to == ["alt@own.example"]


def test_designation_form_needs_one_person(people, client):
    client.force_login(people.secretariat)
    url = reverse("members:designation_create", args=[people.owning.pk])
    response = client.post(url, {"role": "alternate", "person": people.no_role.pk, "email": "x@y.example",
                                 "first_name": "X", "starts_on": timezone.localdate().isoformat()})
    assert "not both" in response.content.decode()
    response = client.post(url, {"role": "alternate", "person": "", "email": people.no_role.email,
                                 "starts_on": timezone.localdate().isoformat()})
    content = response.content.decode()
    assert "already has an account" in content and "first name" in content


def test_ending_a_designation_in_the_future_is_refused_on_the_form(people, client):
    designation = Designation.objects.get(person=people.focal_point)
    client.force_login(people.secretariat)
    response = client.post(reverse("members:designation_end", args=[designation.pk]),
                           {"ends_on": (timezone.localdate() + datetime.timedelta(days=5)).isoformat()})
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    designation.refresh_from_db()
    assert designation.ends_on is None


def test_people_list_filters(people, client):
    client.force_login(people.secretariat)
    url = reverse("members:people")
    page = client.get(url, {"role": "focal_point"}).content.decode()
    assert people.focal_point.email in page and people.other_focal_point.email in page
    assert people.alternate.email not in page
    page = client.get(url, {"agency": people.other.pk}).content.decode()
    assert people.other_focal_point.email in page and people.focal_point.email not in page
    page = client.get(url, {"role": "rcm_delegate"}).content.decode()
    assert people.rcm_delegate.email in page and people.no_role.email not in page
    page = client.get(url, {"q": "nobody"}).content.decode()
    assert people.no_role.email in page and people.rcm_delegate.email not in page


def test_invite_shows_success_and_sends_the_link(people, client, django_capture_on_commit_callbacks):
    client.force_login(people.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:person_invite"), {
            "email": "Delegate2@RCM.example", "first_name": "Dana", "last_name": "Lee", "role": "rcm_delegate",
            "agency": "", "language": "ar"}, follow=True)
    assert "An invitation was sent to delegate2@rcm.example." in response.content.decode()
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    response = client.post(reverse("members:person_invite"), {
        "email": "delegate2@rcm.example", "first_name": "Dana", "last_name": "Lee", "role": "", "language": "en"})
    assert "already has an account" in response.content.decode()
    assert User.objects.filter(email="delegate2@rcm.example").count() == 1


def test_deactivated_person_can_no_longer_act_for_the_agency(people, client):
    client.force_login(people.secretariat)
    response = client.post(reverse("members:person_deactivate", args=[people.focal_point.pk]), follow=True)
    assert "was deactivated" in response.content.decode()
    assert people.owning.current_focal_point is None
    client.force_login(people.secretariat)
    response = client.post(reverse("members:person_deactivate", args=[people.secretariat.pk]), follow=True)
    assert "cannot deactivate your own account" in response.content.decode()


def test_my_account_sets_the_time_zone_in_which_times_show(people, client):
    client.force_login(people.rcm_delegate)
    url = reverse("members:my_account")
    response = client.post(url, {"first_name": "Rania", "last_name": "K", "job_title": "", "phone": "",
                                 "time_zone": "Not/AZone"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    client.post(url, {"first_name": "Rania", "last_name": "K", "job_title": "", "phone": "",
                      "time_zone": "Europe/Vienna"})
    people.rcm_delegate.refresh_from_db()
    assert people.rcm_delegate.time_zone == "Europe/Vienna"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "(فيينا، النمسا)" in page and "Europe/Vienna</option>" not in page  # a city in the reader's language
    assert client.post(url, {"first_name": "Rania", "last_name": "K", "job_title": "", "phone": "",
                             "time_zone": "Asia/Tokyo"}).status_code == 200  # not in the curated list


def test_a_stored_zone_outside_the_list_is_still_shown_and_kept(people, client):
    User.objects.filter(pk=people.rcm_delegate.pk).update(time_zone="Asia/Tokyo")
    client.force_login(people.rcm_delegate)
    url = reverse("members:my_account")
    page = client.get(url).content.decode()
    assert "JST" in page and "(Tokyo, Japan)" in page
    assert '<option value="Asia/Tokyo" selected>Tokyo, Japan</option>' in page
    client.post(url, {"first_name": "Rania", "last_name": "K", "job_title": "", "phone": "", "time_zone": "Asia/Tokyo"})
    people.rcm_delegate.refresh_from_db()
    assert people.rcm_delegate.time_zone == "Asia/Tokyo" and people.rcm_delegate.first_name == "Rania"


def test_times_on_the_people_list_follow_the_readers_zone(people, client):
    User.objects.filter(pk=people.no_role.pk).update(last_login=datetime.datetime(2026, 1, 15, 8, 30,
                                                                                  tzinfo=datetime.UTC))
    User.objects.filter(pk=people.secretariat.pk).update(time_zone="America/New_York")
    client.force_login(people.secretariat)
    page = client.get(reverse("members:people"), {"q": "nobody"}).content.decode()
    assert "15 Jan 2026 03:30 EST" in page


# The public form to join ------------------------------------------------------

JOIN = {"organisation": "Gulf Labour Observatory", "acronym": "GLO", "kind": "ngo", "website": "",
        "contact_name": "Sara Ali", "contact_email": "sara@glo.example", "motivation": "We collect data."}


def test_join_request_is_saved_and_thanked(client):
    response = client.post(reverse("members:join"), JOIN, follow=True)
    assert "Thank you for your request" in response.content.decode()
    assert JoinRequest.objects.get().organisation == "Gulf Labour Observatory"


def test_join_form_refuses_other_kinds_and_invalid_input(client):
    response = client.post(reverse("members:join"), {**JOIN, "kind": "other", "contact_email": "nope"})
    assert response.status_code == 200
    assert JoinRequest.objects.count() == 0


def test_join_honeypot_thanks_a_robot_but_saves_nothing(client):
    response = client.post(reverse("members:join"), {**JOIN, "fax_number": "+1 555 0100"})
    assert response.status_code == 302 and response["Location"] == reverse("members:join_thanks")
    assert JoinRequest.objects.count() == 0


def test_join_requests_are_rate_limited_per_address(client):
    for _ in range(views.JOIN_REQUESTS_PER_HOUR):
        assert client.post(reverse("members:join"), JOIN).status_code == 302
    response = client.post(reverse("members:join"), JOIN)
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert JoinRequest.objects.count() == views.JOIN_REQUESTS_PER_HOUR
    other = client.post(reverse("members:join"), JOIN, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302
    from members import ratelimit

    ratelimit.reset("192.0.2.7", "join")


def test_decision_page_records_an_acceptance(people, client):
    from tests.members.factories import JoinRequestFactory

    join_request = JoinRequestFactory(acronym="")
    client.force_login(people.secretariat)
    url = reverse("members:join_request_detail", args=[join_request.pk])
    decided_on = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(url, {"status": "accepted", "decided_on": decided_on, "create_agency": "on",
                                 "acronym": ""})
    assert "An acronym is needed" in response.content.decode()
    response = client.post(url, {"status": "accepted", "decided_on": decided_on, "create_agency": "on",
                                 "acronym": "MRN"}, follow=True)
    assert "was recorded" in response.content.decode()
    agency = Agency.objects.get(acronym="MRN")
    assert response.redirect_chain[-1][0] == reverse("members:agency_detail", args=[agency.pk])
    response = client.post(url, {"status": "declined", "decided_on": decided_on}, follow=True)
    assert "already decided" in response.content.decode()


def test_role_for_a_secretariat_member_is_not_changed_by_themselves(people, client):
    client.force_login(people.secretariat)
    response = client.post(reverse("members:person_edit", args=[people.secretariat.pk]), {
        "first_name": "S", "last_name": "T", "job_title": "", "phone": "", "role": Role.MEMBER, "agency": ""})
    assert "cannot change your own role" in response.content.decode()
    people.secretariat.refresh_from_db()
    assert people.secretariat.role == Role.SECRETARIAT
