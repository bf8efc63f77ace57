"""In chromium: a decision written in English and Arabic, read in Arabic by an Arabic reader, keeps its
direction; a French reader sees the English original marked as such (issue 17)."""

import pytest

from meetings.choices import MinutesStatus
from tests.meetings.factories import DecisionFactory, HeldMeetingFactory
from tests.people import make_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENGLISH = "The Group adopts its workplan for the biennium."
ARABIC = "يعتمد الفريق خطة عمله لفترة السنتين."


def test_an_arabic_reader_reads_the_decision_in_arabic_right_to_left(browser, live_server):
    make_people()
    meeting = HeldMeetingFactory(minutes_status=MinutesStatus.APPROVED)
    DecisionFactory(meeting=meeting, language="en", text_en=ENGLISH, text_ar=ARABIC, public=True)

    context = browser.new_context(locale="ar")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/")
    page.locator("#language-select").select_option("ar")
    page.get_by_role("button", name="تغيير").click()
    page.wait_for_function("document.documentElement.lang === 'ar'")
    page.goto(f"{live_server.url}/meetings/decisions/")
    text = page.get_by_text(ARABIC)
    text.wait_for()
    block = text.locator("xpath=ancestor-or-self::*[@lang][1]")
    assert block.get_attribute("lang") == "ar"
    assert text.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert page.get_by_text(ENGLISH).count() == 0 and page.get_by_text("(معروض").count() == 0

    # A French reader: the English original, left to right inside the French page, marked.
    page.locator("#language-select").select_option("fr")
    page.locator("#language-select").locator("xpath=ancestor::form").get_by_role("button").click()
    page.wait_for_function("document.documentElement.lang === 'fr'")
    page.goto(f"{live_server.url}/meetings/decisions/")
    english = page.get_by_text(ENGLISH)
    english.wait_for()
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert english.locator("xpath=ancestor-or-self::*[@lang][1]").get_attribute("lang") == "en"
    assert page.get_by_text("(affiché en anglais)").is_visible()
    context.close()

