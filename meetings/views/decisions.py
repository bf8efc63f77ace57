"""The decisions register: every decision of the Group as the reader may see it, and its exports.

Open to everyone: the selector decides what each reader sees (the Group: every decision; RCM
delegates: those reported to the RCM or published; the public: those the secretariat published).
"""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from meetings import exports, permissions, selectors
from meetings.filters import DecisionFilter
from meetings.services import decisions as decision_services
from rwg_portal.shortcuts import flash_errors, paginate
from rwg_portal.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from rwg_portal.uploads import file_response

EXPORTS = {"csv": (exports.decisions_csv, CSV_CONTENT_TYPE), "xlsx": (exports.decisions_xlsx, XLSX_CONTENT_TYPE)}


def _filtered(request) -> DecisionFilter:
    return DecisionFilter(request.GET or None, queryset=selectors.decision_register_for_user(request.user),
                          request=request)


@require_GET
def decision_register(request):
    filterset = _filtered(request)
    page = paginate(request, filterset.qs)
    return render(request, "meetings/decision_register.html", {
        "filter": filterset, "page_obj": page, "query": request.GET.urlencode(),
        "is_group_member": permissions.can_view_meetings(request.user),
        "can_manage": permissions.can_manage_meetings(request.user),
    })


@require_GET
def decision_register_export(request, fmt: str):
    """The filtered register, every page of it, as CSV or Excel."""
    if fmt not in EXPORTS:
        raise Http404
    build, content_type = EXPORTS[fmt]
    content = build(_filtered(request).qs, members=permissions.can_view_meetings(request.user))
    filename = f"rwg-decisions-{timezone.localdate().isoformat()}.{fmt}"
    return file_response(io.BytesIO(content), filename=filename, content_type=content_type)


@login_required
@require_POST
def decision_publish(request, pk: int):
    """Publish a decision of approved minutes on the public site, or withdraw it (the secretariat)."""
    decision = selectors.decision_get_for_user(request.user, pk, write=True)
    public = request.POST.get("public") == "1"
    try:
        decision = decision_services.decision_publish(decision=decision, public=public, by=request.user)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        if public:
            messages.success(request, _("Decision %(ref)s is published.") % {"ref": decision.reference})
        else:
            messages.success(request, _("Decision %(ref)s is no longer published.") % {"ref": decision.reference})
    return redirect(reverse("meetings:decision_register") + f"#decision-{decision.pk}")
