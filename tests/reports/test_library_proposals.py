"""Library items proposed by organisations through the public form (ToR 3(d)(i)): stored with their language
and checked file, refused with a reason when hostile, rate limited, moderated by the secretariat only (accept into
a members-only item, return, reject), the organisation told in its language; the dashboard counts them."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from members import ratelimit
from members.choices import ProposalStatus
from reports.choices import LibraryVisibility
from reports.models import LibraryItem, LibraryProposal
from reports.services import library_proposals as services
from reports.views import library_proposals as views
from tests.access import LOGIN, OK, assert_access
from tests.meetings.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(("anonymous", "no_role", "rcm_delegate", "other_focal_point", "alternate", "focal_point",
                          "secretariat", "admin"), OK)
SECRETARIAT_ONLY = {"anonymous": LOGIN, "no_role": 403, "rcm_delegate": 403, "other_focal_point": 403,
                    "alternate": 403, "focal_point": 403, "secretariat": OK, "admin": OK}

PROPOSAL = {
    "organisation": "Forum des diasporas", "organisation_kind": "migrants", "contact_name": "Karim Benali",
    "contact_email": "karim@forum.example", "website": "", "language": "fr", "kind": "study",
    "title": "Le coût des transferts vers le Maghreb", "authors": "Forum des diasporas", "year": "2025",
    "countries": ["MAR", "TUN"], "abstract": "Une étude des frais de transfert.", "url": "",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    ratelimit.reset("127.0.0.1", "library_proposal")
    yield
    ratelimit.reset("127.0.0.1", "library_proposal")


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def _submitted(**changes) -> LibraryProposal:
    data = {**PROPOSAL, "year": 2025, "url": "https://forum.example/etude.pdf", **changes}
    return services.library_proposal_submit(data=data)


def test_the_public_form_has_an_address_per_language_and_is_open_to_everyone(people):
    assert _url("reports_public:library_propose", language="ar") == "/ar/library/propose/"
    for name in ("reports_public:library_propose", "reports_public:library_proposal_sent"):
        assert_access(people, _url(name), EVERYONE)


def test_a_proposal_with_a_file_is_stored_checked_in_its_language_and_emailed_to_the_secretariat(
        people, client, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("reports_public:library_propose", language="fr"),
                               {**PROPOSAL, "upload": upload("Étude transferts.pdf", pdf_bytes())})
    assert response.status_code == 302
    assert response["Location"] == _url("reports_public:library_proposal_sent", language="fr")
    proposal = LibraryProposal.objects.get()
    assert proposal.language == "fr" and proposal.status == ProposalStatus.NEW and proposal.history.count() == 1
    assert proposal.original_name == "Étude transferts.pdf" and proposal.content_type == "application/pdf"
    assert "transferts" not in proposal.file.name  # a generated name on disk
    assert [m.to for m in mail.outbox] == [[people.secretariat.email]]
    assert reverse("reports:library_proposal_detail", args=[proposal.pk]) in mail.outbox[0].body


@pytest.mark.parametrize("changes, field", [
    ({"contact_email": "not-an-address"}, "contact_email"),
    ({"countries": ["FRA"]}, "countries"),
    ({"kind": "<script>"}, "kind"),
    ({"language": "de"}, "language"),
    ({"title": ""}, "title"),
    ({"year": "1800"}, "year"),
    ({"abstract": "x" * 5001}, "abstract"),
    ({"url": "javascript:alert(1)"}, "url"),
    ({"url": ""}, "upload"),
])
def test_hostile_or_invalid_proposals_are_refused_with_a_reason_and_nothing_is_stored(client, changes, field):
    response = client.post(_url("reports_public:library_propose"),
                           {**PROPOSAL, "url": "https://forum.example/a.pdf", **changes})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert LibraryProposal.objects.count() == 0 and not mail.outbox


def test_a_disguised_file_is_refused_like_every_upload(client, media):
    response = client.post(_url("reports_public:library_propose"),
                           {**PROPOSAL, "upload": upload("etude.pdf", b"<html><script>x</script></html>")})
    assert response.status_code == 200
    assert "The content of the file is not a .pdf document" in response.content.decode()
    assert LibraryProposal.objects.count() == 0


def test_the_honeypot_thanks_a_robot_and_stores_nothing(client):
    response = client.post(_url("reports_public:library_propose"),
                           {**PROPOSAL, "url": "https://forum.example/a.pdf", "fax_number": "+1 555 0100"})
    assert response.status_code == 302
    assert LibraryProposal.objects.count() == 0 and not mail.outbox


def test_proposals_are_rate_limited_per_address(client):
    url, data = _url("reports_public:library_propose"), {**PROPOSAL, "url": "https://forum.example/a.pdf"}
    for _ in range(views.PROPOSALS_PER_HOUR):
        assert client.post(url, data, REMOTE_ADDR="192.0.2.61").status_code == 302
    assert client.post(url, data, REMOTE_ADDR="192.0.2.61").status_code == 429
    assert LibraryProposal.objects.count() == views.PROPOSALS_PER_HOUR
    ratelimit.reset("192.0.2.61", "library_proposal")


def test_only_the_secretariat_moderates(people, media):
    proposal = _submitted()
    assert_access(people, reverse("reports:library_proposals"), SECRETARIAT_ONLY)
    assert_access(people, reverse("reports:library_proposal_detail", args=[proposal.pk]), SECRETARIAT_ONLY)


def test_accepting_creates_a_members_only_item_with_the_file_and_tells_the_organisation_in_french(
        people, client, media, django_capture_on_commit_callbacks):
    proposal = services.library_proposal_submit(data={**PROPOSAL, "year": 2025},
                                                upload=upload("Étude.pdf", pdf_bytes()))
    mail.outbox.clear()
    client.force_login(people.secretariat)
    url = reverse("reports:library_proposal_detail", args=[proposal.pk])
    response = client.post(url, {"decision": "accept"})  # no agency: refused with the reason, nothing created
    assert response.status_code == 200 and "agency" in response.context["form"].errors
    assert LibraryItem.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "accept", "agency": people.owning.pk})
    assert response.status_code == 302
    proposal.refresh_from_db()
    item = proposal.library_item
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.decided_by == people.secretariat
    assert item.visibility == LibraryVisibility.MEMBERS and item.agency == people.owning
    assert (item.language, item.title_fr, item.abstract_fr) == ("fr", PROPOSAL["title"], PROPOSAL["abstract"])
    assert item.original_name == "Étude.pdf" and item.sha256 == proposal.sha256 and item.file.name != proposal.file.name
    assert item.countries == ["MAR", "TUN"]
    assert mail.outbox[-1].to == ["karim@forum.example"]
    assert "le secrétariat a accepté le document" in mail.outbox[-1].body  # in French
    assert proposal.history.count() == 2
    # Not public: the anonymous visitor does not find it; a member does.
    page = client.get(_url("reports_public:library_item", item.pk)).content.decode()
    assert "Proposed by</dt>" in page and "Forum des diasporas" in page  # credited to the organisation
    client.logout()
    assert client.get(_url("reports_public:library_item", item.pk)).status_code == 404
    # A second decision is refused and changes nothing.
    client.force_login(people.secretariat)
    again = client.post(url, {"decision": "reject", "message": "Non"}, follow=True)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and "already moderated" in again.content.decode()


@pytest.mark.parametrize("decision, status", [("return", ProposalStatus.RETURNED),
                                              ("reject", ProposalStatus.REJECTED)])
def test_returning_or_rejecting_needs_a_message_that_the_organisation_reads_in_arabic(
        people, client, decision, status, django_capture_on_commit_callbacks):
    proposal = _submitted(language="ar", title="تكلفة التحويلات")
    mail.outbox.clear()
    client.force_login(people.secretariat)
    url = reverse("reports:library_proposal_detail", args=[proposal.pk])
    response = client.post(url, {"decision": decision, "message": " "})
    assert response.status_code == 200 and "message" in response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"decision": decision, "message": "أضيفوا سنة النشر."}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == status and LibraryItem.objects.count() == 0
    body = mail.outbox[-1].body
    assert mail.outbox[-1].to == ["karim@forum.example"] and "أضيفوا سنة النشر." in body
    assert ("/ar/library/propose/" in body) == (decision == "return")


def test_the_dashboard_counts_proposed_library_items_with_a_link(people, client):
    _submitted()
    client.force_login(people.secretariat)
    page = client.get(reverse("home")).content.decode()
    assert "1 proposed library item<" in page
    assert f'href="{reverse("reports:library_proposals")}?status=new"' in page
