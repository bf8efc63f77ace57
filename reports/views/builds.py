"""PDF builds: start one, follow its progress, approve, publish, download."""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from reports import permissions, selectors, services
from reports.forms import BuildRequestForm
from reports.views.common import deny
from rwg_portal.shortcuts import flash_errors


@login_required
@require_POST
def build_create(request, pk: int):
    """Queue a build of the report in one language (or show the one already under way)."""
    report = selectors.report_get_for_user(request.user, pk)
    if not permissions.can_request_build(request.user, report):
        raise PermissionDenied
    form = BuildRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose English or Arabic."))
        return redirect("reports:report_detail", pk=report.pk)
    build, created = services.build_request(report=report, language=form.cleaned_data["language"], by=request.user)
    if created:
        messages.success(request, _("The %(language)s PDF is being built.")
                         % {"language": build.get_language_display()})
    else:
        messages.info(request, _("A build of the %(language)s PDF is already under way; here it is.")
                      % {"language": build.get_language_display()})
    return redirect("reports:build_detail", pk=build.pk)


@login_required
@require_POST
def build_retry(request, pk: int):
    """Build again: a new build of the same report and language."""
    build = selectors.build_get_for_user(request.user, pk)
    if not permissions.can_request_build(request.user, build.report):
        raise PermissionDenied
    again, created = services.build_request(report=build.report, language=build.language, by=request.user)
    if created:
        messages.success(request, _("A new build was started."))
    else:
        messages.info(request, _("A build of this report and language is already under way."))
    return redirect("reports:build_detail", pk=again.pk)


def _build_context(request, build) -> dict:
    user = request.user
    return {
        "build": build,
        "report": build.report,
        "can_download": permissions.can_download_build(user, build),
        "can_retry": permissions.can_request_build(user, build.report) and not build.is_active,
        "can_approve": permissions.can_approve_build(user, build),
        "can_publish": permissions.can_publish_build(user, build),
        "can_unpublish": permissions.can_unpublish_build(user, build),
        "can_mark_public": permissions.can_mark_public(user, build),
    }


@never_cache
@login_required
def build_detail(request, pk: int):
    """The build's status; while it runs, htmx polls the status fragment (and without JS the page refreshes)."""
    build = selectors.build_get_for_user(request.user, pk)
    context = _build_context(request, build)
    if request.htmx:
        return render(request, "reports/build_detail.html#status", context)
    context["earlier"] = selectors.earlier_published(build)[:10] if build.is_published else []
    return render(request, "reports/build_detail.html", context)


def _decide(request, pk: int, call, done: str):
    build = selectors.build_get_for_user(request.user, pk, manage=True)
    try:
        call(build)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, done)
    return redirect("reports:build_detail", pk=build.pk)


@login_required
@require_POST
def build_approve(request, pk: int):
    return _decide(request, pk, lambda b: services.build_approve(build=b, by=request.user),
                   _("The PDF was approved. Publish it to make it available to RCM delegates."))


@login_required
@require_POST
def build_publish(request, pk: int):
    return _decide(request, pk, lambda b: services.build_publish(build=b, by=request.user),
                   _("The PDF was published on the downloads page."))


@login_required
@require_POST
def build_unpublish(request, pk: int):
    return _decide(request, pk, lambda b: services.build_unpublish(build=b, by=request.user),
                   _("The PDF was withdrawn from publication."))


@login_required
@require_POST
def build_public(request, pk: int):
    public = request.POST.get("public") == "1"
    return _decide(request, pk, lambda b: services.build_set_public(build=b, public=public, by=request.user),
                   _("The PDF is now on the public page.") if public else _("The PDF was taken off the public page."))


@require_GET
def build_download(request, pk: int):
    """The PDF itself, to those allowed to have it; counted once per visitor and day."""
    try:
        build = selectors.build_for_download(request.user, pk)
    except PermissionDenied:
        return deny(request)
    path = build.file.path
    if not os.path.exists(path):
        raise Http404
    services.build_count_download(build=build, request=request)
    response = FileResponse(open(path, "rb"), as_attachment=True, filename=build.download_name,  # noqa: SIM115
                            content_type="application/pdf")
    response["Cache-Control"] = "private, no-store" if not build.is_public else "public, max-age=300"
    response["ETag"] = f'"{build.sha256}"'
    return response
