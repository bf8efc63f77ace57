"""In chromium: an organisation proposes a good practice in Arabic on a phone and the secretariat accepts it
into the good-practice workflow; a consultation is opened, answered without an account, moderated, closed and
summarised (issue 17, "Done when")."""

import os
import re

import pytest
from django.core import mail

from members import ratelimit
from members.choices import AnswerStatus, ProposalStatus
from members.models import Consultation, PracticeProposal
from members.services import seed_reference_data
from programmes.choices import PracticeStatus
from tests.browser.helpers import signed_in_page
from tests.people import make_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
ARTIFACTS = os.environ.get("RWG_ARTIFACTS")  # a folder for screenshots, when a person wants to look


def test_an_organisation_proposes_a_practice_in_arabic_and_the_secretariat_accepts_it(browser, live_server):
    ratelimit.reset("127.0.0.1", "practice_proposal")
    people = make_people()
    seed_reference_data()

    context = browser.new_context(locale="ar", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/ar/good-practices/propose/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert not page.locator("input[name=fax_number]").is_visible()  # the honeypot stays hidden
    # Nothing is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if ARTIFACTS:
        page.screenshot(path=os.path.join(ARTIFACTS, "proposal-form-ar-phone.png"), full_page=True)
    page.get_by_role("button", name="أرسل الاقتراح").click()  # empty: every error is said on its field
    page.get_by_text("يُرجى تصحيح الحقول المشار إليها أدناه.").wait_for()
    assert PracticeProposal.objects.count() == 0
    page.get_by_label("منظمتكم").fill("جمعية تضامن للعمال المهاجرين")
    page.locator("select[name=organisation_kind]").select_option("migrants")
    page.get_by_label("اسمك").fill("رانيا حداد")
    page.get_by_label("عنوان بريدك الإلكتروني").fill("rania@tadamon.example")
    assert page.locator("#id_language").input_value() == "ar"  # the page's language by default
    page.get_by_label("عنوان الممارسة").fill("عيادات قانونية متنقلة")
    page.get_by_label("الأردن").check()
    page.locator("select[name=theme]").select_option("rights")
    for name, text in (("practice", "يزور محامون متطوعون أماكن السكن."), ("evidence", "300 قضية."),
                       ("lessons", "الثقة."), ("replication", "محامون متطوعون.")):
        page.locator(f"textarea[name={name}]").fill(text)
    page.get_by_role("button", name="أرسل الاقتراح").click()
    page.get_by_role("heading", name="شكرًا لكم على اقتراحكم").wait_for()
    context.close()
    proposal = PracticeProposal.objects.get()
    assert proposal.language == "ar" and proposal.countries == ["JOR"]

    # The secretariat accepts it into a member agency's drafts.
    context, page = signed_in_page(browser, live_server, people.secretariat.email, totp=True)
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Stakeholders").click()
    page.get_by_role("link", name="عيادات قانونية متنقلة").click()
    page.get_by_label("Accept: create a draft good practice").check()
    page.get_by_label("Member agency that follows it up").select_option(str(people.owning.pk))
    page.get_by_label("Title in English").fill("Mobile legal clinics")
    page.get_by_role("button", name="Record the decision and tell the organisation").click()
    page.get_by_text("Accepted: a draft good practice was created").wait_for()
    page.get_by_role("link", name="the good practice created from it").click()
    page.get_by_text("Proposed by جمعية تضامن للعمال المهاجرين").wait_for()
    context.close()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.good_practice.status == PracticeStatus.DRAFT and proposal.good_practice.agency == people.owning
    told = [m for m in mail.outbox if m.to == ["rania@tadamon.example"]]
    assert len(told) == 1 and "قبلت الأمانة" in told[0].body
    ratelimit.reset("127.0.0.1", "practice_proposal")


def test_a_consultation_is_opened_answered_moderated_and_closed_with_its_summary(browser, live_server):
    ratelimit.reset("127.0.0.1", "consultation_answer")
    people = make_people()
    # The admin (secretariat rights): a second sign-in as the secretariat within the same 30 seconds as the
    # test above would reuse its two-factor code, which allauth refuses.
    context, page = signed_in_page(browser, live_server, people.admin.email, totp=True)
    page.goto(f"{live_server.url}/members/consultations/")
    page.get_by_role("link", name="Open a consultation").click()
    page.locator("#id_title_en").fill("Remittance costs")  # the English of the title and question, side by side
    page.locator("#id_question_en").fill("How can remittances become cheaper?")
    page.get_by_label("Time zone of the period").select_option("Asia/Beirut")
    page.get_by_label("Opens (in that time zone)").fill("2020-01-01T09:00")
    page.get_by_label("Closes (in that time zone)").fill("2099-12-31T17:00")
    page.get_by_label("Questionnaire (optional)").fill("Which corridor?")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The consultation was saved.").wait_for()
    consultation = Consultation.objects.get()

    # An organisation answers, in French, without an account.
    visitor = browser.new_context(locale="fr")
    public = visitor.new_page()
    public.set_default_timeout(15000)
    public.goto(f"{live_server.url}/fr/consultations/")
    public.get_by_role("link", name="Remittance costs").click()
    public.get_by_label("Votre organisation").fill("Forum des diasporas")
    public.locator("select[name=organisation_kind]").select_option("migrants")
    public.get_by_label("Votre nom").fill("Karim Benali")
    public.get_by_label("Votre adresse électronique").fill("karim@forum.example")
    public.get_by_label("Votre réponse").fill("Les frais restent trop élevés.")
    public.get_by_label("Which corridor?").fill("France – Maroc")
    public.get_by_role("button", name="Envoyer la réponse").click()
    public.get_by_role("heading", name="Merci pour votre réponse").wait_for()

    # The secretariat accepts the answer, closes the consultation and writes the summary.
    page.reload()
    page.get_by_text("Les frais restent trop élevés.").wait_for()
    page.get_by_label("Accept", exact=True).check()
    page.get_by_role("button", name="Record the decision on Forum des diasporas").click()
    page.get_by_text("The answer of Forum des diasporas was moderated.").wait_for()
    page.get_by_role("button", name="Close now").click()
    page.get_by_text("The consultation is closed. Write its summary for the public page.").wait_for()
    page.get_by_role("link", name="Write the summary").click()
    page.locator("#id_summary_en").fill("Costs remain the first concern.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The consultation was saved.").wait_for()
    context.close()
    assert consultation.answers.get().status == AnswerStatus.ACCEPTED

    # The public page shows the summary and the accepted answer, and takes no more answers.
    public.goto(f"{live_server.url}/fr/consultations/{consultation.pk}/")
    public.get_by_text("Costs remain the first concern.").wait_for()
    public.get_by_text("Les frais restent trop élevés.").wait_for()
    assert public.get_by_text(re.compile("1 réponse publiée")).is_visible()
    assert public.locator("textarea[name=answer]").count() == 0
    assert "karim@forum.example" not in public.content()
    visitor.close()
    ratelimit.reset("127.0.0.1", "consultation_answer")
