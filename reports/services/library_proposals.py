"""Library items proposed by civil-society and migrants' organisations (ToR 3(d)(i)): received through the public
form, moderated by the secretariat with the stakeholders' services (``members.stakeholders.services``: the same
return and reject, the same rules and history), accepted into a members-only library item.
"""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from members.choices import ProposalStatus
from members.models import Agency, User
from members.services import _save
from members.stakeholders import services as stakeholders
from reports import emails
from reports.choices import LibraryVisibility
from reports.models import LibraryItem, LibraryProposal
from reports.services.library import LIBRARY_FILE_TYPES, library_item_save
from rwg_portal.uploads import check_upload

# What the public form may set (the rest is the secretariat's bookkeeping).
PROPOSAL_FIELDS = ("organisation", "organisation_kind", "contact_name", "contact_email", "website", "language",
                   "title", "kind", "year", "authors", "countries", "abstract", "url")


@transaction.atomic
def library_proposal_submit(*, data: dict, upload=None) -> LibraryProposal:
    """Store a library item proposed through the public form, its file checked like every upload, and tell
    the secretariat. ``ValidationError`` (nothing stored, no file kept) for bad input."""
    proposal = LibraryProposal(**{field: data[field] for field in PROPOSAL_FIELDS if field in data})
    if not proposal.language:
        proposal.language = (translation.get_language() or "en")[:2]
    if upload is not None:
        checked = check_upload(upload, allowed=LIBRARY_FILE_TYPES)
        proposal.url = ""
        proposal.original_name, proposal.extension = checked.original_name, checked.extension
        proposal.content_type, proposal.size, proposal.sha256 = checked.content_type, checked.size, checked.sha256
        proposal.file.save(f"upload.{checked.extension}", upload, save=False)
    elif not proposal.url:
        raise ValidationError({"upload": _("Upload a file or give a link to the document.")})
    try:
        _save(proposal, by=None, reason="submitted through the public form")
    except Exception:
        if proposal.file:
            proposal.file.storage.delete(proposal.file.name)
        raise
    transaction.on_commit(lambda: emails.send_library_proposal_received(proposal=proposal))
    return proposal


@transaction.atomic
def library_proposal_accept(*, proposal: LibraryProposal, agency: Agency, message: str = "",
                            by: User) -> LibraryProposal:
    """Accept a proposal: it becomes a members-only library item of ``agency`` (the member that takes it up),
    in the organisation's language, with its file or link; the secretariat may then make it public."""
    stakeholders._moderator(by)
    proposal = stakeholders._locked_new(proposal)
    if agency is None:
        raise ValidationError({"agency": _("Choose the member agency that takes the item up.")})
    code = proposal.language
    fields = {"kind": proposal.kind, f"title_{code}": proposal.title, f"abstract_{code}": proposal.abstract,
              "language": code, "year": proposal.year, "agency": agency, "countries": list(proposal.countries),
              "gcm_objectives": [], "sdg_targets": [], "visibility": LibraryVisibility.MEMBERS, "url": proposal.url}
    upload = None
    if proposal.file:  # a copy for the library (checked again there), under the name the organisation gave
        upload = File(proposal.file.storage.open(proposal.file.name, "rb"), name=proposal.original_name)
    try:
        item = library_item_save(item=None, fields=fields, by=by, upload=upload)
    finally:
        if upload is not None:
            upload.close()
    proposal.library_item = item
    return stakeholders._decide(proposal, status=ProposalStatus.ACCEPTED, message=(message or "").strip(), by=by,
                                reason="accepted", notify=emails.send_library_proposal_decided)


def library_proposal_return(*, proposal: LibraryProposal, message: str, by: User) -> LibraryProposal:
    """Send it back with what to change; the organisation proposes it again through the form."""
    return stakeholders.proposal_return(proposal=proposal, message=message, by=by,
                                        notify=emails.send_library_proposal_decided)


def library_proposal_reject(*, proposal: LibraryProposal, message: str, by: User) -> LibraryProposal:
    return stakeholders.proposal_reject(proposal=proposal, message=message, by=by,
                                        notify=emails.send_library_proposal_decided)


def library_item_credit(item: LibraryItem) -> LibraryProposal | None:
    """The proposal an item came from, if any (its page credits the organisation)."""
    return LibraryProposal.objects.filter(library_item=item).first()
