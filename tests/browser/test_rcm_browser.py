"""In chromium: the secretariat records an RCM session with a follow-up; an RCM delegate reads it in
Arabic on a phone; the governments' recommendations and their coverage in Arabic. Screenshots go to
artifacts/ to be looked at."""

import datetime
from pathlib import Path

import pytest

from meetings.models import RcmSession
from meetings.services.decisions import decision_record
from programmes.services import recommendation_save
from tests.browser.helpers import sign_in
from tests.meetings.helpers import held
from tests.people import make_people
from tests.programmes.factories import ActivityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2}


def test_an_rcm_session_recorded_then_read_by_a_delegate_in_arabic(browser, live_server):
    people = make_people()
    meeting = held(people.secretariat)
    decision_record(meeting=meeting, text="Present the joint workplan", report_to_rcm=True, by=people.secretariat)
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20000)
    sign_in(page, live_server, people.secretariat.email, totp=True)
    page.goto(f"{live_server.url}/meetings/rcm/")
    page.get_by_role("link", name="Record an RCM session").click()
    page.get_by_label("Date").fill("2026-11-05")
    page.get_by_label("Place").fill("Beirut, UN House")
    page.get_by_label(f"{meeting.reference} D1: Present the joint workplan").check()
    page.get_by_label("The RCM's feedback").fill("The RCM welcomed the joint workplan.")
    page.get_by_label("The RCM's recommendations").fill("Report on the joint programmes next year.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The RCM session was saved.").wait_for()
    page.get_by_role("link", name="Add a follow-up item").click()
    page.get_by_role("textbox", name="Action").fill("Share the workplan with the RCM secretariat")
    page.get_by_label("Owner agency").select_option(label="OWN")
    page.get_by_label("Due on").fill("2026-12-15")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The follow-up was recorded.").wait_for()
    session = RcmSession.objects.get()
    assert session.follow_ups.get().title == "Share the workplan with the RCM secretariat"
    context.close()

    context = browser.new_context(locale="en-GB", **PHONE)
    page = context.new_page()
    page.set_default_timeout(20000)
    sign_in(page, live_server, people.rcm_delegate.email)
    # On a phone the language menu is folded away: the reader's choice is the language cookie.
    context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/meetings/rcm/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="دورة آلية التنسيق الإقليمية في 5 نوفمبر 2026").click()
    page.get_by_role("heading", name="المتابعة").wait_for()
    page.get_by_text("Share the workplan with the RCM secretariat").wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "rcm-session-ar-phone.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"
    context.close()


def test_recommendations_and_coverage_in_arabic_on_a_phone(browser, live_server):
    people = make_people()
    activity = ActivityFactory(lead_agency=people.owning, title_en="Fair recruitment pilot")
    recommendation_save(data={"reference": "1", "theme": "labour", "countries": ["JOR", "LBN", "EGY"],
                              "made_on": datetime.date(2013, 6, 4), "text_en": "Protect migrant workers (demo).",
                              "text_ar": "حماية العمال المهاجرين (تجريبي)."}, activities=[activity],
                        by=people.secretariat)
    recommendation_save(data={"reference": "2", "theme": "data", "countries": ["MAR"],
                              "text_en": "Produce sex-disaggregated data (demo)."}, by=people.secretariat)
    context = browser.new_context(locale="en-GB", **PHONE)
    page = context.new_page()
    page.set_default_timeout(20000)
    sign_in(page, live_server, people.rcm_delegate.email)
    context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/programmes/recommendations/")
    page.get_by_text("حماية العمال المهاجرين (تجريبي).").wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "recommendations-ar-phone.png", full_page=True)
    page.get_by_role("link", name="توصيات دون أي استجابة").first.click()
    page.get_by_text("Produce sex-disaggregated data (demo).").wait_for()
    assert page.get_by_text("حماية العمال المهاجرين").count() == 0
    page.screenshot(path=ARTIFACTS / "recommendations-coverage-ar-phone.png", full_page=True)
    context.close()
