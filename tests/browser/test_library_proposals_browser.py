"""In chromium: an organisation proposes a study for the library in French, with its PDF, without an account; the
secretariat finds it on its dashboard and accepts it into a member agency's library, for members only (issue 17)."""

import pytest
from django.core import mail

from members import ratelimit
from members.choices import ProposalStatus
from members.services import seed_reference_data
from reports.choices import LibraryVisibility
from reports.models import LibraryItem, LibraryProposal
from tests.browser.helpers import signed_in_page
from tests.meetings.files import pdf_bytes
from tests.people import make_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def _clean_files():
    yield
    for row in [*LibraryProposal.objects.exclude(file=""), *LibraryItem.objects.exclude(file="")]:
        row.file.storage.delete(row.file.name)


def test_an_organisation_proposes_a_study_and_the_secretariat_accepts_it(browser, live_server, tmp_path,
                                                                          _clean_files):
    ratelimit.reset("127.0.0.1", "library_proposal")
    people = make_people()
    seed_reference_data()
    pdf = tmp_path / "etude-transferts.pdf"
    pdf.write_bytes(pdf_bytes("Le coût des transferts vers le Maghreb"))

    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/fr/library/")
    page.get_by_role("link", name="Proposer une étude ou un rapport pour la bibliothèque").click()
    assert not page.locator("input[name=fax_number]").is_visible()  # the honeypot stays hidden
    page.get_by_role("button", name="Envoyer la proposition").click()  # empty: every error is said on its field
    page.get_by_text("Veuillez corriger les champs signalés ci-dessous.").wait_for()
    assert LibraryProposal.objects.count() == 0
    page.locator("input[name=organisation]").fill("Forum des diasporas")
    page.locator("select[name=organisation_kind]").select_option("migrants")
    page.locator("input[name=contact_name]").fill("Karim Benali")
    page.locator("input[name=contact_email]").fill("karim@forum.example")
    assert page.locator("#id_language").input_value() == "fr"  # the page's language by default
    page.locator("select[name=kind]").select_option("study")
    page.locator("input[name=title]").fill("Le coût des transferts vers le Maghreb")
    page.locator("input[name=year]").fill("2025")
    page.get_by_label("Maroc", exact=True).check()
    page.locator("textarea[name=abstract]").fill("Une étude des frais de transfert.")
    page.locator("input[name=upload]").set_input_files(str(pdf))
    page.get_by_role("button", name="Envoyer la proposition").click()
    page.get_by_role("heading", name="Merci pour votre proposition").wait_for()
    context.close()
    proposal = LibraryProposal.objects.get()
    assert proposal.language == "fr" and proposal.original_name == "etude-transferts.pdf"

    # The secretariat sees it on its dashboard and accepts it into a member agency's library.
    context, page = signed_in_page(browser, live_server, people.secretariat.email, totp=True)
    page.get_by_role("link", name="1 proposed library item").click()
    page.get_by_role("link", name="Le coût des transferts vers le Maghreb").click()
    page.get_by_label("Accept: add it to the library, for members only").check()
    page.get_by_label("Member agency that takes it up").select_option(str(people.owning.pk))
    page.get_by_role("button", name="Record the decision and tell the organisation").click()
    page.get_by_text("Accepted: a members-only library item was created").wait_for()
    page.get_by_role("link", name="the library item created from it").click()
    page.get_by_text("Members only").first.wait_for()
    page.get_by_role("link", name="Download").wait_for()
    context.close()
    proposal.refresh_from_db()
    item = proposal.library_item
    assert proposal.status == ProposalStatus.ACCEPTED
    assert item.visibility == LibraryVisibility.MEMBERS and item.title_fr == "Le coût des transferts vers le Maghreb"
    told = [m for m in mail.outbox if m.to == ["karim@forum.example"]]
    assert len(told) == 1 and "le secrétariat a accepté le document" in told[0].body
    ratelimit.reset("127.0.0.1", "library_proposal")
