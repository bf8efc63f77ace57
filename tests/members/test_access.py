"""Every members view, as every standing person: who may read, who may write, and refused writes change nothing."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.choices import DesignationRole, JoinRequestStatus, Role
from members.models import Agency, CoChairPeriod, Designation, JoinRequest, User
from members.views import join as views
from tests.access import LOGIN, OK, assert_access
from tests.factories import UserFactory
from tests.members.factories import CoChairPeriodFactory, JoinRequestFactory

pytestmark = pytest.mark.django_db

SECRETARIAT_ONLY = {
    "anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403,
    "alternate": 403, "focal_point": 403, "secretariat": OK, "admin": OK,
}
SIGNED_IN = {
    "anonymous": LOGIN, "no_role": OK, "rcm_delegate": OK, "other_focal_point": OK,
    "alternate": OK, "focal_point": OK, "secretariat": OK, "admin": OK,
}
EVERYONE = {role: OK for role in SIGNED_IN}
TODAY = lambda: timezone.localdate().isoformat()  # noqa: E731


def agency_data(**overrides):
    data = {"acronym": "NEW", "name_en": "New Agency", "name_ar": "وكالة جديدة", "name_fr": "Nouvelle agence",
            "kind": "un", "membership": "participant", "joined_on": "2026-01-10", "office_city": "beirut",
            "office_city_other": "", "website": "", "email": "", "phone": "", "address": ""}
    return {**data, **overrides}


# Agencies ----------------------------------------------------------------


def test_index_redirects_everyone_to_the_directory(people):
    assert_access(people, reverse("members:index"), EVERYONE)


def test_agency_create(people):
    url = reverse("members:agency_create")
    assert_access(people, url, SECRETARIAT_ONLY)
    assert_access(people, url, SECRETARIAT_ONLY, method="post", data=agency_data(),
                  snapshot=lambda: Agency.objects.count())
    assert Agency.objects.filter(acronym="NEW", membership="participant").exists()


def test_agency_edit(people):
    url = reverse("members:agency_edit", args=[people.owning.pk])
    assert_access(people, url, SECRETARIAT_ONLY)
    assert_access(people, url, SECRETARIAT_ONLY, method="post",
                  data=agency_data(acronym="OWN", name_en="Owning Agency renamed", membership="former"),
                  snapshot=lambda: Agency.objects.values_list("name_en", "membership").get(pk=people.owning.pk))
    people.owning.refresh_from_db()
    assert people.owning.membership == "former"


def test_agency_history(people):
    assert_access(people, reverse("members:agency_history", args=[people.owning.pk]), SECRETARIAT_ONLY)


def test_my_agency(people):
    assert_access(people, reverse("members:my_agency"), {
        "anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": OK,
        "alternate": OK, "focal_point": OK, "secretariat": 403, "admin": 403,
    })


# Designations ------------------------------------------------------------


def test_designation_create(people):
    url = reverse("members:designation_create", args=[people.owning.pk])
    assert_access(people, url, SECRETARIAT_ONLY)
    newcomer = UserFactory(email="newcomer@own.example", role=Role.MEMBER)
    data = {"role": DesignationRole.FOCAL_POINT, "person": newcomer.pk, "starts_on": TODAY(), "replace": "on"}
    assert_access(people, url, SECRETARIAT_ONLY, method="post", data=data,
                  snapshot=lambda: sorted(Designation.objects.current().filter(agency=people.owning)
                                          .values_list("role", "person_id")))
    assert people.owning.current_focal_point.person == newcomer


def test_designation_end(people):
    designation = Designation.objects.get(person=people.alternate)
    url = reverse("members:designation_end", args=[designation.pk])
    assert_access(people, url, SECRETARIAT_ONLY)
    assert_access(people, url, SECRETARIAT_ONLY, method="post", data={"ends_on": TODAY()},
                  snapshot=lambda: Designation.objects.get(pk=designation.pk).ends_on)
    designation.refresh_from_db()
    assert designation.ends_on == timezone.localdate()


# Co-chair periods --------------------------------------------------------


def test_co_chair_create(people):
    url = reverse("members:co_chair_create", args=[people.owning.pk])
    assert_access(people, url, SECRETARIAT_ONLY)
    assert_access(people, url, SECRETARIAT_ONLY, method="post", data={"starts_on": "2013-06-30", "ends_on": ""},
                  snapshot=lambda: CoChairPeriod.objects.count())
    # The secretariat created the period; the admin's identical request is refused as an overlap.
    assert CoChairPeriod.objects.filter(agency=people.owning).count() == 1


def test_co_chair_edit(people):
    period = CoChairPeriodFactory(agency=people.owning, starts_on=datetime.date(2013, 6, 30))
    url = reverse("members:co_chair_edit", args=[period.pk])
    assert_access(people, url, SECRETARIAT_ONLY)
    assert_access(people, url, SECRETARIAT_ONLY, method="post", data={"starts_on": "2013-06-30",
                                                                       "ends_on": "2020-12-31"},
                  snapshot=lambda: CoChairPeriod.objects.get(pk=period.pk).ends_on)
    period.refresh_from_db()
    assert period.ends_on == datetime.date(2020, 12, 31)


def test_co_chair_delete(people):
    period = CoChairPeriodFactory(agency=people.owning)
    url = reverse("members:co_chair_delete", args=[period.pk])
    assert_access(people, url, SECRETARIAT_ONLY)
    # The secretariat's request deletes it, so the admin's (which comes next) finds nothing.
    assert_access(people, url, {**SECRETARIAT_ONLY, "admin": 404}, method="post",
                  snapshot=lambda: CoChairPeriod.objects.filter(pk=period.pk).exists())
    assert not CoChairPeriod.objects.filter(pk=period.pk).exists()


# People ------------------------------------------------------------------


def test_people_list(people):
    assert_access(people, reverse("members:people"), SECRETARIAT_ONLY)


def test_person_invite(people):
    url = reverse("members:person_invite")
    assert_access(people, url, SECRETARIAT_ONLY)
    data = {"email": "invitee@example.org", "first_name": "In", "last_name": "Vitee", "role": Role.RCM_DELEGATE,
            "agency": "", "language": "fr"}
    assert_access(people, url, SECRETARIAT_ONLY, method="post", data=data,
                  snapshot=lambda: (User.objects.count(), len(mail.outbox)))
    assert User.objects.get(email="invitee@example.org").role == Role.RCM_DELEGATE


def test_person_detail(people):
    assert_access(people, reverse("members:person_detail", args=[people.no_role.pk]), SECRETARIAT_ONLY)


def test_person_edit(people):
    url = reverse("members:person_edit", args=[people.no_role.pk])
    assert_access(people, url, SECRETARIAT_ONLY)
    data = {"first_name": "No", "last_name": "Role", "job_title": "Analyst", "phone": "", "role": Role.MEMBER,
            "agency": people.other.pk}
    assert_access(people, url, SECRETARIAT_ONLY, method="post", data=data,
                  snapshot=lambda: User.objects.values_list("role", "agency_id").get(pk=people.no_role.pk))
    people.no_role.refresh_from_db()
    assert (people.no_role.role, people.no_role.agency) == (Role.MEMBER, people.other)


def test_admin_accounts_are_changed_by_admins_only(people):
    url = reverse("members:person_edit", args=[people.admin.pk])
    assert_access(people, url, {**SECRETARIAT_ONLY, "secretariat": 403})


def test_person_deactivate(people):
    url = reverse("members:person_deactivate", args=[people.no_role.pk])
    assert_access(people, url, SECRETARIAT_ONLY, method="post",
                  snapshot=lambda: User.objects.get(pk=people.no_role.pk).is_active)
    assert not User.objects.get(pk=people.no_role.pk).is_active


def test_person_reactivate(people):
    former = UserFactory(email="former@example.org", is_active=False)
    url = reverse("members:person_reactivate", args=[former.pk])
    assert_access(people, url, SECRETARIAT_ONLY, method="post",
                  snapshot=lambda: User.objects.get(pk=former.pk).is_active)
    assert User.objects.get(pk=former.pk).is_active


def test_person_reinvite(people, django_capture_on_commit_callbacks):
    invitee = UserFactory(email="pending@example.org", password=None)
    invitee.set_unusable_password()
    invitee.save()
    url = reverse("members:person_reinvite", args=[invitee.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert_access(people, url, SECRETARIAT_ONLY, method="post",
                      snapshot=lambda: (User.objects.get(pk=invitee.pk).invited_at, len(mail.outbox)))
    assert len(mail.outbox) == 2  # once by the secretariat, once by the admin


def test_person_history(people):
    assert_access(people, reverse("members:person_history", args=[people.no_role.pk]), SECRETARIAT_ONLY)


def test_my_account(people):
    url = reverse("members:my_account")
    assert_access(people, url, SIGNED_IN)
    data = {"first_name": "Same", "last_name": "Person", "job_title": "Officer", "phone": "+961 1 111",
            "time_zone": "Africa/Cairo"}
    assert_access(people, url, SIGNED_IN, method="post", data=data,
                  snapshot=lambda: sorted(User.objects.values_list("job_title", flat=True)))
    assert User.objects.filter(job_title="Officer").count() == 7


# Requests to join --------------------------------------------------------


def test_join_form_is_public(people, monkeypatch):
    monkeypatch.setattr(views, "JOIN_REQUESTS_PER_HOUR", 100)
    url = reverse("members:join")
    assert_access(people, url, EVERYONE)
    data = {"organisation": "Gulf Labour Observatory", "acronym": "", "kind": "ngo", "website": "",
            "contact_name": "Sara", "contact_email": "sara@glo.example", "motivation": "Data on labour migration."}
    assert_access(people, url, EVERYONE, method="post", data=data)
    assert JoinRequest.objects.count() == 8
    assert_access(people, reverse("members:join_thanks"), EVERYONE)


def test_join_request_list(people):
    assert_access(people, reverse("members:join_requests"), SECRETARIAT_ONLY)


def test_join_request_decide(people):
    join_request = JoinRequestFactory(acronym="GLO")
    url = reverse("members:join_request_detail", args=[join_request.pk])
    assert_access(people, url, SECRETARIAT_ONLY)
    data = {"status": "accepted", "decided_on": TODAY(), "note": "Welcomed at the March meeting.",
            "create_agency": "on", "acronym": "GLO"}
    assert_access(people, url, SECRETARIAT_ONLY, method="post", data=data,
                  snapshot=lambda: (JoinRequest.objects.get(pk=join_request.pk).status, Agency.objects.count()))
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.ACCEPTED
    assert join_request.agency.membership == "participant"
