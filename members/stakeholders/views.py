"""The secretariat's pages for stakeholders: moderate proposed good practices; open, moderate, close and export
consultations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from members.choices import AnswerStatus, ProposalStatus
from members.stakeholders import exports, selectors, services
from members.stakeholders.forms import AnswerModerationForm, ConsultationForm, ProposalDecisionForm
from rwg_portal.shortcuts import paginate


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_GET
def proposals(request):
    """Proposed good practices, newest first; those awaiting moderation can be listed alone."""
    items = selectors.proposal_list_for_user(request.user)
    status = request.GET.get("status", "")
    if status in ProposalStatus.values:
        items = items.filter(status=status)
    page = paginate(request, items)
    return render(request, "members/stakeholders/proposal_list.html", {
        "page_obj": page, "status": status, "statuses": ProposalStatus.choices})


@login_required
@require_http_methods(["GET", "POST"])
def proposal_detail(request, pk: int):
    """One proposal, its history, and while it awaits moderation the decision form."""
    proposal = selectors.proposal_get_for_user(request.user, pk)
    awaiting = proposal.status == ProposalStatus.NEW
    form = ProposalDecisionForm(request.POST or None, proposal=proposal) if awaiting else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This proposal was already moderated."))
            return redirect("members:proposal_detail", pk=proposal.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == form.ACCEPT:
                    services.proposal_accept(proposal=proposal, agency=data["agency"], title_en=data["title_en"],
                                             message=data["message"], by=request.user)
                    done = _("Accepted: a draft good practice was created and the organisation was told.")
                elif data["decision"] == form.RETURN:
                    services.proposal_return(proposal=proposal, message=data["message"], by=request.user)
                    done = _("Returned: the organisation received your message and a link to change its proposal.")
                else:
                    services.proposal_reject(proposal=proposal, message=data["message"], by=request.user)
                    done = _("Rejected: the organisation received the reason.")
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, done)
                return redirect("members:proposal_detail", pk=proposal.pk)
    history = proposal.history.select_related("history_user").order_by("-history_date")[:50]
    return render(request, "members/stakeholders/proposal_detail.html", {
        "proposal": proposal, "form": form, "history": history})


@login_required
@require_GET
def consultations(request):
    page = paginate(request, selectors.consultation_list_for_user(request.user))
    return render(request, "members/stakeholders/consultation_list.html", {"page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def consultation_form(request, pk: int | None = None):
    """Open a consultation, or change one (its summary is written here once it closes)."""
    item = selectors.consultation_get_for_user(request.user, pk) if pk else None
    if item is None:
        selectors.consultation_list_for_user(request.user)  # the permission check
    form = ConsultationForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.consultation_save(consultation=item, fields=form.service_fields(), by=request.user)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The consultation was saved."))
            return redirect("members:consultation_manage", pk=saved.pk)
    return render(request, "members/stakeholders/consultation_form.html", {"form": form, "consultation": item})


@login_required
@require_GET
def consultation_manage(request, pk: int):
    """A consultation for the secretariat: its answers, each with the moderation form."""
    item = selectors.consultation_get_for_user(request.user, pk)
    answers = item.answers.select_related("moderated_by").order_by("submitted_at")
    status = request.GET.get("status", "")
    if status in AnswerStatus.values:
        answers = answers.filter(status=status)
    page = paginate(request, answers)
    return render(request, "members/stakeholders/consultation_manage.html", {
        "consultation": item, "page_obj": page, "status": status, "statuses": AnswerStatus.choices,
        "moderation_form": AnswerModerationForm(), "phase": item.phase()})


@login_required
@require_POST
def consultation_close(request, pk: int):
    item = selectors.consultation_get_for_user(request.user, pk)
    try:
        services.consultation_close(consultation=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The consultation is closed. Write its summary for the public page."))
    return redirect("members:consultation_manage", pk=item.pk)


@login_required
@require_POST
def answer_moderate(request, pk: int):
    answer = selectors.answer_get_for_user(request.user, pk)
    form = AnswerModerationForm(request.POST)
    if form.is_valid():
        services.answer_moderate(answer=answer, accept=form.cleaned_data["accept"], note=form.cleaned_data["note"],
                                 by=request.user)
        messages.success(request, _("The answer of %(organisation)s was moderated.")
                         % {"organisation": answer.organisation})
    else:
        messages.error(request, _("Choose whether to accept or reject the answer."))
    return redirect("members:consultation_manage", pk=answer.consultation_id)


@login_required
@require_GET
def consultation_export(request, pk: int, fmt: str):
    """Every answer of a consultation as CSV or Excel, safe to open in a spreadsheet program."""
    item = selectors.consultation_get_for_user(request.user, pk)
    if fmt not in exports.FORMATS:
        raise Http404
    content, content_type = exports.answers_file(item, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="consultation-{item.pk}-answers.{fmt}"'
    return response
