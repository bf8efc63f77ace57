"""Every list page costs an exact, pinned number of queries, whatever the number of rows.

Exact counts (not ceilings): a change that adds a query to a list page, or removes one, shows here
and the pin is moved on purpose. Each page is asked once to warm the shared caches (what most
visitors get: the figures and place lists are cached by data version), then counted, with 2 and
then 6 rows of everything, so that a query per row (N+1) fails as well.
"""

import pytest
from django.core.cache import cache
from django.test import Client

from data_hub.models import Dataset
from tests.data_hub.factories import ReleaseFactory
from tests.factories import AgencyFactory, DesignationFactory, UserFactory
from tests.meetings.factories import ActionItemFactory, MeetingFactory
from tests.programmes.factories import ActivityFactory

pytestmark = pytest.mark.django_db

# (role, URL): queries. The session, the user, the designations and the shell's panels and navigation
# are part of every signed-in page.
PINNED = {
    ("focal_point", "/meetings/"): 6,
    # Everyone's items ("mine" unticked): a focal point's list opens on their own agency's, which
    # ``fill`` does not grow.
    ("focal_point", "/meetings/action-items/?state="): 6,
    ("focal_point", "/meetings/action-items/"): 5,
    ("focal_point", "/meetings/calendar/"): 4,
    # 7 -> 6 (issue 14): the filter form (the agencies among its choices) is shared (rwg_fragments).
    ("focal_point", "/programmes/activities/"): 6,
    ("focal_point", "/members/agencies/"): 6,
    ("secretariat", "/members/people/"): 7,
    ("focal_point", "/data/releases/"): 5,
    ("focal_point", "/data/places/"): 5,
    ("anonymous", "/data/places/"): 2,
    ("anonymous", "/data/releases/"): 2,
    ("anonymous", "/data/api/v1/releases.json"): 1,
    ("anonymous", "/data/api/v1/places.json"): 2,
}


def fill(people, n: int) -> None:
    for i in range(n):
        agency = AgencyFactory()
        DesignationFactory(agency=agency, person=UserFactory(agency=agency))
        ActionItemFactory(owner_agency=agency)
        MeetingFactory()
        ActivityFactory(lead_agency=agency)
        ReleaseFactory(dataset=Dataset.objects.get(code="undesa-stock"), revision=f"Rev.{n}.{i}", is_current=False)


def measure(people) -> dict:
    counted = {}
    clients = {"anonymous": Client()}
    for (role, url) in PINNED:
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(people.user(role))
        client = clients[role]
        assert client.get(url).status_code == 200, url  # warms the shared caches
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200, url
        counted[(role, url)] = len(context.captured_queries)
    return counted


def test_list_pages_cost_a_pinned_number_of_queries_whatever_their_length(people, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "query-counts"}}
    cache.clear()
    fill(people, 2)
    few = measure(people)
    fill(people, 4)
    many = measure(people)
    assert few == PINNED
    assert many == PINNED
