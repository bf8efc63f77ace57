"""The workspace: the list of reports, a report's page (outline, builds, assessment), its settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reports import assessment, permissions, selectors, services
from reports.choices import ChapterState, QuestionnaireStatus
from reports.forms import ReportCreateForm, ReportEditForm
from rwg_portal.forms import add_service_errors
from rwg_portal.shortcuts import paginate


@login_required
def index(request):
    """Every report being written or already built, newest first."""
    if not permissions.can_view_workspace(request.user):
        raise PermissionDenied
    page = paginate(request, selectors.report_list_for_user(request.user), 20)
    return render(request, "reports/report_list.html", {
        "page_obj": page,
        "can_manage": permissions.can_manage_reports(request.user),
        "my_chapters": list(selectors.my_chapters(request.user)[:10]),
    })


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request):
    if not permissions.can_manage_reports(request.user):
        raise PermissionDenied
    form = ReportCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(**form.cleaned_data, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The report was created."))
            return redirect("reports:report_detail", pk=report.pk)
    return render(request, "reports/report_form.html", {"form": form})


@login_required
def report_detail(request, pk: int):
    """A report at a glance: the outline and each chapter's state, or the assessment; its PDFs."""
    report = selectors.report_get_for_user(request.user, pk)
    user = request.user
    context = {
        "report": report,
        "can_manage": permissions.can_manage_reports(user),
        "can_build": permissions.can_request_build(user, report),
        "builds": selectors.latest_builds(report),
        "can_manage_sources": permissions.can_manage_sources(user, report),
        "source_count": report.sources.count(),
    }
    if report.is_situation_report:
        chapters = list(selectors.chapters_for_report(report))
        context["chapters"] = chapters
        context["state_counts"] = [(label, sum(1 for c in chapters if c.state == value), value)
                                   for value, label in ChapterState.choices]
        context["overdue"] = sum(1 for chapter in chapters if chapter.is_overdue)
    else:
        context["figures"] = assessment.shared_figures(report.year)
        context["questions"] = list(selectors.questions_for_report(report))
        context["responses"] = list(selectors.responses_for_report(report))
        context["submitted"] = sum(1 for r in context["responses"] if r.status == "submitted")
        context["can_answer"] = permissions.can_answer_questionnaire(user, report)
        context["questionnaire_open"] = report.questionnaire_status == QuestionnaireStatus.OPEN
    context["any_active"] = any(entry["active"] for entry in context["builds"].values())
    return render(request, "reports/report_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk: int):
    report = selectors.report_get_for_user(request.user, pk, write=True)
    form = ReportEditForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(report=report, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The report was saved."))
            return redirect("reports:report_detail", pk=report.pk)
    return render(request, "reports/report_form.html", {"form": form, "report": report})
