"""Pinned query counts: list and detail pages cost the same with few rows or many."""

import datetime

import pytest
from django.urls import reverse

from members.choices import DesignationRole
from tests.factories import AgencyFactory, DesignationFactory, UserFactory
from tests.members.factories import CoChairPeriodFactory

pytestmark = pytest.mark.django_db

# Each page's exact count: the shell's queries on every page (session, user, two-factor check) and the
# page's own, the same with few rows or many.
QUERIES = {"directory": 6, "agency": 7, "people": 7, "history": 10}


def count_queries(client, url, django_assert_num_queries, page: str) -> int:
    client.get(url)  # warm up: the first request after signing in saves the session differently
    with django_assert_num_queries(QUERIES[page]) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_agencies(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        agency = AgencyFactory(acronym=f"X{i:03}")
        DesignationFactory(agency=agency, role=DesignationRole.FOCAL_POINT)
        DesignationFactory(agency=agency, role=DesignationRole.ALTERNATE)


def test_directory(people, client, django_assert_num_queries):
    client.force_login(people.secretariat)
    add_agencies(3)
    few = count_queries(client, reverse("members:directory"), django_assert_num_queries, "directory")
    add_agencies(20, start=3)
    many = count_queries(client, reverse("members:directory"), django_assert_num_queries, "directory")
    assert many == few


def test_agency_page(people, client, django_assert_num_queries):
    client.force_login(people.secretariat)
    url = reverse("members:agency_detail", args=[people.owning.pk])

    def add_past(n, start):
        for i in range(start, start + n):
            DesignationFactory(agency=people.owning, role=DesignationRole.ALTERNATE,
                               starts_on=datetime.date(2000 + i, 1, 1), ends_on=datetime.date(2000 + i, 6, 1))
            CoChairPeriodFactory(agency=people.owning, starts_on=datetime.date(2000 + i, 7, 1),
                                 ends_on=datetime.date(2000 + i, 12, 1))

    add_past(1, 0)
    few = count_queries(client, url, django_assert_num_queries, "agency")
    add_past(15, 1)
    many = count_queries(client, url, django_assert_num_queries, "agency")
    assert many == few


def test_people_list(people, client, django_assert_num_queries):
    client.force_login(people.secretariat)

    def add_people(n, start):
        for i in range(start, start + n):
            agency = AgencyFactory(acronym=f"P{i:03}")
            person = UserFactory(email=f"p{i}@example.org", agency=agency)
            DesignationFactory(agency=agency, person=person)

    add_people(2, 0)
    few = count_queries(client, reverse("members:people"), django_assert_num_queries, "people")
    add_people(20, 2)
    many = count_queries(client, reverse("members:people"), django_assert_num_queries, "people")
    assert many == few


def test_history_page(people, client, django_assert_num_queries):
    from members import services

    client.force_login(people.secretariat)
    url = reverse("members:agency_history", args=[people.owning.pk])
    # One query per history table and per kind of related record named: have one of each from the start.
    services.co_chair_period_create(agency=people.owning, starts_on=datetime.date(1980, 1, 1),
                                    ends_on=datetime.date(1980, 2, 1), by=people.admin)
    few = count_queries(client, url, django_assert_num_queries, "history")
    for n in range(15):
        services.agency_update(agency=people.owning, data={"phone": f"+961 {n}"}, by=people.secretariat)
        services.co_chair_period_create(agency=people.owning, starts_on=datetime.date(1990 + n, 1, 1),
                                        ends_on=datetime.date(1990 + n, 2, 1), by=people.admin)
    many = count_queries(client, url, django_assert_num_queries, "history")
    assert many == few
