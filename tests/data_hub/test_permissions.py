import pytest

from data_hub import permissions
from data_hub.models import Dataset, ImportJob, Place
from tests.data_hub.factories import ReleaseFactory

pytestmark = pytest.mark.django_db


def test_who_may_import_and_change_what(people):
    undesa = ReleaseFactory(dataset=Dataset.objects.get(code="undesa-stock"))
    own = ReleaseFactory(dataset=Dataset.objects.create(code="own", name_en="Own", publisher="OWN",
                                                        agency=people.owning))
    table = {role: (permissions.can_import(people.user(role)) if role != "anonymous" else False,
                    permissions.can_change_release(people.user(role), undesa) if role != "anonymous" else False,
                    permissions.can_change_release(people.user(role), own) if role != "anonymous" else False)
             for role in ("no_role", "rcm_delegate", "other_focal_point", "alternate", "focal_point", "secretariat",
                          "admin")}
    assert table == {
        "no_role": (False, False, False),
        "rcm_delegate": (False, False, False),
        "other_focal_point": (True, False, False),
        "alternate": (True, False, True),
        "focal_point": (True, False, True),
        "secretariat": (True, True, True),
        "admin": (True, True, True),
    }


def test_an_import_job_is_visible_to_its_uploader_and_the_secretariat(people):
    job = ImportJob(created_by=people.focal_point)
    assert permissions.can_view_import(people.focal_point, job)
    assert permissions.can_view_import(people.secretariat, job)
    assert not permissions.can_view_import(people.alternate, job)


def test_reference_groups_cannot_be_changed(people):
    assert not permissions.can_change_group(people.secretariat, Place.objects.get(code="ARAB"))
    assert not permissions.can_change_group(people.secretariat, Place.objects.get(code="JOR"))
