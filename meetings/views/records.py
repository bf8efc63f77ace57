"""Minutes, decisions and action items: the record of a meeting and its follow-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meetings import permissions, selectors
from meetings.choices import MinutesStatus
from meetings.filters import ActionItemFilter
from meetings.forms import (
    ActionItemForm,
    ActionItemProgressForm,
    DecisionForm,
    MinutesApproveForm,
    MinutesCommentForm,
    MinutesSectionForm,
)
from meetings.models import MinutesSection
from meetings.services import actions as action_services
from meetings.services import decisions as decision_services
from meetings.services import minutes as minutes_services
from meetings.views.common import form_errors_from
from members.permissions import represented_agency_ids
from rwg_portal.shortcuts import paginate


def _meeting_anchor(pk: int, anchor: str) -> str:
    return reverse("meetings:meeting_detail", args=[pk]) + f"#{anchor}"


# Minutes ------------------------------------------------------------------


@login_required
def minutes(request, pk: int):
    """The minutes, agenda item by agenda item, with the members' comments while shared."""
    meeting = selectors.minutes_detail_for_user(request.user, pk)
    user = request.user
    can_comment = permissions.can_comment_minutes(user, meeting)
    return render(request, "meetings/minutes.html", {
        "meeting": meeting,
        "can_edit": permissions.can_edit_minutes(user, meeting),
        "can_comment": can_comment,
        "comment_form": MinutesCommentForm(meeting=meeting) if can_comment else None,
        "can_manage": permissions.can_manage_meetings(user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def minutes_section_edit(request, pk: int):
    item = selectors.agenda_item_get_for_user(request.user, pk, write=True)
    if not permissions.can_edit_minutes(request.user, item.meeting):
        raise PermissionDenied
    section = MinutesSection.objects.filter(agenda_item=item).first()
    form = MinutesSectionForm(request.POST or None, initial={"text": section.text if section else ""})
    if request.method == "POST" and form.is_valid():
        try:
            minutes_services.minutes_section_save(agenda_item=item, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The minutes of item %(n)s were saved.") % {"n": item.position})
            return redirect(reverse("meetings:minutes", args=[item.meeting_id]) + f"#item-{item.pk}")
    return render(request, "meetings/minutes_section_form.html", {"form": form, "item": item,
                                                                   "meeting": item.meeting})


@login_required
def minutes_section_history(request, pk: int):
    """Every revision of the minutes of one agenda item, newest first."""
    item = selectors.agenda_item_get_for_user(request.user, pk)
    if not permissions.can_view_minutes(request.user, item.meeting):
        raise PermissionDenied
    section = MinutesSection.objects.filter(agenda_item=item).first()
    revisions = section.history.select_related("history_user").order_by("-history_date") if section else []
    page = paginate(request, revisions, 20)
    return render(request, "meetings/minutes_section_history.html", {"item": item, "meeting": item.meeting,
                                                                      "page_obj": page})


@login_required
@require_POST
def minutes_comment(request, pk: int):
    meeting = selectors.minutes_get_for_user(request.user, pk)
    if not permissions.can_comment_minutes(request.user, meeting):
        raise PermissionDenied
    form = MinutesCommentForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            minutes_services.minutes_comment_add(meeting=meeting, text=form.cleaned_data["text"],
                                                 agenda_item=form.cleaned_data["agenda_item"], by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, _("Write a comment first."))
    return redirect(reverse("meetings:minutes", args=[meeting.pk]) + "#comments")


@login_required
@require_POST
def minutes_share(request, pk: int):
    meeting = selectors.meeting_get_for_user(request.user, pk, write=True)
    try:
        minutes_services.minutes_share(meeting=meeting, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The draft minutes were shared with the members for comments."))
    return redirect("meetings:minutes", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def minutes_approve(request, pk: int):
    meeting = selectors.meeting_get_for_user(request.user, pk, write=True)
    if meeting.minutes_status == MinutesStatus.APPROVED:
        messages.info(request, _("These minutes are already approved."))
        return redirect("meetings:minutes", pk=meeting.pk)
    proposed = meeting.minutes_approval_items.select_related("meeting").order_by("meeting__starts_at").first()
    initial = {"approved_on": timezone.localdate(), "at_meeting": proposed.meeting_id if proposed else None}
    if proposed:
        initial["approved_on"] = proposed.meeting.local_starts_at.date()
    form = MinutesApproveForm(request.POST or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            minutes_services.minutes_approve(meeting=meeting, approved_on=form.cleaned_data["approved_on"],
                                             at_meeting=form.cleaned_data["at_meeting"], by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The minutes of %(ref)s were approved.") % {"ref": meeting.reference})
            return redirect("meetings:minutes", pk=meeting.pk)
    return render(request, "meetings/minutes_approve_form.html", {"form": form, "meeting": meeting})


# Decisions ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request, pk: int):
    """Record a decision, and optionally the action item arising from it, in one step."""
    meeting = selectors.meeting_get_for_user(request.user, pk, write=True)
    form = DecisionForm(request.POST or None, meeting=meeting, initial={"agenda_item": request.GET.get("item")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                decision = decision_services.decision_record(
                    meeting=meeting, text=data["text"], language=data["language"], agenda_item=data["agenda_item"],
                    report_to_rcm=data["report_to_rcm"], join_request=data["join_request"],
                    join_request_outcome=data["join_request_outcome"], join_acronym=data["join_acronym"],
                    join_membership=data["join_membership"], by=request.user)
                if data["action_title"]:
                    action_services.action_item_create(
                        meeting=meeting, decision=decision, title=data["action_title"],
                        owner_agency=data["action_owner"], assignee=data["action_assignee"],
                        due_on=data["action_due_on"], by=request.user)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                # The action item's own fields have other names on this form.
                renamed = {"title": "action_title", "owner_agency": "action_owner", "assignee": "action_assignee",
                           "due_on": "action_due_on", "acronym": "join_acronym", "membership": "join_membership"}
                exc = ValidationError({renamed.get(k, k): v for k, v in exc.error_dict.items()})
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Decision %(ref)s was recorded.") % {"ref": decision.reference})
            return redirect(_meeting_anchor(meeting.pk, "decisions"))
    return render(request, "meetings/decision_form.html", {"form": form, "meeting": meeting, "decision": None})


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request, pk: int):
    decision = selectors.decision_get_for_user(request.user, pk, write=True)
    form = DecisionForm(request.POST or None, meeting=decision.meeting, decision=decision)
    if request.method == "POST" and form.is_valid():
        try:
            decision_services.decision_update(decision=decision, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Decision %(ref)s was saved.") % {"ref": decision.reference})
            return redirect(_meeting_anchor(decision.meeting_id, "decisions"))
    return render(request, "meetings/decision_form.html", {"form": form, "meeting": decision.meeting,
                                                            "decision": decision})


@login_required
def rcm_decisions(request):
    """Decisions the Group reports to the Regional Coordination Mechanism (approved minutes only)."""
    if not permissions.can_view_rcm_decisions(request.user):
        raise PermissionDenied
    page = paginate(request, selectors.rcm_decisions_for_user(request.user))
    return render(request, "meetings/rcm_decisions.html", {
        "page_obj": page, "is_group_member": permissions.can_view_meetings(request.user)})


# Action items -------------------------------------------------------------


@login_required
def action_item_list(request):
    if not permissions.can_view_action_items(request.user):
        raise PermissionDenied
    queryset = selectors.action_item_list_for_user(request.user).order_by("due_on", "pk")
    data = request.GET.copy()
    if not any(name in data for name in ActionItemFilter.base_filters) and represented_agency_ids(request.user):
        # Focal points and alternates open on their own and their agency's items; unticking the
        # box (the form then sends its other fields) shows everyone's.
        data["mine"] = "on"
    filterset = ActionItemFilter(data or None, queryset=queryset, request=request)
    page = paginate(request, filterset.qs)
    return render(request, "meetings/action_item_list.html", {"filter": filterset, "page_obj": page,
                                                               "today": timezone.localdate()})


@login_required
@require_http_methods(["GET", "POST"])
def action_item_detail(request, pk: int):
    """An action item; its owner agency's focal points (and the secretariat) update its progress."""
    item = selectors.action_item_get_for_user(request.user, pk)
    can_update = permissions.can_update_action_item(request.user, item)
    form = None
    if can_update:
        form = ActionItemProgressForm(request.POST or None,
                                      initial={"status": item.status, "progress_note": item.progress_note},
                                      can_drop=permissions.can_drop_action_item(request.user),
                                      current_status=item.status)
    if request.method == "POST":
        if not can_update:
            raise permissions.action_item_update_refusal(item)
        if form.is_valid():
            try:
                action_services.action_item_update_progress(item=item, status=form.cleaned_data["status"],
                                                            progress_note=form.cleaned_data["progress_note"],
                                                            by=request.user)
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Action item %(ref)s was updated.") % {"ref": item.reference})
                return redirect("meetings:action_item_detail", pk=item.pk)
    history = item.history.select_related("history_user").order_by("-history_date")[:20]
    return render(request, "meetings/action_item_detail.html", {
        "item": item, "form": form, "can_edit": permissions.can_edit_action_item(request.user, item),
        "history": history,
    })


@login_required
@require_http_methods(["GET", "POST"])
def action_item_add(request, pk: int):
    meeting = selectors.meeting_get_for_user(request.user, pk, write=True)
    form = ActionItemForm(request.POST or None, meeting=meeting, initial={"decision": request.GET.get("decision")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = action_services.action_item_create(
                meeting=meeting, title=data["title"], description=data["description"],
                owner_agency=data["owner_agency"], assignee=data["assignee"], due_on=data["due_on"],
                decision=data["decision"], by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Action item %(ref)s was recorded.") % {"ref": item.reference})
            return redirect(_meeting_anchor(meeting.pk, "action-items"))
    return render(request, "meetings/action_item_form.html", {"form": form, "meeting": meeting, "item": None})


@login_required
@require_http_methods(["GET", "POST"])
def action_item_edit(request, pk: int):
    item = selectors.action_item_get_for_user(request.user, pk, edit=True)
    form = ActionItemForm(request.POST or None, instance=item, meeting=item.meeting)
    if request.method == "POST" and form.is_valid():
        try:
            action_services.action_item_update(item=item, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Action item %(ref)s was saved.") % {"ref": item.reference})
            return redirect("meetings:action_item_detail", pk=item.pk)
    return render(request, "meetings/action_item_form.html", {"form": form, "meeting": item.meeting, "item": item})
