"""In chromium: a decision written in English and Arabic, read in Arabic by an Arabic reader, keeps its
direction; a French reader sees the English original marked as such (issue 17)."""

from pathlib import Path

import pytest
from django.conf import settings

from meetings.choices import MinutesStatus
from tests.meetings.factories import DecisionFactory, HeldMeetingFactory
from tests.people import make_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"
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


def test_a_good_practice_written_only_in_english_read_in_arabic_on_a_phone(browser, live_server):
    from programmes.choices import PracticeStatus
    from tests.programmes.factories import GoodPracticeFactory

    people = make_people()
    practice = GoodPracticeFactory(
        agency=people.owning, title_en="Peer networks of migrant domestic workers", countries=["JOR", "LBN"],
        practice_en="Workers who have been in the country longer welcome newcomers and meet monthly.",
        evidence_en="Fewer workers left their employers without their papers.", status=PracticeStatus.PUBLISHED,
        published_at="2026-01-05T10:00:00Z")
    context = browser.new_context(locale="ar")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/")
    page.locator("#language-select").select_option("ar")
    page.locator("#language-select").locator("xpath=ancestor::form").get_by_role("button").click()
    page.wait_for_function("document.documentElement.lang === 'ar'")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone (the language menu is folded there)
    page.goto(f"{live_server.url}/programmes/good-practices/{practice.pk}/")
    title = page.get_by_role("heading", level=1)
    assert title.locator("span[lang=en]").evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert "(معروض بالإنجليزية)" in title.inner_text()
    body = page.get_by_text("Workers who have been in the country longer")
    assert body.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.locator("html").get_attribute("dir") == "rtl"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "good-practice-english-only-ar-phone.png"), full_page=True)
    context.close()


def test_a_consultation_in_english_and_arabic_read_on_the_public_site(browser, live_server):
    """The public consultation page: the Arabic reader reads the Arabic title and question right to left;
    the French reader, with no French written, the English original left to right, marked."""
    import datetime

    from django.utils import timezone

    from members.stakeholders.services import consultation_save

    people = make_people()
    now = timezone.now()
    consultation = consultation_save(consultation=None, by=people.secretariat, fields={
        "language": "en", "title": {"en": "Remittance costs", "ar": "كلفة التحويلات المالية"},
        "question": {"en": "How can remittances become cheaper?", "ar": "كيف يمكن أن تصبح التحويلات أرخص؟"},
        "opens_at": now - datetime.timedelta(days=1), "closes_at": now + datetime.timedelta(days=20),
        "time_zone": "Asia/Beirut"})
    context = browser.new_context(locale="ar")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/ar/consultations/{consultation.pk}/")
    title = page.get_by_role("heading", level=1)
    assert title.locator("span[lang=ar]").evaluate("e => getComputedStyle(e).direction") == "rtl"
    question = page.get_by_text("كيف يمكن أن تصبح التحويلات أرخص؟")
    assert question.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert page.get_by_text("(معروض").count() == 0
    page.goto(f"{live_server.url}/fr/consultations/{consultation.pk}/")
    title = page.get_by_role("heading", level=1)
    assert title.locator("span[lang=en]").evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert "(affiché en anglais)" in title.inner_text()
    context.close()
