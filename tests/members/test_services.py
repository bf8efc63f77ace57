import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from members import services
from members.choices import AgencyKind, DesignationRole, JoinRequestStatus, Membership, Role
from members.models import Agency, CoChairPeriod, Designation, DesignationQuerySet, User
from tests.factories import AgencyFactory, DesignationFactory, UserFactory
from tests.members.factories import JoinRequestFactory

pytestmark = pytest.mark.django_db


def test_seed_creates_core_members_and_co_chairs_once():
    services.seed_reference_data()
    services.seed_reference_data()
    assert Agency.objects.count() == 9
    assert sorted(CoChairPeriod.objects.values_list("agency__acronym", flat=True)) == ["IOM", "LAS", "UN-ESCWA"]
    assert set(CoChairPeriod.objects.values_list("starts_on", flat=True)) == {datetime.date(2013, 6, 30)}


def test_database_allows_one_current_focal_point_per_agency():
    agency = AgencyFactory()
    Designation.objects.create(agency=agency, person=UserFactory(), role=DesignationRole.FOCAL_POINT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Designation.objects.create(agency=agency, person=UserFactory(), role=DesignationRole.FOCAL_POINT)
    # An alternate is a different role and is allowed beside it.
    Designation.objects.create(agency=agency, person=UserFactory(), role=DesignationRole.ALTERNATE)


def test_new_designation_ends_the_current_one():
    agency = AgencyFactory()
    first = services.designation_create(agency=agency, person=UserFactory(), role=DesignationRole.FOCAL_POINT,
                                        starts_on=datetime.date(2024, 1, 1))
    second = services.designation_create(agency=agency, person=UserFactory(), role=DesignationRole.FOCAL_POINT,
                                         starts_on=datetime.date(2025, 6, 1))
    first.refresh_from_db()
    assert first.ends_on == datetime.date(2025, 6, 1)
    assert list(Designation.objects.current().filter(agency=agency)) == [second]


def test_invitation_sends_a_link_to_set_a_password(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_invite(email="New.Person@Example.org", first_name="New", last_name="Person",
                                    role=Role.RCM_DELEGATE)
    assert user.email == "new.person@example.org"
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


# Designations ------------------------------------------------------------

TODAY = timezone.localdate


def test_designation_without_replace_gives_a_clear_message_and_changes_nothing():
    agency = AgencyFactory(acronym="ILO")
    holder = UserFactory(first_name="Karim", last_name="Saleh")
    services.designation_create(agency=agency, person=holder, role=DesignationRole.FOCAL_POINT,
                                starts_on=datetime.date(2024, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.designation_create(agency=agency, person=UserFactory(), role=DesignationRole.FOCAL_POINT,
                                    starts_on=datetime.date(2025, 1, 1), replace=False)
    assert error.value.messages == [
        "ILO already has a current focal point (Karim Saleh). End that designation first, or choose to replace it."
    ]
    assert list(Designation.objects.current().filter(agency=agency).values_list("person", flat=True)) == [holder.pk]


def test_a_concurrent_designation_that_slips_past_the_checks_hits_the_database_constraint(monkeypatch):
    """Two requests at once: the second sees no current designation, the database refuses its insert."""
    agency = AgencyFactory()
    DesignationFactory(agency=agency, role=DesignationRole.FOCAL_POINT)
    monkeypatch.setattr(DesignationQuerySet, "current", lambda qs: qs.none())
    monkeypatch.setattr(Designation, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as error:
        services.designation_create(agency=agency, person=UserFactory(), role=DesignationRole.FOCAL_POINT,
                                    starts_on=datetime.date(2025, 1, 1), replace=False)
    assert error.value.messages == ["This agency already has a current designation for this role."]
    assert Designation.objects.filter(agency=agency).count() == 1


@pytest.mark.dates
def test_designation_cannot_start_before_the_one_it_replaces_nor_in_the_future():
    agency = AgencyFactory()
    services.designation_create(agency=agency, person=UserFactory(), role=DesignationRole.ALTERNATE,
                                starts_on=datetime.date(2025, 3, 1))
    with pytest.raises(ValidationError) as error:
        services.designation_create(agency=agency, person=UserFactory(), role=DesignationRole.ALTERNATE,
                                    starts_on=datetime.date(2025, 2, 1))
    assert "starts_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.designation_create(agency=agency, person=UserFactory(), role=DesignationRole.ALTERNATE,
                                    starts_on=TODAY() + datetime.timedelta(days=2))
    assert "starts_on" in error.value.message_dict
    assert Designation.objects.filter(agency=agency).count() == 1


def test_one_person_cannot_be_focal_point_and_alternate_of_the_same_agency():
    agency = AgencyFactory()
    person = UserFactory(first_name="Mona", last_name="Zaki")
    services.designation_create(agency=agency, person=person, role=DesignationRole.FOCAL_POINT,
                                starts_on=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.designation_create(agency=agency, person=person, role=DesignationRole.ALTERNATE,
                                    starts_on=datetime.date(2025, 1, 1))
    assert error.value.message_dict == {"person": ["Mona Zaki is already the agency's current focal point."]}


def test_designating_someone_without_agency_makes_them_staff_of_it():
    agency = AgencyFactory()
    person = UserFactory(role=Role.NONE)
    services.designation_create(agency=agency, person=person, role=DesignationRole.FOCAL_POINT,
                                starts_on=datetime.date(2025, 1, 1))
    person.refresh_from_db()
    assert (person.agency, person.role) == (agency, Role.MEMBER)


def test_designation_invite_creates_the_person_and_the_designation_or_neither(django_capture_on_commit_callbacks):
    agency = AgencyFactory()
    with django_capture_on_commit_callbacks(execute=True):
        designation = services.designation_invite(
            agency=agency, role=DesignationRole.FOCAL_POINT, starts_on=datetime.date(2025, 1, 1),
            email="Focal@New.example", first_name="Fa", last_name="Ida")
    assert designation.person.email == "focal@new.example"
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.designation_invite(
            agency=agency, role=DesignationRole.FOCAL_POINT, starts_on=datetime.date(2024, 1, 1),  # before current
            email="second@new.example", first_name="Se", last_name="Cond")
    assert not User.objects.filter(email="second@new.example").exists()
    assert len(mail.outbox) == 1


@pytest.mark.dates
def test_designation_end_checks_its_date():
    designation = DesignationFactory(starts_on=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError):
        services.designation_end(designation=designation, ends_on=datetime.date(2024, 12, 31))
    with pytest.raises(ValidationError):
        services.designation_end(designation=designation, ends_on=TODAY() + datetime.timedelta(days=1))
    services.designation_end(designation=designation, ends_on=datetime.date(2025, 6, 30))
    with pytest.raises(ValidationError, match="already ended"):
        services.designation_end(designation=designation, ends_on=datetime.date(2025, 7, 1))
    designation.refresh_from_db()
    assert designation.ends_on == datetime.date(2025, 6, 30)


# People ------------------------------------------------------------------


def test_invitation_refuses_an_existing_address():
    UserFactory(email="taken@example.org")
    with pytest.raises(ValidationError) as error:
        services.user_invite(email="Taken@Example.org", first_name="T", last_name="K")
    assert "email" in error.value.message_dict


def test_invitation_is_recorded_in_the_history_with_who_invited():
    by = UserFactory(role=Role.SECRETARIAT)
    user = services.user_invite(email="new@example.org", first_name="N", last_name="W", by=by)
    record = user.history.get()
    assert (record.history_user, record.history_change_reason) == (by, "invited")


@pytest.mark.dates
def test_deactivation_ends_current_designations_and_refuses_oneself():
    secretariat = UserFactory(role=Role.SECRETARIAT)
    designation = DesignationFactory(starts_on=datetime.date(2025, 1, 1))
    person = designation.person
    services.user_deactivate(person=person, by=secretariat)
    person.refresh_from_db()
    designation.refresh_from_db()
    assert not person.is_active
    assert designation.ends_on == timezone.localdate()
    with pytest.raises(ValidationError):
        services.user_deactivate(person=secretariat, by=secretariat)


def test_the_secretariat_cannot_change_an_admin_nor_its_own_role():
    secretariat = UserFactory(role=Role.SECRETARIAT)
    admin = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(ValidationError):
        services.user_deactivate(person=admin, by=secretariat)
    with pytest.raises(ValidationError):
        services.user_update(person=admin, data={"role": Role.MEMBER}, by=secretariat)
    with pytest.raises(ValidationError) as error:
        services.user_update(person=secretariat, data={"role": Role.NONE}, by=secretariat)
    assert "role" in error.value.message_dict
    secretariat.refresh_from_db()
    assert secretariat.role == Role.SECRETARIAT


def test_account_update_refuses_an_unknown_time_zone():
    user = UserFactory()
    with pytest.raises(ValidationError):
        services.account_update(user=user, data={"time_zone": "Mars/Olympus_Mons"})
    services.account_update(user=user, data={"time_zone": "Africa/Cairo", "job_title": "Officer"})
    user.refresh_from_db()
    assert (user.time_zone, user.job_title) == ("Africa/Cairo", "Officer")


# Co-chair periods --------------------------------------------------------


@pytest.mark.dates
def test_co_chair_periods_of_one_agency_may_not_overlap():
    agency = AgencyFactory()
    services.co_chair_period_create(agency=agency, starts_on=datetime.date(2013, 6, 30),
                                    ends_on=datetime.date(2016, 6, 29))
    with pytest.raises(ValidationError, match="overlaps"):
        services.co_chair_period_create(agency=agency, starts_on=datetime.date(2016, 1, 1))
    later = services.co_chair_period_create(agency=agency, starts_on=datetime.date(2016, 6, 30))
    with pytest.raises(ValidationError):
        services.co_chair_period_update(period=later, starts_on=datetime.date(2016, 6, 30),
                                        ends_on=datetime.date(2016, 1, 1))
    assert CoChairPeriod.objects.filter(agency=agency).count() == 2


# Requests to join --------------------------------------------------------

# A meeting held between the submission (60 days ago, see the factory) and today.
MEETING_DAY = lambda: timezone.localdate() - datetime.timedelta(days=20)  # noqa: E731


def test_accepting_a_request_creates_a_participant_agency():
    by = UserFactory(role=Role.SECRETARIAT)
    join_request = JoinRequestFactory(organisation="Gulf Labour Observatory", acronym="GLO", kind=AgencyKind.NGO,
                                      website="https://glo.example")
    decided = services.join_request_decide(join_request=join_request, status=JoinRequestStatus.ACCEPTED,
                                           decided_on=MEETING_DAY(), by=by, note="At the March meeting")
    agency = decided.agency
    assert (agency.acronym, agency.name_en, agency.kind, agency.membership, agency.joined_on) == (
        "GLO", "Gulf Labour Observatory", AgencyKind.NGO, Membership.PARTICIPANT, MEETING_DAY())
    assert agency.website == "https://glo.example"
    assert (decided.status, decided.decided_by, decided.decision_note) == ("accepted", by, "At the March meeting")


def test_declining_creates_no_agency_and_a_decided_request_cannot_be_decided_again():
    join_request = JoinRequestFactory()
    services.join_request_decide(join_request=join_request, status=JoinRequestStatus.DECLINED,
                                 decided_on=MEETING_DAY(), by=None)
    assert Agency.objects.count() == 0
    with pytest.raises(ValidationError, match="already decided"):
        services.join_request_decide(join_request=join_request, status=JoinRequestStatus.ACCEPTED,
                                     decided_on=MEETING_DAY(), by=None)


def test_accepting_needs_a_free_acronym_unless_no_agency_is_wanted():
    AgencyFactory(acronym="GLO")
    join_request = JoinRequestFactory(acronym="glo")
    with pytest.raises(ValidationError) as error:
        services.join_request_decide(join_request=join_request, status=JoinRequestStatus.ACCEPTED,
                                     decided_on=MEETING_DAY(), by=None)
    assert "acronym" in error.value.message_dict
    services.join_request_decide(join_request=join_request, status=JoinRequestStatus.ACCEPTED,
                                 decided_on=MEETING_DAY(), by=None, acronym="GLO-2")
    join_request.refresh_from_db()
    assert join_request.agency.acronym == "GLO-2"
    other = JoinRequestFactory(acronym="")
    services.join_request_decide(join_request=other, status=JoinRequestStatus.ACCEPTED,
                                 decided_on=MEETING_DAY(), by=None, create_agency=False)
    other.refresh_from_db()
    assert other.agency is None and other.status == JoinRequestStatus.ACCEPTED


@pytest.mark.dates
def test_decision_date_is_not_in_the_future():
    join_request = JoinRequestFactory()
    with pytest.raises(ValidationError):
        services.join_request_decide(join_request=join_request, status=JoinRequestStatus.DECLINED,
                                     decided_on=TODAY() + datetime.timedelta(days=3), by=None)


def test_a_submitted_request_is_announced_to_the_secretariat(django_capture_on_commit_callbacks):
    UserFactory(email="sec@rwg.example", role=Role.SECRETARIAT)
    UserFactory(email="gone@rwg.example", role=Role.SECRETARIAT, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        join_request = services.join_request_submit(data={
            "organisation": "Mashreq Mobility Forum", "kind": AgencyKind.NGO, "contact_name": "Rami",
            "contact_email": "rami@mmf.example", "motivation": "Research on return migration."})
    assert join_request.status == JoinRequestStatus.PENDING
    assert [m.to for m in mail.outbox] == [["sec@rwg.example"]]
    assert "Mashreq Mobility Forum" in mail.outbox[0].subject
    assert f"/members/join-requests/{join_request.pk}/" in mail.outbox[0].body
