"""Bulk update of an agency's activities through a spreadsheet: download, upload, preview, apply or discard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from programmes import bulk, selectors, services
from programmes.choices import ImportState
from programmes.forms import ImportUploadForm
from rwg_portal.uploads import download_response


@login_required
def bulk_home(request):
    """Choose the agency (secretariat) or go straight to one's own agency's sheet."""
    agencies = list(selectors.agencies_user_may_lead_for(request.user))
    if not agencies:
        raise PermissionDenied
    jobs = selectors.recent_imports(request.user)
    return render(request, "programmes/bulk_home.html", {"agencies": agencies, "jobs": jobs,
                                                          "form": ImportUploadForm()})


@login_required
def bulk_download(request, agency_pk: int):
    agency = selectors.agency_get_for_bulk_update(request.user, agency_pk)
    content = bulk.workbook_for_agency(selectors.activities_for_agency(agency))
    stamp = timezone.localdate().isoformat()
    return download_response(content, f"rwg-activities-{agency.acronym}-{stamp}.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@login_required
@require_http_methods(["GET", "POST"])
def bulk_upload(request, agency_pk: int):
    agency = selectors.agency_get_for_bulk_update(request.user, agency_pk)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.activity_import_upload(agency=agency, upload=form.cleaned_data["file"], by=request.user)
        return redirect("programmes:bulk_preview", pk=job.pk)
    return render(request, "programmes/bulk_upload.html", {"agency": agency, "form": form})


@login_required
def bulk_preview(request, pk: int):
    job = selectors.activity_import_get_for_user(request.user, pk)
    return render(request, "programmes/bulk_preview.html",
                  {"job": job, "validated": job.state == ImportState.VALIDATED})


@login_required
@require_POST
def bulk_apply(request, pk: int):
    job = selectors.activity_import_get_for_user(request.user, pk)
    try:
        with transaction.atomic():
            services.activity_import_apply(job=job, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programmes:bulk_preview", pk=job.pk)
    messages.success(request, _("The changes were applied to %(count)s activities.") % {"count": len(job.changes)})
    return redirect("programmes:bulk_preview", pk=job.pk)


@login_required
@require_POST
def bulk_discard(request, pk: int):
    job = selectors.activity_import_get_for_user(request.user, pk)
    services.activity_import_discard(job=job, by=request.user)
    messages.info(request, _("The upload was discarded; nothing was changed."))
    return redirect("programmes:bulk_home")
