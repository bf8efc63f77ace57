"""The Group in public: about, co-chairs, agencies (no personal details), the contact form and the
secretariat's pages to read and answer messages."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from members import public_views, ratelimit, services
from members.choices import ContactMessageStatus, Membership
from members.models import ContactMessage
from tests.access import LOGIN, OK, assert_access
from tests.factories import AgencyFactory, UserFactory
from tests.members.factories import CoChairPeriodFactory

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(("anonymous", "no_role", "rcm_delegate", "other_focal_point", "alternate", "focal_point",
                          "secretariat", "admin"), OK)
SECRETARIAT_ONLY = {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403,
                    "alternate": 403, "focal_point": 403, "secretariat": OK, "admin": OK}

MESSAGE = {"name": "Maha Said", "email": "maha@example.org", "organisation": "", "subject": "Data on returnees",
           "message": "Where can I find figures on returning migrants?"}


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def test_public_pages_have_an_address_per_language():
    assert _url("members_public:about", language="en") == "/en/about/"
    assert _url("members_public:about", language="ar") == "/ar/about/"
    assert _url("members_public:contact", language="fr") == "/fr/contact/"


def test_public_pages_are_open_to_everyone(people):
    for name, args in (("members_public:about", []), ("members_public:co_chairs", []),
                       ("members_public:agencies", []), ("members_public:agency", [people.owning.pk]),
                       ("members_public:contact", [])):
        assert_access(people, _url(name, *args), EVERYONE)


def test_about_shows_the_current_co_chairs_and_the_agencies_in_their_groups(client):
    las = AgencyFactory(acronym="LAS", name_en="League of Arab States", name_ar="جامعة الدول العربية")
    CoChairPeriodFactory(agency=las, starts_on=datetime.date(2013, 6, 30))
    old = AgencyFactory(acronym="OLD", name_en="Old Chair Agency", membership=Membership.FORMER)
    CoChairPeriodFactory(agency=old, starts_on=datetime.date(2010, 1, 1), ends_on=datetime.date(2012, 1, 1))
    AgencyFactory(acronym="NEWP", name_en="New Participant", membership=Membership.PARTICIPANT)
    page = client.get(_url("members_public:about", language="ar")).content.decode()
    assert 'lang="ar"' in page and "جامعة الدول العربية" in page
    current = page.split('id="co-chairs"')[1].split("</section>")[0]
    assert "جامعة الدول العربية" in current and "Old Chair Agency" not in current
    members = page.split('id="members"')[1]
    assert members.index("New Participant") < members.index("Old Chair Agency")  # participants before former
    history = client.get(_url("members_public:co_chairs")).content.decode()
    assert "Old Chair Agency" in history and "1 January 2012" in history


def test_agency_page_shows_its_work_but_no_personal_details(people, client):
    agency = people.owning
    agency.public_about_en = "Leads the chapter on labour migration."
    agency.email = "director.private@own.example"
    agency.phone = "+961 1 234 567"
    agency.save()
    page = client.get(_url("members_public:agency", agency.pk)).content.decode()
    assert "Leads the chapter on labour migration." in page
    assert "@" not in page.split("<main")[1].split("</main>")[0]  # no e-mail address of any kind
    assert "+961" not in page
    assert people.focal_point.last_name not in page
    assert client.get(_url("members_public:agency", 999999)).status_code == 404


@pytest.mark.parametrize("language, title", [("en", "Safe return"), ("ar", "العودة الآمنة"),
                                             ("fr", "Retour en sécurité")])
def test_agency_page_shows_its_published_activities_only(people, client, language, title):
    """What the agency does with the Group: the activities it published, led or joined, in the reader's
    language; an activity not published stays within the Group (no title, no summary)."""
    from tests.programmes.factories import ActivityFactory, ParticipationFactory

    ActivityFactory(lead_agency=people.owning, public=True, title_en="Safe return", title_ar="العودة الآمنة",
                    title_fr="Retour en sécurité", summary_en="Counselling for returnees.", countries=["JOR"])
    joined = ActivityFactory(lead_agency=people.other, public=True, title_en="Joined programme")
    ParticipationFactory(activity=joined, agency=people.owning)
    ActivityFactory(lead_agency=people.owning, title_en="Internal planning", summary_en="Budget lines.")
    page = client.get(_url("members_public:agency", people.owning.pk, language=language)).content.decode()
    section = page.split('id="published-activities"')[1].split("</section>")[0]
    assert title in section
    assert "Joined programme" in section and people.other.acronym in section  # led by the other agency
    assert "Internal planning" not in page and "Budget lines." not in page


def test_public_pages_name_their_alternates_and_canonical_address(client, settings):
    settings.SITE_URL = "https://rwg.example"
    page = client.get(_url("members_public:co_chairs", language="fr")).content.decode()
    assert '<link rel="canonical" href="https://rwg.example/fr/about/co-chairs/">' in page
    for code in ("en", "ar", "fr"):
        assert f'<link rel="alternate" hreflang="{code}" href="https://rwg.example/{code}/about/co-chairs/">' in page
    assert '<link rel="alternate" hreflang="x-default" href="https://rwg.example/about/co-chairs/">' in page
    assert '<meta property="og:site_name" content="Groupe de travail' in page or 'og:site_name' in page
    assert '<meta name="description" content="' in page
    assert '<meta property="og:locale" content="fr_FR">' in page


# The contact form ---------------------------------------------------------------


def test_a_message_is_stored_in_the_visitors_language_and_emailed_to_the_secretariat(people, client,
                                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("members_public:contact", language="ar"), MESSAGE)
    assert response.status_code == 302 and response["Location"] == _url("members_public:contact_sent", language="ar")
    contact = ContactMessage.objects.get()
    assert contact.language == "ar" and contact.status == ContactMessageStatus.NEW
    assert contact.history.count() == 1
    assert len(mail.outbox) == 1 and people.secretariat.email in mail.outbox[0].to
    assert reverse("members:contact_message_detail", args=[contact.pk]) in mail.outbox[0].body


def test_invalid_messages_are_refused_with_a_reason_and_nothing_is_stored(client):
    response = client.post(_url("members_public:contact"), {**MESSAGE, "email": "not-an-address", "message": ""})
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert ContactMessage.objects.count() == 0


def test_the_honeypot_thanks_a_robot_and_stores_nothing(client):
    response = client.post(_url("members_public:contact"), {**MESSAGE, "fax_number": "+1 555 0100"})
    assert response.status_code == 302
    assert ContactMessage.objects.count() == 0 and not mail.outbox


def test_messages_are_rate_limited_per_address(client):
    for _ in range(public_views.CONTACT_MESSAGES_PER_HOUR):
        assert client.post(_url("members_public:contact"), MESSAGE, REMOTE_ADDR="192.0.2.44").status_code == 302
    response = client.post(_url("members_public:contact"), MESSAGE, REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 429
    assert ContactMessage.objects.count() == public_views.CONTACT_MESSAGES_PER_HOUR
    ratelimit.reset("192.0.2.44", "contact")


def test_only_the_secretariat_reads_messages(people):
    with translation.override("fr"):
        contact = services.contact_message_submit(data=MESSAGE)
    assert_access(people, reverse("members:contact_messages"), SECRETARIAT_ONLY)
    assert_access(people, reverse("members:contact_message_detail", args=[contact.pk]), SECRETARIAT_ONLY)


def test_the_answer_is_kept_and_emailed_to_the_sender_in_their_language(people, client,
                                                                        django_capture_on_commit_callbacks):
    with translation.override("fr"):
        contact = services.contact_message_submit(data=MESSAGE)
    mail.outbox.clear()
    client.force_login(people.secretariat)
    url = reverse("members:contact_message_detail", args=[contact.pk])
    assert "Where can I find figures" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"answer": "Voyez le portail de données."})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == ContactMessageStatus.ANSWERED and contact.answered_by == people.secretariat
    assert contact.history.count() == 2
    assert mail.outbox[-1].to == ["maha@example.org"]
    assert "Voyez le portail de données." in mail.outbox[-1].body
    assert "Votre message du" in mail.outbox[-1].body  # written in French
    again = client.post(url, {"answer": "Twice"}, follow=True)
    contact.refresh_from_db()
    assert contact.answer == "Voyez le portail de données." and "already answered" in again.content.decode()


def test_an_empty_answer_changes_nothing(people, client):
    contact = services.contact_message_submit(data=MESSAGE)
    client.force_login(people.secretariat)
    response = client.post(reverse("members:contact_message_detail", args=[contact.pk]), {"answer": "  "})
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.status == ContactMessageStatus.NEW and not mail.outbox[1:]


def test_a_message_can_be_closed_without_an_answer(people, client):
    contact = services.contact_message_submit(data=MESSAGE)
    client.force_login(people.secretariat)
    client.post(reverse("members:contact_message_close", args=[contact.pk]))
    contact.refresh_from_db()
    assert contact.status == ContactMessageStatus.CLOSED
    other = UserFactory(email="someone@example.org")
    client.force_login(other)
    assert client.post(reverse("members:contact_message_close", args=[contact.pk])).status_code == 403
