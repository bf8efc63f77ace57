"""Reads: the coverage matrix, the finder's inputs, and fixed query counts on the big pages."""

import datetime

import pytest
from django.urls import reverse

from programmes import selectors
from tests.factories import AgencyFactory
from tests.programmes.factories import ActivityFactory, ParticipationFactory, PriorityAreaFactory

pytestmark = pytest.mark.django_db


def _catalogue(count, agencies):
    for n in range(count):
        activity = ActivityFactory(lead_agency=agencies[n % len(agencies)],
                                   countries=[["JOR", "LBN"], ["EGY"], ["JOR"]][n % 3],
                                   themes=[["labour"], ["labour", "women"], ["data"]][n % 3],
                                   starts_on=datetime.date(2025, 1 + n % 12, 1))
        if n % 4 == 0:
            ParticipationFactory(activity=activity, agency=agencies[(n + 1) % len(agencies)])
    for n in range(count // 5):
        PriorityAreaFactory(place=["YEM", "JOR"][n % 2], theme="children")


def test_coverage_matrix_shows_who_works_where_and_uncovered_priorities(people):
    ActivityFactory(lead_agency=people.owning, countries=["JOR"], themes=["labour"])
    joint = ActivityFactory(lead_agency=people.other, countries=["JOR", "LBN"], themes=["labour"])
    ParticipationFactory(activity=joint, agency=people.owning)
    ActivityFactory(lead_agency=people.other, countries=["EGY"], themes=["data"], status="completed")
    covered = PriorityAreaFactory(place="JOR", theme="labour")
    gap = PriorityAreaFactory(place="YEM", theme="children")
    matrix = selectors.coverage_matrix(people.rcm_delegate)
    cells = {(row["place"], cell["theme"]): cell for row in matrix["rows"] for cell in row["cells"]}
    assert cells[("JOR", "labour")]["agencies"] == ["OTH", "OWN"]
    assert cells[("JOR", "labour")]["priorities"] == [covered] and not cells[("JOR", "labour")]["gap"]
    assert cells[("LBN", "labour")]["agencies"] == ["OTH", "OWN"]
    assert cells[("EGY", "data")]["agencies"] == []  # completed work is not current coverage
    assert cells[("YEM", "children")]["gap"]
    assert matrix["uncovered"] == [gap]
    assert len(matrix["rows"]) == 24


def test_finder_items_include_partners_and_only_current_work(people):
    joint = ActivityFactory(lead_agency=people.owning)
    ParticipationFactory(activity=joint, agency=people.other)
    ActivityFactory(lead_agency=people.other, status="cancelled")
    items = selectors.finder_items()
    assert [(item.id, item.agencies) for item in items] == [(joint.pk, frozenset({people.owning.pk,
                                                                                 people.other.pk}))]


@pytest.mark.parametrize("name", ["activity_list", "coverage", "synergies"])
def test_big_pages_use_a_fixed_number_of_queries(people, client, django_assert_num_queries, name):
    agencies = [people.owning, people.other, *(AgencyFactory(acronym=f"A{n}") for n in range(4))]
    client.force_login(people.secretariat)
    url = reverse(f"programmes:{name}")
    expected = {"activity_list": 6, "coverage": 7, "synergies": 8}[name]  # pinned exactly
    _catalogue(6, agencies)
    client.get(url)  # warm up: the first request after signing in saves the session differently
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    _catalogue(60, agencies)
    client.get(url)  # the activity list's filter form is shared once rendered (rwg_fragments.shared_form)
    with django_assert_num_queries(expected):  # the page does not grow with the catalogue
        response = client.get(url)
    assert response.status_code == 200


def test_activity_detail_query_count(people, client, django_assert_num_queries):
    activity = ActivityFactory(lead_agency=people.owning)
    for n in range(5):
        ParticipationFactory(activity=activity, agency=AgencyFactory(acronym=f"P{n}"))
    client.force_login(people.focal_point)
    with django_assert_num_queries(8):
        assert client.get(reverse("programmes:activity_detail", args=[activity.pk])).status_code == 200
