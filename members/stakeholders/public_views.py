"""The stakeholders' public pages, under the language prefix: propose a good practice, amend it through the
signed link, and the consultations with their answer form. No account; rate limited; a honeypot."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from members import ratelimit
from members.stakeholders import selectors, services
from members.stakeholders.forms import AmendForm, AnswerForm, ProposalForm
from rwg_portal.shortcuts import paginate

# Proposals and answers from one address in an hour: enough for an organisation, too few for a robot.
PROPOSALS_PER_HOUR = 5
ANSWERS_PER_HOUR = 5


def _limited(request):
    return render(request, "members/public/contact_limited.html", status=429)


@login_not_required
@require_http_methods(["GET", "POST"])
def proposal_create(request):
    """An organisation proposes a good practice; the secretariat moderates it."""
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(request, "practice_proposal", limit=PROPOSALS_PER_HOUR, period=3600):
            return _limited(request)
        if not form.is_spam:  # a robot gets the same thanks, and nothing is saved
            services.proposal_submit(data=form.cleaned_data)
        return redirect("members_public:proposal_sent")
    return render(request, "members/stakeholders/public/proposal_form.html", {
        "form": form, "page_title": _("Propose a good practice"),
        "meta_description": _("Civil-society and migrants' organisations propose good practices on migration "
                              "in the Arab region to the Working Group."),
    })


@login_not_required
@require_GET
def proposal_sent(request):
    return render(request, "members/stakeholders/public/proposal_sent.html")


@login_not_required
@require_http_methods(["GET", "POST"])
def proposal_amend(request, token: str):
    """The organisation changes its returned proposal through the signed link it was e-mailed."""
    signed = services.amend_token_read(token)
    if signed is None:
        raise Http404
    proposal = selectors.proposal_for_amendment(*signed)
    form = AmendForm(request.POST or None, instance=proposal)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(request, "practice_proposal", limit=PROPOSALS_PER_HOUR, period=3600):
            return _limited(request)
        try:
            services.proposal_amend(proposal=proposal, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("members_public:proposal_sent")
    return render(request, "members/stakeholders/public/proposal_amend.html", {
        "form": form, "proposal": proposal, "page_title": _("Change your proposed good practice")})


@login_not_required
@require_GET
def consultations(request):
    """Every consultation, the open ones first."""
    now = timezone.now()
    items = list(selectors.public_consultations())
    order = {"open": 0, "upcoming": 1, "closed": 2}
    items.sort(key=lambda c: (order[c.phase(now)], -c.opens_at.timestamp()))
    page = paginate(request, items, 20)
    return render(request, "members/stakeholders/public/consultation_list.html", {
        "page_obj": page, "now": now, "page_title": _("Consultations"),
        "meta_description": _("Public consultations of the Working Group: organisations answer without an account."),
    })


@login_not_required
@require_http_methods(["GET", "POST"])
def consultation(request, pk: int):
    """A consultation: the question and, while it is open, the answer form; once closed, the secretariat's
    summary and the accepted answers."""
    item = selectors.public_consultation_get(pk)
    phase = item.phase()
    form = AnswerForm(request.POST or None, consultation=item) if phase == "open" or request.method == "POST" else None
    refusal = ""
    status = 200
    if request.method == "POST":
        if phase != "open":
            refusal = (_("This consultation is not open yet.") if phase == "upcoming"
                       else _("This consultation is closed: answers are no longer received."))
            form, status = None, 409
        elif form.is_valid():
            if not ratelimit.allow(request, "consultation_answer", limit=ANSWERS_PER_HOUR, period=3600):
                return _limited(request)
            if form.is_spam:
                return redirect("members_public:consultation_answered", pk=item.pk)
            try:
                services.answer_submit(consultation=item, data=form.service_data())
            except ValidationError as error:  # closed between the page and the answer
                refusal, form, status = " ".join(error.messages), None, 409
            else:
                return redirect("members_public:consultation_answered", pk=item.pk)
    return render(request, "members/stakeholders/public/consultation_detail.html", {
        "consultation": item, "phase": item.phase(), "form": form, "refusal": refusal,
        "answers": selectors.public_accepted_answers(item), "page_title": item.title,
        "meta_description": item.question[:300],
    }, status=status)


@login_not_required
@require_GET
def consultation_answered(request, pk: int):
    item = selectors.public_consultation_get(pk)
    return render(request, "members/stakeholders/public/consultation_answered.html", {"consultation": item})
