import pytest
from django.urls import reverse

from members.models import Agency
from tests.access import LOGIN, OK, assert_access

pytestmark = pytest.mark.django_db

READ_BY_ROLE = {
    "anonymous": LOGIN, "no_role": 403, "rcm_delegate": OK, "other_focal_point": OK,
    "alternate": OK, "focal_point": OK, "secretariat": OK, "admin": OK,
}


def test_directory_access(people):
    assert_access(people, reverse("members:directory"), READ_BY_ROLE)


def test_agency_detail_access(people):
    assert_access(people, reverse("members:agency_detail", args=[people.owning.pk]), READ_BY_ROLE)


def test_edit_contacts_form_access(people):
    url = reverse("members:agency_edit_contacts", args=[people.owning.pk])
    assert_access(people, url, {
        "anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403,
        "alternate": OK, "focal_point": OK, "secretariat": OK, "admin": OK,
    })


def test_only_the_owning_agency_and_secretariat_may_change_contacts(people):
    url = reverse("members:agency_edit_contacts", args=[people.owning.pk])
    data = {"website": "https://own.example.org", "email": "hq@own.example.org", "phone": "+961 1 000",
            "address": "Beirut", "office_city": "beirut", "office_city_other": ""}
    assert_access(
        people, url,
        {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403,
         "alternate": OK, "focal_point": OK, "secretariat": OK, "admin": OK},
        method="post", data=data,
        snapshot=lambda: Agency.objects.values_list("website", "email").get(pk=people.owning.pk),
    )


def test_focal_point_of_another_agency_gets_403_and_nothing_changes(people, client):
    client.force_login(people.other_focal_point)
    url = reverse("members:agency_edit_contacts", args=[people.owning.pk])
    response = client.post(url, {"email": "hijack@evil.example", "office_city": "cairo"})
    assert response.status_code == 403
    people.owning.refresh_from_db()
    assert people.owning.email == ""
    assert people.owning.history.count() == 1


def test_contact_update_is_saved_with_history(people, client):
    client.force_login(people.focal_point)
    url = reverse("members:agency_edit_contacts", args=[people.owning.pk])
    response = client.post(url, {"email": "hq@own.example.org", "office_city": "cairo", "website": "",
                                 "phone": "", "address": "", "office_city_other": ""})
    assert response.status_code == 302
    people.owning.refresh_from_db()
    assert people.owning.email == "hq@own.example.org"
    latest = people.owning.history.first()
    assert latest.history_user == people.focal_point


def test_invalid_contact_details_change_nothing(people, client):
    client.force_login(people.focal_point)
    url = reverse("members:agency_edit_contacts", args=[people.owning.pk])
    response = client.post(url, {"email": "not-an-address", "office_city": "cairo"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    people.owning.refresh_from_db()
    assert people.owning.email == ""


def test_unknown_agency_is_404(people, client):
    client.force_login(people.secretariat)
    assert client.get(reverse("members:agency_detail", args=[999999])).status_code == 404


def test_directory_query_count_does_not_grow(people, client, django_assert_max_num_queries):
    from tests.factories import AgencyFactory, DesignationFactory

    client.force_login(people.secretariat)
    for n in range(20):
        DesignationFactory(agency=AgencyFactory(acronym=f"X{n}"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("members:directory"))
    assert response.status_code == 200
