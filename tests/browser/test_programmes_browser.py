"""In chromium: a focal point records an activity in English and Arabic, finds it in the list (also in
the Arabic interface), and the secretariat sees the agency in the coverage matrix."""

import pytest

from programmes.models import Activity
from tests.browser.helpers import sign_in
from tests.people import make_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_focal_point_adds_an_activity_and_the_secretariat_sees_it_in_the_coverage_matrix(browser, live_server):
    people = make_people()
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    sign_in(page, live_server, people.focal_point.email)

    page.goto(f"{live_server.url}/programmes/activities/")
    page.get_by_role("link", name="Add an activity").click()
    main = page.get_by_role("group", name="The activity")
    main.get_by_label("Kind").select_option("technical")
    main.get_by_label("Title (English)").fill("Ethical recruitment pilot in Jordan")
    main.get_by_label("Title (Arabic)").fill("مشروع تجريبي للتوظيف الأخلاقي في الأردن")
    main.get_by_label("Summary (English)").fill("Pilots fair recruitment with employers.")
    main.get_by_label("Summary (Arabic)").fill("تجربة التوظيف العادل مع أصحاب العمل.")
    main.get_by_label("Starts on").fill("2026-03-01")
    main.get_by_label("Ends on").fill("2027-12-31")
    page.get_by_label("Jordan", exact=True).check()
    page.get_by_label("Lebanon", exact=True).check()
    page.get_by_label("Labour migration and decent work", exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("was saved").wait_for()
    activity = Activity.objects.get(title_en="Ethical recruitment pilot in Jordan")
    assert activity.lead_agency == people.owning
    assert activity.title_ar == "مشروع تجريبي للتوظيف الأخلاقي في الأردن"

    # Find it in the list by searching its text.
    page.goto(f"{live_server.url}/programmes/activities/")
    page.get_by_label("Search", exact=True).fill("ethical recruitment")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Ethical recruitment pilot in Jordan").wait_for()

    # The same list in the Arabic interface shows the Arabic title, right to left.
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="مشروع تجريبي للتوظيف الأخلاقي في الأردن").wait_for()
    context.close()

    # The secretariat sees the agency at work in Jordan on labour migration.
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    sign_in(page, live_server, people.secretariat.email, totp=True)
    page.goto(f"{live_server.url}/programmes/coverage/")
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Jordan", exact=True))
    labour_column = page.get_by_role("columnheader").all_inner_texts().index("Labour migration and decent work")
    assert row.get_by_role("cell").nth(labour_column - 1).inner_text().strip() == people.owning.acronym
    context.close()
