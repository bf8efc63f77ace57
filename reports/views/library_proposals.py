"""Library items proposed by organisations: the public form (no account: rate limited, a honeypot) and the
secretariat's moderation pages. Proposals are fetched through the user (``selectors.library_proposal_*``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from members import ratelimit
from members.choices import ProposalStatus
from reports import selectors
from reports.forms import LibraryProposalDecisionForm, LibraryProposalForm
from reports.services import library_proposals as services
from rwg_portal.shortcuts import paginate
from rwg_portal.uploads import file_response

# Proposals from one address in an hour: enough for an organisation, too few for a robot.
PROPOSALS_PER_HOUR = 5


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            field = "upload" if field == "file" else field
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error("upload" if "upload" in form.fields else None, error)


@login_not_required
@require_http_methods(["GET", "POST"])
def library_propose(request):
    """An organisation proposes a study or report for the library; the secretariat moderates it."""
    form = LibraryProposalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(request, "library_proposal", limit=PROPOSALS_PER_HOUR, period=3600):
            return render(request, "members/public/contact_limited.html", status=429)
        if form.is_spam:  # a robot gets the same thanks, and nothing is saved
            return redirect("reports_public:library_proposal_sent")
        data = {key: value for key, value in form.cleaned_data.items() if key not in ("upload", "fax_number")}
        try:
            services.library_proposal_submit(data=data, upload=form.cleaned_data.get("upload"))
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            return redirect("reports_public:library_proposal_sent")
    return render(request, "reports/public/library_propose.html", {
        "form": form, "page_title": _("Propose a study or report for the library"),
        "meta_description": _("Civil-society and migrants' organisations propose studies and reports on migration "
                              "in the Arab region for the Working Group's library."),
    })


@login_not_required
@require_GET
def library_proposal_sent(request):
    return render(request, "reports/public/library_proposal_sent.html")


@login_required
@require_GET
def library_proposals(request):
    """Proposed library items, newest first; those awaiting moderation can be listed alone."""
    items = selectors.library_proposal_list_for_user(request.user)
    status = request.GET.get("status", "")
    if status in ProposalStatus.values:
        items = items.filter(status=status)
    return render(request, "reports/library_proposal_list.html", {
        "page_obj": paginate(request, items), "status": status, "statuses": ProposalStatus.choices})


@login_required
@require_http_methods(["GET", "POST"])
def library_proposal_detail(request, pk: int):
    """One proposal, its history, and while it awaits moderation the decision form."""
    proposal = selectors.library_proposal_get_for_user(request.user, pk)
    awaiting = proposal.status == ProposalStatus.NEW
    form = LibraryProposalDecisionForm(request.POST or None) if awaiting else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This proposal was already moderated."))
            return redirect("reports:library_proposal_detail", pk=proposal.pk)
        if form.is_valid():
            data, by = form.cleaned_data, request.user
            try:
                if data["decision"] == form.ACCEPT:
                    services.library_proposal_accept(proposal=proposal, agency=data["agency"],
                                                     message=data["message"], by=by)
                    done = _("Accepted: a members-only library item was created and the organisation was told.")
                elif data["decision"] == form.RETURN:
                    services.library_proposal_return(proposal=proposal, message=data["message"], by=by)
                    done = _("Returned: the organisation received your message.")
                else:
                    services.library_proposal_reject(proposal=proposal, message=data["message"], by=by)
                    done = _("Rejected: the organisation received the reason.")
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, done)
                return redirect("reports:library_proposal_detail", pk=proposal.pk)
    history = proposal.history.select_related("history_user").order_by("-history_date")[:50]
    return render(request, "reports/library_proposal_detail.html", {
        "proposal": proposal, "form": form, "history": history})


@login_required
@require_GET
def library_proposal_file(request, pk: int):
    """The proposed file, for the secretariat to read before deciding (served as an attachment)."""
    proposal = selectors.library_proposal_get_for_user(request.user, pk)
    if not proposal.file:
        raise Http404
    try:
        handle = proposal.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return file_response(handle, filename=proposal.original_name or f"proposal-{proposal.pk}.{proposal.extension}",
                         content_type=proposal.content_type)
