"""Stakeholders, including migrants (ToR 3(d)(i)): practices proposed through the public form and moderated
by the secretariat; public consultations answered without an account, moderated, summarised and exported."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from members import ratelimit
from members.choices import AnswerStatus, ProposalStatus
from members.models import Consultation, ConsultationAnswer, PracticeProposal
from members.stakeholders import public_views, services
from programmes.choices import PracticeStatus
from programmes.models import GoodPractice
from tests.access import LOGIN, OK, assert_access

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(("anonymous", "no_role", "rcm_delegate", "other_focal_point", "alternate", "focal_point",
                          "secretariat", "admin"), OK)
SECRETARIAT_ONLY = {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403,
                    "alternate": 403, "focal_point": 403, "secretariat": OK, "admin": OK}

PROPOSAL = {
    "organisation": "Tadamon Migrants' Association", "organisation_kind": "migrants", "contact_name": "Rania Haddad",
    "contact_email": "rania@tadamon.example", "website": "", "language": "ar",
    "title": "عيادات قانونية متنقلة للعمال المهاجرين", "countries": ["JOR", "LBN"], "theme": "rights",
    "practice": "Mobile legal clinics visit workers' housing every week.", "evidence": "1,200 cases resolved.",
    "lessons": "Trust comes from going to people.", "replication": "Needs volunteer lawyers.",
}
ANSWER = {"organisation": "Diaspora Forum", "organisation_kind": "migrants", "contact_name": "Karim Benali",
          "contact_email": "karim@forum.example", "language": "fr",
          "answer": "Les transferts coûtent encore trop cher."}
UTC = datetime.UTC
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    for scope in ("practice_proposal", "consultation_answer"):
        ratelimit.reset("127.0.0.1", scope)
    yield
    for scope in ("practice_proposal", "consultation_answer"):
        ratelimit.reset("127.0.0.1", scope)


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def _consultation(people, *, opens, closes, questions=()):
    return services.consultation_save(consultation=None, by=people.secretariat, fields={
        "title": "Remittance costs", "question": "How can remittances become cheaper?", "language": "en",
        "questions": list(questions), "opens_at": opens, "closes_at": closes, "time_zone": "Asia/Beirut"})


# Proposals -------------------------------------------------------------------------------------------------


def test_the_public_pages_have_an_address_per_language_and_are_open_to_everyone(people):
    assert _url("members_public:proposal_create", language="ar") == "/ar/good-practices/propose/"
    assert _url("members_public:consultations", language="fr") == "/fr/consultations/"
    for name in ("members_public:proposal_create", "members_public:proposal_sent", "members_public:consultations"):
        assert_access(people, _url(name), EVERYONE)


def test_a_proposal_is_stored_with_its_language_and_emailed_to_the_secretariat(people, client,
                                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("members_public:proposal_create", language="ar"), PROPOSAL)
    assert response.status_code == 302
    assert response["Location"] == _url("members_public:proposal_sent", language="ar")
    proposal = PracticeProposal.objects.get()
    assert proposal.language == "ar" and proposal.status == ProposalStatus.NEW
    assert proposal.countries == ["JOR", "LBN"] and proposal.history.count() == 1
    assert [m.to for m in mail.outbox] == [[people.secretariat.email]]
    assert reverse("members:proposal_detail", args=[proposal.pk]) in mail.outbox[0].body


@pytest.mark.parametrize("changes, field", [
    ({"contact_email": "not-an-address"}, "contact_email"),
    ({"countries": ["XXX"]}, "countries"),
    ({"countries": []}, "countries"),
    ({"theme": "<script>"}, "theme"),
    ({"language": "de"}, "language"),
    ({"title": ""}, "title"),
    ({"practice": "x" * 5001}, "practice"),
    ({"website": "javascript:alert(1)"}, "website"),
])
def test_hostile_or_invalid_proposals_are_refused_with_a_reason_and_nothing_is_stored(client, changes, field):
    response = client.post(_url("members_public:proposal_create"), {**PROPOSAL, **changes})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert PracticeProposal.objects.count() == 0 and not mail.outbox


def test_the_honeypot_thanks_a_robot_and_stores_nothing(client):
    response = client.post(_url("members_public:proposal_create"), {**PROPOSAL, "fax_number": "+1 555 0100"})
    assert response.status_code == 302
    assert PracticeProposal.objects.count() == 0 and not mail.outbox


def test_proposals_are_rate_limited_per_address(client):
    url = _url("members_public:proposal_create")
    for _ in range(public_views.PROPOSALS_PER_HOUR):
        assert client.post(url, PROPOSAL, REMOTE_ADDR="192.0.2.51").status_code == 302
    assert client.post(url, PROPOSAL, REMOTE_ADDR="192.0.2.51").status_code == 429
    assert PracticeProposal.objects.count() == public_views.PROPOSALS_PER_HOUR
    ratelimit.reset("192.0.2.51", "practice_proposal")


def test_only_the_secretariat_moderates(people):
    proposal = services.proposal_submit(data=PROPOSAL)
    assert_access(people, reverse("members:proposals"), SECRETARIAT_ONLY)
    assert_access(people, reverse("members:proposal_detail", args=[proposal.pk]), SECRETARIAT_ONLY)


def test_accepting_creates_a_draft_practice_credited_to_the_organisation_and_tells_it_in_arabic(
        people, client, django_capture_on_commit_callbacks):
    proposal = services.proposal_submit(data=PROPOSAL)
    mail.outbox.clear()
    client.force_login(people.secretariat)
    url = reverse("members:proposal_detail", args=[proposal.pk])
    # An Arabic practice needs its English title: refused with the reason, nothing created.
    response = client.post(url, {"decision": "accept", "agency": people.owning.pk, "title_en": ""})
    assert response.status_code == 200 and "title_en" in response.context["form"].errors
    assert GoodPractice.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "accept", "agency": people.owning.pk,
                                     "title_en": "Mobile legal clinics for migrant workers"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    practice = proposal.good_practice
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.decided_by == people.secretariat
    assert practice.status == PracticeStatus.DRAFT and practice.agency == people.owning
    assert practice.language == "ar" and practice.title_ar == PROPOSAL["title"]
    assert practice.title_en == "Mobile legal clinics for migrant workers" and practice.countries == ["JOR", "LBN"]
    assert "Tadamon Migrants" in client.get(reverse("programmes:practice_detail", args=[practice.pk])).content.decode()
    assert mail.outbox[-1].to == ["rania@tadamon.example"]
    assert "قبلت الأمانة" in mail.outbox[-1].body  # written in Arabic
    assert proposal.history.count() == 2
    # A second decision is refused and changes nothing.
    again = client.post(url, {"decision": "reject", "message": "No"}, follow=True)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and "already moderated" in again.content.decode()


def test_a_returned_proposal_is_amended_once_through_the_signed_link(people, client,
                                                                     django_capture_on_commit_callbacks):
    proposal = services.proposal_submit(data={**PROPOSAL, "language": "fr", "title": "Cliniques mobiles"})
    client.force_login(people.secretariat)
    url = reverse("members:proposal_detail", args=[proposal.pk])
    response = client.post(url, {"decision": "return", "message": ""})
    assert "message" in response.context["form"].errors  # a return needs its message
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "return", "message": "Précisez les résultats."})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RETURNED
    body = mail.outbox[-1].body
    assert "Précisez les résultats." in body and "Merci" in body and "&" not in body  # in French, not escaped
    link = re.search(r"http://\S+/fr/good-practices/propose/amend/\S+/", body).group(0)
    path = link.split("//", 1)[1].split("/", 1)[1]
    client.logout()
    page = client.get("/" + path)
    assert page.status_code == 200 and "Précisez les résultats." in page.content.decode()
    data = {k: v for k, v in PROPOSAL.items() if k in services.AMEND_FIELDS}
    data.update(language="fr", title="Cliniques mobiles", evidence="1 200 dossiers réglés en 2025.")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/" + path, data).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NEW and proposal.evidence == "1 200 dossiers réglés en 2025."
    assert proposal.organisation == PROPOSAL["organisation"] and proposal.amended_at
    assert client.get("/" + path).status_code == 404  # the link worked once
    assert client.get(_url("members_public:proposal_amend", "forged-token")).status_code == 404
    reasons = list(proposal.history.values_list("history_change_reason", flat=True))
    assert reasons == ["amended by the organisation", "returned", "submitted through the public form"]


def test_a_rejection_needs_a_reason_and_is_emailed(people, client, django_capture_on_commit_callbacks):
    proposal = services.proposal_submit(data={**PROPOSAL, "language": "en", "title": "Legal clinics"})
    client.force_login(people.secretariat)
    url = reverse("members:proposal_detail", args=[proposal.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "reject", "message": "Not about migration in the Arab region."})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED and proposal.good_practice is None
    assert "Not about migration in the Arab region." in mail.outbox[-1].body
    assert "decided not to accept it" in mail.outbox[-1].body


# Consultations -------------------------------------------------------------------------------------------


@pytest.mark.dates
def test_answers_are_received_only_during_the_period(people, client, time_machine):
    time_machine.move_to(datetime.datetime(2027, 3, 1, 12, tzinfo=UTC), tick=False)
    consultation = _consultation(people, opens=datetime.datetime(2027, 3, 10, 9, tzinfo=UTC),
                                 closes=datetime.datetime(2027, 3, 31, 21, tzinfo=UTC), questions=["Which corridor?"])
    url = _url("members_public:consultation", consultation.pk)
    page = client.get(url).content.decode()
    assert "not open yet" in page and 'name="answer"' not in page
    response = client.post(url, ANSWER)
    assert response.status_code == 409 and "not open yet" in response.content.decode()
    time_machine.move_to(datetime.datetime(2027, 3, 10, 9, tzinfo=UTC), tick=False)  # the first moment
    assert 'name="reply_1"' in client.get(url).content.decode()
    assert client.post(url, {**ANSWER, "reply_1": "Gulf to Egypt"}).status_code == 302
    time_machine.move_to(datetime.datetime(2027, 3, 31, 21, tzinfo=UTC), tick=False)  # closed at this instant
    response = client.post(url, ANSWER)
    assert response.status_code == 409 and "closed" in response.content.decode()
    answer = ConsultationAnswer.objects.get()
    assert answer.replies == ["Gulf to Egypt"] and answer.language == "fr" and answer.status == AnswerStatus.NEW


@pytest.mark.dates
def test_the_period_is_shown_in_the_consultations_time_zone(people, client, time_machine):
    time_machine.move_to(datetime.datetime(2027, 6, 30, 12, tzinfo=UTC), tick=False)
    consultation = _consultation(people, opens=datetime.datetime(2027, 6, 30, 21, 30, tzinfo=UTC),
                                 closes=datetime.datetime(2027, 7, 15, 20, 59, tzinfo=UTC))
    page = client.get(_url("members_public:consultation", consultation.pk)).content.decode()
    assert "1 July 2027 00:30" in page and "15 July 2027 23:59" in page and "Beirut" in page


def test_invalid_or_hostile_answers_are_refused_and_nothing_is_stored(people, client):
    now = datetime.datetime.now(UTC)
    consultation = _consultation(people, opens=now - DAY, closes=now + DAY)
    url = _url("members_public:consultation", consultation.pk)
    for changes in ({"contact_email": "x"}, {"answer": ""}, {"organisation_kind": "robot"}, {"answer": "y" * 5001}):
        response = client.post(url, {**ANSWER, **changes})
        assert response.status_code == 200 and response.context["form"].errors
    assert client.post(url, {**ANSWER, "fax_number": "spam"}).status_code == 302  # the honeypot
    assert ConsultationAnswer.objects.count() == 0
    assert client.get(_url("members_public:consultation", 999999)).status_code == 404


def test_answers_are_rate_limited_per_address(people, client):
    now = datetime.datetime.now(UTC)
    consultation = _consultation(people, opens=now - DAY, closes=now + DAY)
    url = _url("members_public:consultation", consultation.pk)
    for _ in range(public_views.ANSWERS_PER_HOUR):
        assert client.post(url, ANSWER, REMOTE_ADDR="192.0.2.52").status_code == 302
    assert client.post(url, ANSWER, REMOTE_ADDR="192.0.2.52").status_code == 429
    ratelimit.reset("192.0.2.52", "consultation_answer")


def test_moderated_answers_and_the_summary_are_shown_once_closed(people, client):
    now = datetime.datetime.now(UTC)
    consultation = _consultation(people, opens=now - DAY, closes=now + DAY,
                                 questions=["Which corridor?"])
    kept = services.answer_submit(consultation=consultation, data={**ANSWER, "replies": ["Gulf to Egypt"]})
    dropped = services.answer_submit(consultation=consultation, data={**ANSWER, "organisation": "Spam Ltd"})
    client.force_login(people.secretariat)
    client.post(reverse("members:answer_moderate", args=[kept.pk]), {"accept": "1"})
    client.post(reverse("members:answer_moderate", args=[dropped.pk]), {"accept": "0", "note": "advertising"})
    assert client.post(reverse("members:answer_moderate", args=[kept.pk]), {"accept": "maybe"}).status_code == 302
    kept.refresh_from_db()
    assert kept.status == AnswerStatus.ACCEPTED  # an invalid decision changed nothing
    public = _url("members_public:consultation", consultation.pk)
    client.logout()
    assert "Diaspora Forum" not in client.get(public).content.decode()  # open: not yet shown
    client.force_login(people.secretariat)
    client.post(reverse("members:consultation_close", args=[consultation.pk]))
    consultation.refresh_from_db()
    assert consultation.is_closed and consultation.history.count() == 2
    services.consultation_save(consultation=consultation, fields={"summary": "Costs remain high."},
                               by=people.secretariat)
    client.logout()
    page = client.get(public).content.decode()
    assert "Costs remain high." in page and "Diaspora Forum" in page and "Gulf to Egypt" in page
    assert "Spam Ltd" not in page and "karim@forum.example" not in page and "Karim" not in page


def test_only_the_secretariat_manages_consultations(people):
    now = datetime.datetime.now(UTC)
    consultation = _consultation(people, opens=now, closes=now + datetime.timedelta(days=3))
    for name, args in (("members:consultations", []), ("members:consultation_create", []),
                       ("members:consultation_manage", [consultation.pk]),
                       ("members:consultation_edit", [consultation.pk]),
                       ("members:consultation_export", [consultation.pk, "csv"])):
        assert_access(people, reverse(name, args=args), SECRETARIAT_ONLY)


def test_the_secretariat_opens_a_consultation_in_its_time_zone(people, client):
    client.force_login(people.secretariat)
    data = {"title_en": "Labour mobility", "language": "en", "question_en": "What works?",
            "time_zone": "Africa/Cairo", "opens": "2031-05-01T09:00", "closes": "2031-05-01T08:00",
            "questions_text": "A\nB", "summary_en": ""}
    response = client.post(reverse("members:consultation_create"), data)
    assert response.status_code == 200 and "closes" in response.context["form"].errors
    response = client.post(reverse("members:consultation_create"), {**data, "questions_text": "\n".join("q" * 9)})
    assert "questions_text" in response.context["form"].errors and Consultation.objects.count() == 0
    response = client.post(reverse("members:consultation_create"), {**data, "closes": "2031-05-31T17:00"})
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.opens_at == datetime.datetime(2031, 5, 1, 6, tzinfo=UTC)  # Cairo is UTC+3 in May 2031
    assert consultation.questions == ["A", "B"] and consultation.created_by == people.secretariat


def test_the_export_is_formula_safe(people, client):
    now = datetime.datetime.now(UTC)
    consultation = _consultation(people, opens=now - DAY, closes=now + DAY,
                                 questions=["=HYPERLINK(1)"])
    services.answer_submit(consultation=consultation, data={**ANSWER, "organisation": "=cmd|' /C calc'!A0",
                                                            "answer": "+SUM(A1)", "replies": ["@evil"]})
    client.force_login(people.secretariat)
    response = client.get(reverse("members:consultation_export", args=[consultation.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][8] == "'=HYPERLINK(1)" and rows[1][1] == "'=cmd|' /C calc'!A0" and rows[1][7] == "'+SUM(A1)"
    assert rows[1][8] == "'@evil"
    response = client.get(reverse("members:consultation_export", args=[consultation.pk, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet.cell(row=2, column=2).value == "'=cmd|' /C calc'!A0"
    assert client.get(reverse("members:consultation_export", args=[consultation.pk, "html"])).status_code == 404


def test_the_sitemap_lists_the_consultations_in_every_language(people, client):
    now = datetime.datetime.now(UTC)
    consultation = _consultation(people, opens=now, closes=now + datetime.timedelta(days=3))
    body = client.get("/sitemap.xml").content.decode()
    for language in ("en", "ar", "fr"):
        assert f"/{language}/consultations/{consultation.pk}/" in body


# Consultations in three languages (issue 17) --------------------------------------------------------------

ARABIC_TITLE, ARABIC_QUESTION = "كلفة التحويلات المالية", "كيف يمكن أن تصبح التحويلات أرخص؟"


def test_the_form_takes_the_three_languages_side_by_side_and_the_original_is_required(people, client):
    client.force_login(people.secretariat)
    page = client.get(reverse("members:consultation_create")).content.decode()
    for name in ("title", "question", "summary"):
        for code, direction in (("en", "ltr"), ("ar", "rtl"), ("fr", "ltr")):
            field = page[page.index(f'name="{name}_{code}"') - 250:page.index(f'name="{name}_{code}"') + 250]
            assert f'lang="{code}"' in field and f'dir="{direction}"' in field
    data = {"language": "ar", "title_en": "", "title_ar": ARABIC_TITLE, "title_fr": "Coût des envois de fonds",
            "question_en": "How can remittances become cheaper?", "question_ar": "", "question_fr": "",
            "time_zone": "Asia/Beirut", "opens": "2031-05-01T09:00", "closes": "2031-05-31T17:00",
            "questions_text": "", "summary_en": "", "summary_ar": "", "summary_fr": ""}
    response = client.post(reverse("members:consultation_create"), data)  # the Arabic question is missing
    assert response.status_code == 200 and Consultation.objects.count() == 0
    errors = " ".join(response.context["form"].errors["question"])
    assert "Write this in the language of the original (Arabic)" in errors
    response = client.post(reverse("members:consultation_create"), {**data, "question_ar": ARABIC_QUESTION})
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert (consultation.language, consultation.title_ar, consultation.title_fr, consultation.question_ar) == (
        "ar", ARABIC_TITLE, "Coût des envois de fonds", ARABIC_QUESTION)
    edit = client.get(reverse("members:consultation_edit", args=[consultation.pk])).content.decode()
    assert ARABIC_TITLE in edit and "Coût des envois de fonds" in edit  # the form is filled in every language


def test_each_reader_reads_their_language_or_the_original_marked(people, client, time_machine):
    now = datetime.datetime(2031, 5, 10, 12, tzinfo=UTC)
    time_machine.move_to(now)
    consultation = services.consultation_save(consultation=None, by=people.secretariat, fields={
        "language": "en", "title": {"en": "Remittance costs", "ar": ARABIC_TITLE},
        "question": {"en": "How can remittances become cheaper?", "ar": ARABIC_QUESTION},
        "opens_at": now - datetime.timedelta(days=1), "closes_at": now + datetime.timedelta(days=9),
        "time_zone": "Asia/Beirut"})
    url = "members_public:consultation"
    arabic = client.get(_url(url, consultation.pk, language="ar")).content.decode()
    assert f'<span lang="ar" dir="rtl">{ARABIC_TITLE}</span></h1>' in arabic
    assert f'lang="ar" dir="rtl">{ARABIC_QUESTION}</p>' in arabic
    assert "Remittance costs" not in arabic.split("<main", 1)[-1] and "(معروض" not in arabic
    french = client.get(_url(url, consultation.pk, language="fr")).content.decode()
    assert '<span lang="en" dir="ltr">Remittance costs</span>' in french and "(affiché en anglais)" in french
    listing = client.get(_url("members_public:consultations", language="ar")).content.decode()
    assert f'lang="ar" dir="rtl">{ARABIC_TITLE}</a>' in listing


def test_the_summary_in_three_languages_once_closed_and_history_keeps_every_language(people, client):
    now = datetime.datetime.now(UTC)
    consultation = _consultation(people, opens=now - datetime.timedelta(days=20),
                                 closes=now - datetime.timedelta(days=1))
    services.consultation_save(consultation=consultation, by=people.secretariat, fields={
        "summary": {"en": "Costs remain high.", "fr": "Les coûts restent élevés."}})
    french = client.get(_url("members_public:consultation", consultation.pk, language="fr")).content.decode()
    assert 'lang="fr" dir="ltr" class="text-break"><p>Les coûts restent élevés.</p>' in french
    arabic = client.get(_url("members_public:consultation", consultation.pk, language="ar")).content.decode()
    assert "Costs remain high." in arabic and "(معروض بالإنجليزية)" in arabic
    versions = list(consultation.history.order_by("history_id"))
    assert versions[0].summary_fr == "" and versions[-1].summary_fr == "Les coûts restent élevés."
    assert versions[-1].title_en == "Remittance costs"
def test_the_secretariat_s_dashboard_counts_what_awaits_moderation_with_links(people, client):
    client.force_login(people.secretariat)
    assert "Nothing sent by the public awaits moderation." in client.get(reverse("home")).content.decode()
    data = dict(organisation="Org (test)", organisation_kind="migrants", contact_name="A",
                contact_email="a@example.org", language="en")
    PracticeProposal.objects.create(**data, title="One", countries=["JOR"], theme="women", practice="p",
                                    evidence="e", lessons="l", replication="r")
    PracticeProposal.objects.create(**data, title="Two", countries=["JOR"], theme="women", practice="p",
                                    evidence="e", lessons="l", replication="r", status=ProposalStatus.REJECTED,
                                    decided_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC))
    now = datetime.datetime.now(UTC)
    consultation = _consultation(people, opens=now - DAY, closes=now + DAY)
    for status in (AnswerStatus.NEW, AnswerStatus.NEW, AnswerStatus.ACCEPTED):
        ConsultationAnswer.objects.create(consultation=consultation, **data, answer="A view.", status=status)
    page = client.get(reverse("home")).content.decode()
    assert "1 proposed good practice<" in page and f'href="{reverse("members:proposals")}?status=new"' in page
    assert "2 answers to consultations<" in page and f'href="{reverse("members:consultations")}"' in page
    client.force_login(people.focal_point)
    assert "Awaiting moderation" not in client.get(reverse("home")).content.decode()
