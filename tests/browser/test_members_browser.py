import pytest

from members.models import Agency
from tests.browser.helpers import sign_in
from tests.people import make_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_focal_point_updates_the_agency_contact_details(page, live_server):
    people = make_people()
    sign_in(page, live_server, people.focal_point.email)
    page.get_by_role("link", name="keep the contact details current").click()
    page.get_by_label("Contact e-mail").fill("migration@own.example.org")
    page.get_by_label("Phone").fill("+961 1 978 000")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("were saved").wait_for()
    agency = Agency.objects.get(pk=people.owning.pk)
    assert agency.email == "migration@own.example.org"
    assert agency.phone == "+961 1 978 000"
