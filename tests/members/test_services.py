import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from members import services
from members.choices import DesignationRole, Role
from members.models import Agency, CoChairPeriod, Designation
from tests.factories import AgencyFactory, UserFactory

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
