"""The detailed assessment's questionnaire: questions (secretariat), answers (focal points), results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members.models import Agency
from reports import assessment, permissions, selectors, services
from reports.forms import AnswersForm, QuestionForm
from rwg_portal.forms import add_service_errors
from rwg_portal.shortcuts import flash_errors


def _assessment_for(user, pk: int, *, write: bool = False):
    report = selectors.report_get_for_user(user, pk, write=write)
    if not report.is_assessment:
        raise PermissionDenied
    return report


@login_required
@require_http_methods(["GET", "POST"])
def question_list(request, pk: int):
    report = _assessment_for(request.user, pk, write=True)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_create(report=report, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The question was added."))
            return redirect("reports:question_list", pk=report.pk)
    return render(request, "reports/question_list.html", {
        "report": report, "questions": selectors.questions_for_report(report), "form": form,
        "editable": report.questionnaire_status == "preparing" and not report.responses.exists(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk: int):
    question = selectors.question_get_for_user(request.user, pk)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(question=question, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The question was saved."))
            return redirect("reports:question_list", pk=question.report_id)
    return render(request, "reports/question_form.html", {"form": form, "question": question,
                                                          "report": question.report})


@login_required
@require_POST
def question_delete(request, pk: int):
    question = selectors.question_get_for_user(request.user, pk)
    report_id = question.report_id
    try:
        services.question_delete(question=question, by=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The question was removed."))
    return redirect("reports:question_list", pk=report_id)


@login_required
@require_POST
def questionnaire_open(request, pk: int):
    report = _assessment_for(request.user, pk, write=True)
    try:
        services.questionnaire_open(report=report, by=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The questionnaire is open; the focal points and alternates were e-mailed."))
    return redirect("reports:report_detail", pk=report.pk)


@login_required
@require_POST
def questionnaire_close(request, pk: int):
    report = _assessment_for(request.user, pk, write=True)
    try:
        services.questionnaire_close(report=report, by=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The questionnaire is closed."))
    return redirect("reports:report_detail", pk=report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_answer(request, pk: int):
    """A focal point or alternate answers for their agency (choosing it if they represent several)."""
    report = _assessment_for(request.user, pk)
    agency_ids = sorted(permissions.answerable_agency_ids(request.user, report))
    if not agency_ids:
        raise PermissionDenied
    try:
        agency_id = int(request.GET.get("agency") or request.POST.get("agency") or agency_ids[0])
    except ValueError:
        agency_id = agency_ids[0]
    if agency_id not in agency_ids:
        raise PermissionDenied
    agency = Agency.objects.get(pk=agency_id)
    questions = list(selectors.questions_for_report(report))
    response = selectors.response_for_agency(report, agency_id)
    answers = {answer.question_id: answer for answer in response.answers.all()} if response else {}
    form = AnswersForm(request.POST or None, questions=questions, answers=answers)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.response_save(report=report, agency=agency, answers=form.answers(), submit=submit,
                                   by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your answers were submitted. Thank you.") if submit
                             else _("Your answers were saved as a draft."))
            return redirect(f"{request.path}?agency={agency_id}")
    return render(request, "reports/questionnaire_answer.html", {
        "report": report, "form": form, "agency": agency, "response": response,
        "agencies": Agency.objects.filter(pk__in=agency_ids) if len(agency_ids) > 1 else [],
    })


@login_required
def questionnaire_results(request, pk: int):
    report = _assessment_for(request.user, pk)
    if not permissions.can_view_questionnaire_results(request.user, report):
        raise PermissionDenied
    results = assessment.aggregate_questionnaire(report)
    return render(request, "reports/questionnaire_results.html", {
        "report": report, "results": results, "responses": selectors.responses_for_report(report),
    })
