"""In chromium, as an anonymous visitor in Arabic: the co-chairs, the next public meeting, a published report
and the contact form; the message sent is then read by the secretariat in the portal (issue 16, "Done when")."""

import pytest
from django.utils import timezone

from members import ratelimit
from members.models import ContactMessage
from members.services import seed_reference_data
from tests.browser.helpers import signed_in_page
from tests.meetings.helpers import schedule
from tests.people import make_people
from tests.reports.factories import BuildFactory, ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_arabic_visitor_finds_the_group_and_writes_to_the_secretariat(browser, live_server):
    ratelimit.reset("127.0.0.1", "contact")
    people = make_people()
    seed_reference_data()  # the core participants and the co-chairs of the terms of reference
    meeting = schedule(people.secretariat, title="Workplan")
    report = ReportFactory(title_en="Situation Report", title_ar="تقرير عن حالة الهجرة الدولية")
    BuildFactory(report=report, approved_at=timezone.now(), published_at=timezone.now(), is_public=True)

    context = browser.new_context(locale="ar")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/")
    page.locator("#language-select").select_option("ar")
    page.get_by_role("button", name="تغيير").click()
    page.wait_for_function("document.documentElement.lang === 'ar'")
    assert page.locator("html").get_attribute("dir") == "rtl"

    # The co-chairs, from the header.
    page.get_by_role("navigation", name="التنقل الرئيسي").get_by_role("link", name="عن الفريق").click()
    page.wait_for_url("**/ar/about/")
    co_chairs = page.locator("section", has=page.locator("#co-chairs"))
    for name in ("جامعة الدول العربية", "لجنة الأمم المتحدة الاقتصادية والاجتماعية لغربي آسيا",
                 "المنظمة الدولية للهجرة"):
        assert co_chairs.get_by_role("link", name=name).is_visible()

    # The next public meeting.
    page.get_by_role("navigation", name="التنقل الرئيسي").get_by_role("link", name="الاجتماعات").click()
    page.wait_for_url("**/ar/meetings/")
    page.locator("section", has=page.locator("#next-meeting")).get_by_role("link", name=meeting.reference).click()
    page.get_by_role("heading", name=meeting.reference).wait_for()

    # A published report, with its citation.
    page.get_by_role("link", name="المنشورات والبيانات").click()
    page.get_by_role("link", name="تقرير عن حالة الهجرة الدولية").click()
    page.get_by_role("heading", name="طريقة الاستشهاد").wait_for()
    assert f"/ar/publications/{report.pk}/" in page.locator("#cite + p").inner_text()

    # The contact form, in Arabic.
    page.get_by_role("navigation", name="التنقل الرئيسي").get_by_role("link", name="الاتصال").click()
    page.wait_for_url("**/ar/contact/")
    assert not page.locator("input[name=fax_number]").is_visible()  # the honeypot stays hidden
    page.get_by_label("اسمك").fill("مها سعيد")
    page.get_by_label("عنوان بريدك الإلكتروني").fill("maha@example.org")
    page.get_by_label("الموضوع").fill("بيانات عن العائدين")
    page.get_by_label("الرسالة").fill("أين أجد أرقام المهاجرين العائدين؟")
    page.get_by_role("button", name="إرسال الرسالة").click()
    page.get_by_role("heading", name="شكرًا لرسالتك").wait_for()
    context.close()
    assert ContactMessage.objects.get().language == "ar"

    # The secretariat reads it in the portal.
    context, page = signed_in_page(browser, live_server, people.secretariat.email, totp=True)
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Messages").click()
    page.get_by_role("link", name="بيانات عن العائدين").click()
    page.get_by_text("أين أجد أرقام المهاجرين العائدين؟").wait_for()
    assert "maha@example.org" in page.content()
    context.close()
    ratelimit.reset("127.0.0.1", "contact")
