"""E-mails about stakeholders' proposals: one function per message (templates in members/templates/emails/)."""

from django.urls import reverse
from django.utils import translation

from members.choices import ProposalStatus
from rwg_portal import emails


def send_proposal_received(*, proposal) -> None:
    """Tell the secretariat that an organisation proposed (or amended) a good practice."""
    from members.selectors import secretariat_people

    emails.send_to_people("practice_proposal_received", people=secretariat_people(), context={
        "proposal": proposal, "path": reverse("members:proposal_detail", args=[proposal.pk]),
    })


def send_proposal_decided(*, proposal) -> None:
    """The secretariat's decision, to the organisation, in the language it wrote in; a returned proposal
    comes with the signed link to amend it (on the public site, in that language)."""
    from members.stakeholders.services import amend_token

    context = {"proposal": proposal}
    with translation.override(proposal.language):
        if proposal.status == ProposalStatus.RETURNED:
            context["amend_path"] = reverse("members_public:proposal_amend", args=[amend_token(proposal)])
        if proposal.good_practice_id:
            context["practice_path"] = reverse("programmes:practice_detail", args=[proposal.good_practice_id])
    emails.send("practice_proposal_decided", to=[proposal.contact_email], language=proposal.language,
                context=context)
