"""The secretariat reads who changed what, and when, on an agency or a person."""

import datetime

import pytest
from django.urls import reverse

from members import services
from members.choices import DesignationRole
from members.models import Designation

pytestmark = pytest.mark.django_db


def test_agency_history_shows_who_changed_which_field(people, client):
    client.force_login(people.focal_point)
    client.post(reverse("members:agency_edit_contacts", args=[people.owning.pk]), {
        "website": "", "email": "", "phone": "+961 1 978 000", "address": "", "office_city": "cairo",
        "office_city_other": ""})
    client.force_login(people.secretariat)
    page = client.get(reverse("members:agency_history", args=[people.owning.pk])).content.decode()
    assert "History of OWN" in page
    entry = page[page.index("Agency: OWN"):]
    entry = entry[:entry.index("</article>")]
    assert f"by {people.focal_point}" in entry
    assert "contact details updated" in entry
    assert "<del>Beirut</del>" in entry and "<ins>Cairo</ins>" in entry
    assert "<del>—</del>" in entry and "<ins>+961 1 978 000</ins>" in entry


def test_agency_history_includes_designations_and_co_chair_periods(people, client):
    designation = Designation.objects.get(person=people.alternate)
    services.designation_end(designation=designation, ends_on=datetime.date(2025, 6, 30), by=people.secretariat)
    services.co_chair_period_create(agency=people.owning, starts_on=datetime.date(2013, 6, 30), by=people.admin)
    client.force_login(people.secretariat)
    page = client.get(reverse("members:agency_history", args=[people.owning.pk])).content.decode()
    assert f"Designation: Alternate: {people.alternate}" in page
    assert "<ins>30 Jun 2025</ins>" in page and "designation ended" in page
    assert "Co-chair period: from 30 Jun 2013" in page and f"by {people.admin}" in page


def test_person_history_shows_role_changes_and_designations(people, client):
    services.user_update(person=people.no_role, data={"role": "rcm_delegate"}, by=people.secretariat)
    services.designation_create(agency=people.other, person=people.no_role, role=DesignationRole.ALTERNATE,
                                starts_on=datetime.date(2025, 2, 1), by=people.secretariat)
    client.force_login(people.admin)
    page = client.get(reverse("members:person_history", args=[people.no_role.pk])).content.decode()
    assert "<del>No role</del>" in page and "<ins>RCM delegate</ins>" in page
    assert f"by {people.secretariat}" in page
    assert f"Designation: Alternate: {people.no_role}" in page and "OTH" in page
    assert "password" not in page.lower().replace("change your password", "")


def test_history_is_paginated(people, client):
    for n in range(25):
        services.agency_update(agency=people.owning, data={"phone": f"+961 {n}"}, by=people.secretariat)
    client.force_login(people.secretariat)
    url = reverse("members:agency_history", args=[people.owning.pk])
    first = client.get(url).content.decode()
    assert first.count("<article") == 20 and "Page 1 of 2" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count("<article") >= 6
