"""In chromium: an organisation asks to join, the secretariat accepts it; the directory's live search."""


import pytest

from members import ratelimit
from members.models import Agency, JoinRequest
from tests.browser.helpers import sign_in
from tests.people import make_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def test_an_organisation_requests_to_join_and_the_secretariat_accepts(page, live_server):
    ratelimit.reset("127.0.0.1", "join")
    people = make_people()
    page.goto(f"{live_server.url}/members/join/")
    assert not page.get_by_label("Leave this field empty").is_visible()  # the honeypot
    page.get_by_role("textbox", name="Organisation", exact=True).fill("Gulf Labour Observatory")
    page.get_by_role("textbox", name="Acronym", exact=True).fill("GLO")
    page.get_by_role("combobox", name="Kind of organisation").select_option(label="Non-governmental organisation")
    page.get_by_role("textbox", name="Contact person").fill("Sara Ali")
    page.get_by_role("textbox", name="Contact e-mail").fill("sara@glo.example")
    page.get_by_role("textbox", name="Why the organisation wishes to participate").fill("We collect data.")
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text("Thank you for your request").wait_for()
    assert JoinRequest.objects.get().organisation == "Gulf Labour Observatory"

    page.context.clear_cookies()
    sign_in(page, live_server, people.secretariat.email, totp=True)
    page.get_by_role("link", name="1 request to join awaits a decision").click()
    page.get_by_role("link", name="Gulf Labour Observatory").click()
    page.get_by_label("Accepted").check()
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("was recorded").wait_for()
    page.get_by_role("heading", name="GLO").wait_for()
    assert Agency.objects.get(acronym="GLO").membership == "participant"
    ratelimit.reset("127.0.0.1", "join")


def test_directory_search_updates_the_table_in_place(page, live_server):
    people = make_people()
    sign_in(page, live_server, people.focal_point.email)
    page.goto(f"{live_server.url}/members/agencies/")
    page.evaluate("window.rwgMarker = 'still here'")
    page.get_by_role("searchbox", name="Search", exact=True).fill("Other")
    page.locator("#results").get_by_text("1 agency").wait_for()
    assert page.locator("#results tbody tr").count() == 1
    assert "q=Other" in page.url  # the address follows, so the filtered list can be shared
    assert page.evaluate("window.rwgMarker") == "still here"  # htmx swapped the table, no page load
