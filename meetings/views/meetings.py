"""Meeting pages: the list, one meeting, scheduling, editing, status, cloning, the year view."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meetings import permissions, selectors, stats
from meetings.choices import InvitationResponse, MeetingStatus
from meetings.filters import MeetingFilter
from meetings.forms import InvitationResponseForm, MeetingCloneForm, MeetingForm, MeetingStatusForm
from meetings.models import Meeting
from meetings.services import meetings as meeting_services
from meetings.views.common import form_errors_from
from rwg_portal.shortcuts import paginate


@login_required
def meeting_list(request):
    """All meetings the user may see, newest first, filtered by year, status, kind and mode.

    RCM delegates get the dates only: the same list without links to the meetings' pages.
    """
    user = request.user
    if not permissions.can_view_meeting_dates(user):
        raise PermissionDenied
    dates_only = not permissions.can_view_meetings(user)
    meetings = (selectors.meeting_dates_for_user(user) if dates_only else selectors.meeting_list_for_user(user))
    meetings = meetings.select_related("chair_agency")
    filterset = MeetingFilter(request.GET or None, queryset=meetings.order_by("-starts_at", "-pk"), request=request)
    page = paginate(request, filterset.qs)
    now = timezone.now()
    upcoming = list(meetings.filter(starts_at__gte=now, status=MeetingStatus.PLANNED).order_by("starts_at")[:3])
    return render(request, "meetings/meeting_list.html", {
        "filter": filterset, "page_obj": page, "upcoming": upcoming, "dates_only": dates_only,
        "can_manage": permissions.can_manage_meetings(request.user),
        "this_year": timezone.localdate().year,
    })


def answer_counts(invitations) -> list[tuple[str, str, int]]:
    """(label, answer, how many) for every answer, in the order of the choices."""
    responses = {value: 0 for value in InvitationResponse.values}
    for invitation in invitations:
        responses[invitation.response] += 1
    return [(InvitationResponse(value).label, value, count) for value, count in responses.items()]


def _meeting_page_context(request, meeting: Meeting) -> dict:
    user = request.user
    invited = bool(getattr(meeting, "is_invited", False))
    agenda = meeting.agenda
    return {
        "meeting": meeting,
        "agenda": agenda,
        "total_minutes": sum(item.duration_minutes or 0 for item in agenda),
        "can_manage": permissions.can_manage_meetings(user),
        "can_see_link": permissions.can_see_video_link(user, meeting, invited=invited),
        "can_view_minutes": permissions.can_view_minutes(user, meeting),
        "can_view_history": permissions.can_view_history(user),
        "is_group_member": permissions.can_view_meetings(user),
        "my_invitation": meeting.my_invitation,
        "answer_form": InvitationResponseForm(initial={
            "response": meeting.my_invitation.response if meeting.my_invitation else None,
            "note": meeting.my_invitation.response_note if meeting.my_invitation else "",
        }),
        "responses": answer_counts(meeting.invitation_list),
        "has_papers": bool(meeting.general_documents) or any(item.document_list for item in agenda),
        "now": timezone.now(),
    }


@login_required
def meeting_detail(request, pk: int):
    meeting = selectors.meeting_detail_for_user(request.user, pk)
    return render(request, "meetings/meeting_detail.html", _meeting_page_context(request, meeting))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    """The secretariat schedules a meeting; its agenda opens with the standard items."""
    if not permissions.can_manage_meetings(request.user):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_services.meeting_schedule(**form.service_kwargs(), by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Meeting %(ref)s was scheduled.") % {"ref": meeting.reference})
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": None})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int):
    meeting = selectors.meeting_get_for_user(request.user, pk, write=True)
    form = MeetingForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_services.meeting_update(meeting=meeting, data=form.service_kwargs(), by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Meeting %(ref)s was saved.") % {"ref": meeting.reference})
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_status(request, pk: int):
    """Mark a meeting held, postponed or cancelled, or planned again."""
    meeting = selectors.meeting_get_for_user(request.user, pk, write=True)
    form = MeetingStatusForm(request.POST or None,
                             initial={"status": meeting.status, "status_note": meeting.status_note})
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.meeting_set_status(meeting=meeting, status=form.cleaned_data["status"],
                                                note=form.cleaned_data["status_note"], by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The status of %(ref)s was saved.") % {"ref": meeting.reference})
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/meeting_status_form.html", {"form": form, "meeting": meeting})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_clone(request, pk: int):
    """Plan the next meeting from this one."""
    source = selectors.meeting_get_for_user(request.user, pk, write=True)
    local_start = source.local_starts_at.replace(tzinfo=None)
    local_end = source.local_ends_at.replace(tzinfo=None)
    # A proposal: the same weekday and time about four months later (three meetings a year).
    initial = {"starts": local_start + datetime.timedelta(weeks=17), "ends": local_end + datetime.timedelta(weeks=17)}
    form = MeetingCloneForm(request.POST or None, source=source, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_services.meeting_clone(source=source, starts_at=form.cleaned_data["starts_at"],
                                                     ends_at=form.cleaned_data["ends_at"], by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Meeting %(ref)s was planned from %(source)s.")
                             % {"ref": meeting.reference, "source": source.reference})
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/meeting_clone_form.html", {"form": form, "meeting": source})


@login_required
def meeting_history(request, pk: int):
    """Who changed the meeting and when (the secretariat's audit view)."""
    meeting = selectors.meeting_get_for_user(request.user, pk, write=True)
    if not permissions.can_view_history(request.user):
        raise PermissionDenied
    records = meeting.history.select_related("history_user").order_by("-history_date")
    page = paginate(request, records, 50)
    return render(request, "meetings/meeting_history.html", {"meeting": meeting, "page_obj": page})


@login_required
def year_redirect(request):
    if not permissions.can_view_meetings(request.user):
        raise PermissionDenied
    return redirect("meetings:year", year=timezone.localdate().year)


@login_required
def year_view(request, year: int):
    """The three-a-year rule: meetings held and planned in a year, attendance and action items."""
    if not permissions.can_view_meetings(request.user):
        raise PermissionDenied
    if not 2000 <= year <= 2100:
        raise Http404
    meetings = list(selectors.meeting_list_for_user(request.user).filter(year=year).order_by("starts_at", "pk"))
    counts = stats.meeting_counts(year)
    return render(request, "meetings/year.html", {
        "year": year,
        "meetings": meetings,
        "counts": counts,
        "attendance": stats.attendance_rates(year),
        "actions": stats.action_item_counts(year),
        "is_current_year": year == timezone.localdate().year,
        "is_past_year": year < timezone.localdate().year,
    })
