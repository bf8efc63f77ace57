"""A GET form's HTML shared by everyone who asks the same values (rwg_portal/templatetags/rwg_fragments.py)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def activity_filter(client, **params) -> str:
    response = client.get(reverse("programmes:activity_list"), params)
    assert response.status_code == 200
    return response.content.decode()


def selected(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select)


@pytest.fixture
def focal(people) -> Client:
    client = Client()
    client.force_login(people.focal_point)
    return client


def test_a_new_agency_is_offered_at_the_next_request(focal, people):
    assert ">ZQXW</option>" not in activity_filter(focal)
    AgencyFactory(acronym="ZQXW", name_en="Zeta Migration Agency")  # a write to members: its version moves
    assert ">ZQXW</option>" in activity_filter(focal)


def test_each_choice_keeps_its_own_selected_values(focal, people):
    assert selected(activity_filter(focal, country="JOR"), "country") == ["JOR"]
    assert selected(activity_filter(focal, country="LBN"), "country") == ["LBN"]
    other = Client()
    other.force_login(people.alternate)
    assert selected(activity_filter(other, country="JOR"), "country") == ["JOR"]
    assert selected(activity_filter(other), "country") == [""]


def test_a_form_with_errors_shows_them_each_time_and_only_then(focal):
    assert "Enter a number." in activity_filter(focal, year="abc")
    assert "Enter a number." not in activity_filter(focal, year="2020")
    assert "Enter a number." not in activity_filter(focal)
    assert "Enter a number." in activity_filter(focal, year="abc")


def test_a_long_value_is_not_part_of_a_key(focal):
    long = "migration " * 40
    page = activity_filter(focal, q=long)
    assert long.strip() in page
    assert long.strip() not in activity_filter(focal, q="migration")
