import pytest

from members import permissions

pytestmark = pytest.mark.django_db


def test_roles(people):
    assert permissions.is_secretariat(people.secretariat)
    assert permissions.is_secretariat(people.admin)
    assert not permissions.is_secretariat(people.focal_point)
    assert permissions.represents(people.focal_point, people.owning.pk)
    assert permissions.represents(people.alternate, people.owning.pk)
    assert not permissions.represents(people.other_focal_point, people.owning.pk)
    assert not permissions.has_portal_role(people.no_role)
    assert permissions.has_portal_role(people.rcm_delegate)


def test_ended_designation_gives_no_rights(people):
    import datetime

    people.focal_point.designations.update(ends_on=datetime.date(2025, 1, 1))
    people.focal_point.refresh_from_db()
    assert not permissions.can_edit_agency_contacts(people.focal_point, people.owning)
