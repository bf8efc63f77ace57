"""Guests without an account: the secretariat's page, and the guest's own page behind a signed link.

The guest pages need no session: the signed token in the URL is the key (``meetings.guests``).
They send no Referer to other sites (the token must not leak to the videoconference host) and ask search
engines not to index them.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meetings import selectors
from meetings.choices import GuestResponse
from meetings.forms import GuestAnswerForm, GuestInviteForm
from meetings.guests import GuestLinkError, guest_from_token
from meetings.services import guests as guest_services
from meetings.services.documents import current_versions
from meetings.views.agenda import _file_response
from meetings.views.common import form_errors_from


def _private(response):
    # Not "no-referrer": browsers would then post "Origin: null", which Django's CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def _link_refused(request, reason: str):
    """A clear page for a link that cannot be used: 410 when it expired, 404 when it is not valid."""
    status = 410 if reason == "expired" else 404
    return _private(render(request, "meetings/guest_link_invalid.html", {"reason": reason}, status=status))


def _guest_or_refusal(request, token: str):
    try:
        guest = guest_from_token(token)
    except GuestLinkError as exc:
        return None, _link_refused(request, exc.reason)
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        # The language the secretariat chose for the guest, unless they picked one on the page.
        translation.activate(guest.language)
        request.LANGUAGE_CODE = guest.language
    return guest, None


@login_required
@require_http_methods(["GET", "POST"])
def guests(request, pk: int):
    """The secretariat invites guests by e-mail address and chooses the papers shared with them."""
    meeting = selectors.meeting_get_for_user(request.user, pk, write=True)
    form = GuestInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            guest = guest_services.guest_invite(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("%(name)s was invited; the invitation is on its way by e-mail.") % {
                "name": guest.name})
            return redirect("meetings:guests", pk=meeting.pk)
    return render(request, "meetings/guests.html", {
        "meeting": meeting, "form": form,
        "guests": meeting.guest_invitations.select_related("invited_by").order_by("organisation", "name", "pk"),
        "documents": meeting.documents.order_by("title", "pk"),
    })


@login_required
@require_POST
def guest_papers(request, pk: int):
    """Choose which papers of the meeting guests may download."""
    meeting = selectors.meeting_get_for_user(request.user, pk, write=True)
    ids = [int(value) for value in request.POST.getlist("shared") if value.isdigit()]
    shared = guest_services.documents_share_with_guests(meeting=meeting, document_ids=ids, by=request.user)
    messages.success(request, _("The papers shared with guests were saved (%(n)s shared).") % {"n": shared})
    return redirect(reverse("meetings:guests", args=[meeting.pk]) + "#guest-papers")


@login_required
@require_POST
def guest_renew(request, pk: int):
    """Send a guest the invitation again with a new link (the old one stops working)."""
    guest = selectors.guest_get_for_user(request.user, pk, write=True)
    try:
        guest_services.guest_link_renew(guest=guest, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("A new link was sent to %(name)s; the old one no longer works.") % {
            "name": guest.name})
    return redirect(reverse("meetings:guests", args=[guest.meeting_id]) + f"#guest-{guest.pk}")


@never_cache
@require_http_methods(["GET", "POST"])
def guest_page(request, token: str):
    """The guest's page: the meeting, their answer and the papers shared with guests. No account."""
    guest, refusal = _guest_or_refusal(request, token)
    if refusal:
        return refusal
    form = GuestAnswerForm(request.POST or None, initial={"response": guest.response, "note": guest.response_note})
    if request.method == "POST" and not guest_services.guest_can_answer(guest):
        form.add_error(None, _("This meeting is no longer planned; answers are closed."))
    elif request.method == "POST" and form.is_valid():
        try:
            guest = guest_services.guest_respond(guest=guest, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Your answer was saved: %(answer)s.") % {
                "answer": guest.get_response_display()})
            return redirect("meetings:guest_page", token=token)
    meeting = guest.meeting
    papers = [version for version in current_versions(meeting) if version.document.shared_with_guests]
    return _private(render(request, "meetings/guest_page.html", {
        "guest": guest, "meeting": meeting, "form": form, "token": token, "papers": papers,
        "can_answer": guest_services.guest_can_answer(guest), "answers": GuestResponse,
    }, status=400 if form.errors else 200))


@require_GET
def guest_document(request, token: str, version_pk: int):
    """A paper shared with guests, downloaded through the guest's link (the current version only)."""
    guest, refusal = _guest_or_refusal(request, token)
    if refusal:
        return refusal
    version = next((v for v in current_versions(guest.meeting)
                    if v.pk == version_pk and v.document.shared_with_guests), None)
    if version is None:
        raise Http404
    return _private(_file_response(version.file, filename=version.original_name, content_type=version.content_type))
