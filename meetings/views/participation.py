"""Invitations, answers and attendance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from meetings import permissions, selectors
from meetings.choices import Representation
from meetings.forms import ANSWERS, AttendanceRowForm, InvitationResponseForm, InvitationsForm
from meetings.models import Invitation
from meetings.services import attendance as attendance_services
from meetings.services import guests as guest_services
from meetings.services import invitations as invitation_services
from meetings.views.common import form_errors_from
from meetings.views.meetings import answer_counts


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request, pk: int):
    """The secretariat invites people and follows the answers."""
    meeting = selectors.meeting_get_for_user(request.user, pk, write=True)
    form = InvitationsForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            created = invitation_services.invitations_create(
                meeting=meeting, include_members=form.cleaned_data["include_members"],
                people=form.cleaned_data["people"], by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            if created:
                messages.success(request, ngettext("%(n)s invitation was sent.", "%(n)s invitations were sent.",
                                                   len(created)) % {"n": len(created)})
            else:
                messages.info(request, _("Everyone chosen was already invited."))
            return redirect("meetings:invitations", pk=meeting.pk)
    rows = Invitation.objects.filter(meeting=meeting).select_related("person", "agency", "invited_by").order_by(
        "agency__acronym", "person__last_name", "pk")
    return render(request, "meetings/invitations.html", {"meeting": meeting, "form": form, "invitations": rows,
                                                         "answers": ANSWERS})


@login_required
@require_POST
def invitation_answer(request, pk: int):
    """An invitee answers: in person, remotely, or cannot attend. htmx swaps the answer card."""
    invitation = selectors.invitation_get_for_user(request.user, pk, write=True)
    form = InvitationResponseForm(request.POST)
    error = None
    if form.is_valid():
        try:
            invitation = invitation_services.invitation_respond(
                invitation=invitation, response=form.cleaned_data["response"], note=form.cleaned_data["note"],
                by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = _("Choose an answer.")
    if request.htmx:
        meeting = invitation.meeting
        meeting.my_invitation = invitation
        card = render_to_string("meetings/meeting_detail.html#my-invitation", {
            "meeting": meeting, "my_invitation": invitation, "answer_form": form, "answer_error": error,
            "answer_saved": error is None,
        }, request=request)
        if permissions.can_view_meetings(request.user):
            # The counts of answers further down the page change too: htmx swaps them out of band
            # (without JavaScript the form's redirect reloads the whole page).
            card += render_to_string("meetings/meeting_detail.html#answer-counts", {
                "oob": True, "responses": answer_counts(Invitation.objects.filter(meeting=meeting))}, request=request)
        return HttpResponse(card)
    on_behalf = invitation.person_id != request.user.pk
    if error:
        messages.error(request, error)
    elif on_behalf:
        messages.success(request, _("The answer of %(person)s was saved: %(answer)s.") % {
            "person": invitation.person, "answer": invitation.get_response_display()})
    else:
        messages.success(request, _("Your answer was saved: %(answer)s.") % {
            "answer": invitation.get_response_display()})
    if on_behalf:
        return redirect(reverse("meetings:invitations", args=[invitation.meeting_id]) + f"#invitation-{invitation.pk}")
    return redirect(reverse("meetings:meeting_detail", args=[invitation.meeting_id]) + "#answer")


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    """After the meeting, the secretariat records who represented each agency.

    Before the meeting starts there is nothing to record: the page says from when it can
    be (in the reader's time zone and the venue's), and a POST changes nothing.
    """
    meeting = selectors.meeting_get_for_user(request.user, pk, write=True)
    if not meeting.has_started:
        if request.method == "POST":
            messages.error(request, _("Attendance can be recorded once the meeting has started."))
            return redirect("meetings:attendance", pk=meeting.pk)
        return render(request, "meetings/attendance_form.html", {"meeting": meeting, "not_yet": True})
    agencies = attendance_services.expected_agencies(meeting)
    recorded = {row.agency_id: row for row in meeting.attendance.all()}
    guesses = attendance_services.suggested_attendance(meeting, agencies)
    forms = []
    for agency in agencies:
        row = recorded.get(agency.pk)
        if row is not None:
            initial = {"representation": row.representation, "representative_name": row.representative_name,
                       "remote": row.remote}
        else:
            guess = guesses.get(agency.pk)
            initial = {"representation": guess["representation"], "remote": guess["remote"]} if guess else {
                "representation": Representation.ABSENT}
        forms.append(AttendanceRowForm(request.POST or None, prefix=f"agency-{agency.pk}", agency=agency,
                                       initial=initial))
    error = None
    if request.method == "POST" and all(form.is_valid() for form in forms):
        rows = [{"agency": form.agency, **form.cleaned_data} for form in forms]
        observers = [int(value) for value in request.POST.getlist("observer") if value.isdigit()]
        try:
            with transaction.atomic():  # the agencies and the observers together, or nothing
                attendance_services.attendance_record(meeting=meeting, rows=rows, by=request.user)
                guest_services.guests_attendance_record(meeting=meeting, attended_ids=observers, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The attendance of %(ref)s was saved.") % {"ref": meeting.reference})
            return redirect(reverse("meetings:meeting_detail", args=[meeting.pk]) + "#attendance")
    return render(request, "meetings/attendance_form.html", {
        "meeting": meeting, "forms": forms, "error": error, "recorded": bool(recorded),
        "guests": meeting.guest_invitations.order_by("organisation", "name", "pk"),
    })
