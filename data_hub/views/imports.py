"""Uploading files: the form, the job page with its progress and preview, confirming, cancelling; the template."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from data_hub import downloads, permissions, selectors, services
from data_hub.forms import ImportForm, agencies_for
from data_hub.importers.tidy import TEMPLATE_COLUMNS, TEMPLATE_HELP
from members.permissions import is_secretariat
from rwg_portal.shortcuts import paginate
from rwg_portal.spreadsheets import rows_csv
from rwg_portal.uploads import download_response

# Example rows of the template (clearly examples: the agency replaces them with its figures).
TEMPLATE_ROWS = [
    ["labour_migrants", "Labour migrants", "persons", "JOR", "", 2023, "both", 1000, "example"],
    ["labour_migrants", "Labour migrants", "persons", "JOR", "", 2023, "male", 600, "example"],
    ["labour_migrants", "Labour migrants", "persons", "JOR", "", 2023, "female", 400, "example"],
    ["od_migrant_stock", "", "", "SAU", "EGY", 2023, "both", 2500, "example"],
]


@login_required
@require_GET
def import_list(request):
    if not permissions.can_import(request.user):
        raise permissions.import_refusal(request.user)
    page = paginate(request, selectors.import_jobs_for_user(request.user), 20)
    return render(request, "data_hub/import_list.html", {"page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def import_create(request):
    if not permissions.can_import(request.user):
        raise permissions.import_refusal(request.user)
    agencies = agencies_for(request.user)
    # A focal point or alternate of a single agency publishes for it: propose it.
    initial = {"agency": agencies[0]} if not is_secretariat(request.user) and len(agencies) == 1 \
        else {}
    form = ImportForm(request.POST or None, request.FILES or None, initial=initial,
                      datasets=selectors.datasets_writable_by(request.user), agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = services.import_job_create(user=request.user, upload=data["file"], dataset=data.get("dataset"),
                                         agency=data.get("agency"), options=form.options())
        # No "being prepared" message here: in the demo (tasks run in-process) the preview is ready by now. The
        # job page says what the job's state really is, and keeps saying it as it changes.
        return redirect("data_hub:import_detail", pk=job.pk)
    return render(request, "data_hub/import_form.html", {"form": form, "template_help": TEMPLATE_HELP})


@login_required
@require_GET
def import_detail(request, pk: int):
    """The job's progress while it runs (htmx refreshes the status part), then its preview or result."""
    job = selectors.import_job_get_for_user(request.user, pk)
    context = {"job": job}
    if request.htmx:
        return render(request, "data_hub/import_detail.html#status", context)
    return render(request, "data_hub/import_detail.html", context)


@login_required
@require_POST
def import_confirm(request, pk: int):
    job = selectors.import_job_get_for_user(request.user, pk)
    try:
        services.import_job_confirm(job=job, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("data_hub:import_detail", pk=job.pk)


@login_required
@require_POST
def import_cancel(request, pk: int):
    job = selectors.import_job_get_for_user(request.user, pk)
    try:
        services.import_job_cancel(job=job, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The import was cancelled; nothing was changed."))
    return redirect("data_hub:import_detail", pk=job.pk)


@require_GET
def template_download(request, fmt: str):
    """The tidy template for the agencies' own figures: the header on the first row, example rows to replace."""
    if fmt == "xlsx":
        return download_response(_template_xlsx(), "rwg-data-template.xlsx", downloads.XLSX_CONTENT_TYPE)
    return download_response(rows_csv(TEMPLATE_COLUMNS, TEMPLATE_ROWS), f"rwg-data-template.{fmt}",
                             downloads.CSV_CONTENT_TYPE)


def _template_xlsx() -> bytes:
    """A "data" sheet (header on the first row, example rows) and a "readme" sheet explaining each column."""
    workbook = Workbook()
    data = workbook.active
    data.title = "data"
    data.append(TEMPLATE_COLUMNS)
    for cell in data[1]:
        cell.font = Font(bold=True)
    for row in TEMPLATE_ROWS:
        data.append(row)
    readme = workbook.create_sheet("readme")
    readme.append([_("Column"), _("What to put in it")])
    for name, text in TEMPLATE_HELP:
        readme.append([name, str(text)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
