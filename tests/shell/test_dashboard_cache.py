"""Dashboard panels shared by a role or by one set of agencies: cached by content version, never across scopes."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.choices import PracticeStatus
from rwg_portal import dashboard_cache
from tests.factories import AgencyFactory, DesignationFactory, UserFactory
from tests.people import with_totp
from tests.programmes.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db

# Exact queries of the dashboard once its shared panels are cached (session and user, the
# designations, the personal panels and the navigation). Asked again with more rows: the same.
# The secretariat 8 -> 7 (issue 14): its "my meetings" panel read the action items it would not show.
PINNED = {"focal_point": 7, "secretariat": 7, "rcm_delegate": 4, "anonymous": 0}


def dashboard(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_write_changes_the_shared_panel_and_moves_the_version(people):
    client = signed_in(people.secretariat)
    assert "Practice to validate" not in dashboard(client)
    before = dashboard_cache.versions()
    GoodPracticeFactory(title_en="Practice to validate", agency=people.owning, status=PracticeStatus.SUBMITTED)
    after = dashboard_cache.versions()
    assert after["programmes"] > before["programmes"]
    assert after["meetings"] == before["meetings"]
    assert "Practice to validate" in dashboard(client)


def test_the_version_moves_again_when_the_work_that_wrote_ends(people):
    """A reader between the save and the commit may have cached the panel from the data before it."""
    dashboard_cache._before_work()  # a request or task starts (request_started, task_prerun)
    GoodPracticeFactory(agency=people.owning)
    during = dashboard_cache.versions()
    dashboard_cache._after_work()  # it ends, its transaction committed (request_finished, task_postrun)
    after = dashboard_cache.versions()
    assert after["programmes"] > during["programmes"]
    assert after["meetings"] == during["meetings"]
    dashboard_cache._before_work()
    dashboard_cache._after_work()  # work that wrote nothing moves nothing
    assert dashboard_cache.versions() == after


def test_the_panel_is_built_once_for_the_whole_role(people):
    other_secretariat = with_totp(UserFactory(role=people.secretariat.role))
    first = signed_in(people.secretariat)
    dashboard(first)  # fills the shared cache
    with CaptureQueriesContext(connection) as warm:
        dashboard(signed_in(other_secretariat))
    assert not any("programmes_goodpractice" in query["sql"] for query in warm.captured_queries)


def test_two_agencies_never_see_each_other_s_panel(people):
    mine, theirs = AgencyFactory(acronym="MINEAG"), AgencyFactory(acronym="THEIRAG")
    me, them = UserFactory(agency=mine), UserFactory(agency=theirs)
    DesignationFactory(agency=mine, person=me)
    DesignationFactory(agency=theirs, person=them)
    GoodPracticeFactory(title_en="Our draft practice", agency=mine)
    GoodPracticeFactory(title_en="Their draft practice", agency=theirs)
    for _ in range(2):  # the second time from the shared cache
        my_page, their_page = dashboard(signed_in(me)), dashboard(signed_in(them))
        assert "MINEAG" in my_page and "Our draft practice" in my_page
        assert "THEIRAG" not in my_page and "Their draft practice" not in my_page
        assert "THEIRAG" in their_page and "Their draft practice" in their_page
        assert "MINEAG" not in their_page and "Our draft practice" not in their_page


def test_a_refused_write_moves_no_version(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.focal_point)
    before = dashboard_cache.versions()
    response = client.post(reverse("programmes:practice_create"), {"title_en": "Sneaked in"})
    assert response.status_code == 403
    assert dashboard_cache.versions() == before


def test_a_language_has_its_own_copy(people):
    client = signed_in(people.secretariat)
    assert "in the catalogue" in dashboard(client)
    client.cookies.load({"django_language": "fr"})
    assert "in the catalogue" not in dashboard(client)


def grow(people, n: int) -> None:
    for i in range(n):
        agency = AgencyFactory()
        DesignationFactory(agency=agency, person=UserFactory(agency=agency))
        GoodPracticeFactory(agency=people.owning, title_en=f"Draft {n}.{i}")
        GoodPracticeFactory(agency=agency, status=PracticeStatus.SUBMITTED)


@pytest.mark.parametrize("role", sorted(PINNED))
def test_the_dashboard_costs_a_pinned_number_of_queries(people, role, django_assert_num_queries):
    client = Client()
    if role != "anonymous":
        client.force_login(people.user(role))
    for n in (2, 5):
        grow(people, n)
        dashboard(client)  # builds the shared panels of this content version
        with django_assert_num_queries(PINNED[role]):
            dashboard(client)
