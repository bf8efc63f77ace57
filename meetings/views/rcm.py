"""The Regional Coordination Mechanism: its sessions, what the Group presented, the follow-up.

RCM delegates and the Group's members read; the secretariat records (services check again).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from meetings import permissions, selectors
from meetings.forms import RcmFollowUpForm, RcmSessionForm
from meetings.services import rcm as rcm_services
from meetings.views.common import form_errors_from
from members.permissions import is_group_member
from rwg_portal.history import history_page
from rwg_portal.refusals import role_refusal
from rwg_portal.shortcuts import paginate

PAGE_SIZE = 20


def _check_reader(user) -> None:
    if not permissions.can_view_rcm_sessions(user):
        raise role_refusal(user)


@login_required
@require_GET
def rcm_session_list(request):
    """Sessions of the RCM, newest first, with how much was presented and how much follow-up is open."""
    _check_reader(request.user)
    page = paginate(request, selectors.rcm_session_list_for_user(request.user), PAGE_SIZE)
    return render(request, "meetings/rcm_session_list.html", {
        "page_obj": page, "can_manage": permissions.can_manage_rcm_sessions(request.user),
        "is_group_member": is_group_member(request.user),
    })


@login_required
@require_GET
def rcm_session_detail(request, pk: int):
    session = selectors.rcm_session_get_for_user(request.user, pk)
    return render(request, "meetings/rcm_session_detail.html", {
        "session": session, "can_manage": permissions.can_manage_rcm_sessions(request.user),
        "is_group_member": is_group_member(request.user),
    })


def _session_form_view(request, session=None):
    if session is None and not permissions.can_manage_rcm_sessions(request.user):
        _check_reader(request.user)
        raise permissions.manage_rcm_sessions_refusal()
    initial = {}
    if session is not None:
        initial = {field: getattr(session, field) for field in rcm_services.SESSION_FIELDS}
        initial["presented_reports"] = list(session.presented_reports.all())
        initial["presented_decisions"] = list(session.presented_decisions.all())
    form = RcmSessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = rcm_services.rcm_session_save(
                session=session, data=data, reports=data["presented_reports"],
                decisions=data["presented_decisions"], by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The RCM session was saved."))
            return redirect("meetings:rcm_session_detail", saved.pk)
    return render(request, "meetings/rcm_session_form.html", {"form": form, "session": session})


@login_required
@require_http_methods(["GET", "POST"])
def rcm_session_create(request):
    return _session_form_view(request)


@login_required
@require_http_methods(["GET", "POST"])
def rcm_session_edit(request, pk: int):
    return _session_form_view(request, selectors.rcm_session_get_for_user(request.user, pk, write=True))


@login_required
@require_GET
def rcm_session_history(request, pk: int):
    """Every change to the session and to its follow-up (the secretariat's audit view)."""
    session = selectors.rcm_session_get_for_user(request.user, pk, write=True)
    related = [(f"F{item.number}: {item.title}",
                list(item.history.select_related("history_user").order_by("-history_date")[:50]))
               for item in session.follow_ups.all()]
    return history_page(request, session, back=reverse("meetings:rcm_session_detail", args=[session.pk]),
                        related=related)


@login_required
@require_http_methods(["GET", "POST"])
def rcm_follow_up_add(request, pk: int):
    session = selectors.rcm_session_get_for_user(request.user, pk, write=True)
    form = RcmFollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rcm_services.rcm_follow_up_create(
                session=session, title=data["title"], owner_agency=data["owner_agency"], due_on=data["due_on"],
                action_item=data["action_item"], status=data["status"], progress_note=data["progress_note"],
                by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The follow-up was recorded."))
            return redirect(reverse("meetings:rcm_session_detail", args=[session.pk]) + "#follow-up")
    return render(request, "meetings/rcm_follow_up_form.html", {"form": form, "session": session, "item": None})


@login_required
@require_http_methods(["GET", "POST"])
def rcm_follow_up_edit(request, pk: int):
    item = selectors.rcm_follow_up_get_for_user(request.user, pk, write=True)
    initial = {field: getattr(item, field) for field in rcm_services.FOLLOW_UP_FIELDS}
    form = RcmFollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rcm_services.rcm_follow_up_update(item=item, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The follow-up was saved."))
            return redirect(reverse("meetings:rcm_session_detail", args=[item.session_id]) + "#follow-up")
    return render(request, "meetings/rcm_follow_up_form.html", {"form": form, "session": item.session, "item": item})


