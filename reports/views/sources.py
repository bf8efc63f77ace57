"""A report's list of sources: what chapters cite as [@key]."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reports import permissions, selectors, services
from reports.forms import SourceForm
from rwg_portal.forms import add_service_errors
from rwg_portal.shortcuts import flash_errors


@login_required
@require_http_methods(["GET", "POST"])
def source_list(request, pk: int):
    """The sources of a report, and a form to add one (for those who may)."""
    report = selectors.report_get_for_user(request.user, pk)
    can_manage = permissions.can_manage_sources(request.user, report)
    form = SourceForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.source_create(report=report, **form.cleaned_data, by=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The source was added."))
                return redirect("reports:source_list", pk=report.pk)
    return render(request, "reports/source_list.html", {
        "report": report, "sources": report.sources.all(), "form": form, "can_manage": can_manage,
        "can_delete": permissions.is_secretariat(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def source_edit(request, pk: int):
    source = selectors.source_get_for_user(request.user, pk, write=True)
    form = SourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.source_update(source=source, citation_en=data["citation_en"], citation_ar=data["citation_ar"],
                                   url=data["url"], by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The source was saved."))
            return redirect("reports:source_list", pk=source.report_id)
    return render(request, "reports/source_form.html", {"form": form, "source": source, "report": source.report})


@login_required
@require_POST
def source_delete(request, pk: int):
    source = selectors.source_get_for_user(request.user, pk)
    if not permissions.can_delete_source(request.user, source):
        raise PermissionDenied
    report_id = source.report_id
    try:
        services.source_delete(source=source, by=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The source was removed."))
    return redirect("reports:source_list", pk=report_id)
