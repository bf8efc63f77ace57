"""Agenda items and the meeting's papers: upload, replace, download, and the ZIP of all papers."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meetings import permissions, selectors
from meetings.choices import JobState
from meetings.forms import AgendaItemForm, DocumentReplaceForm, DocumentUploadForm
from meetings.services import agenda as agenda_services
from meetings.services import documents as document_services
from meetings.views.common import form_errors_from
from rwg_portal.uploads import file_response


def meeting_url(pk: int) -> str:
    return reverse("meetings:meeting_detail", args=[pk])


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_add(request, pk: int):
    meeting = selectors.meeting_get_for_user(request.user, pk, write=True)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agenda_services.agenda_item_add(meeting=meeting, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The agenda item was added."))
            return redirect(f"{meeting_url(meeting.pk)}#agenda")
    return render(request, "meetings/agenda_item_form.html", {"form": form, "meeting": meeting, "item": None})


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk: int):
    item = selectors.agenda_item_get_for_user(request.user, pk, write=True)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            agenda_services.agenda_item_update(item=item, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The agenda item was saved."))
            return redirect(f"{meeting_url(item.meeting_id)}#agenda")
    return render(request, "meetings/agenda_item_form.html", {"form": form, "meeting": item.meeting, "item": item})


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_delete(request, pk: int):
    """Remove an agenda item. Once invitations were sent, a confirmation page comes first (a plain
    form: no JavaScript needed) saying that every invitee will be e-mailed the change."""
    item = selectors.agenda_item_get_for_user(request.user, pk, write=True)
    invitees = agenda_services.agenda_change_invitations(item.meeting).count()
    confirmed = request.POST.get("confirm") == "yes"
    if request.method == "POST" and (confirmed or not invitees):
        try:
            told = agenda_services.agenda_item_delete(item=item, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if told:
                messages.success(request, ngettext(
                    "The agenda item was removed; %(n)s invitee is told by e-mail.",
                    "The agenda item was removed; %(n)s invitees are told by e-mail.", told) % {"n": told})
            else:
                messages.success(request, _("The agenda item was removed."))
        return redirect(f"{meeting_url(item.meeting_id)}#agenda")
    if request.method == "POST":
        return redirect("meetings:agenda_item_delete", pk=item.pk)
    return render(request, "meetings/agenda_item_delete.html", {"item": item, "meeting": item.meeting,
                                                                 "invitees": invitees})


@login_required
@require_POST
def agenda_item_move(request, pk: int):
    item = selectors.agenda_item_get_for_user(request.user, pk, write=True)
    direction = -1 if request.POST.get("direction") == "up" else 1
    agenda_services.agenda_item_move(item=item, direction=direction, by=request.user)
    return redirect(f"{meeting_url(item.meeting_id)}#agenda-item-{item.pk}")


@login_required
@require_POST
def agenda_refresh_follow_up(request, pk: int):
    """Take the current open action items of earlier meetings onto the agenda again."""
    meeting = selectors.meeting_get_for_user(request.user, pk, write=True)
    agenda_services.agenda_refresh_follow_up(meeting=meeting, by=request.user)
    messages.success(request, _("The open action items to follow up were brought up to date."))
    return redirect(f"{meeting_url(meeting.pk)}#agenda")


@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request, pk: int):
    meeting = selectors.meeting_get_for_user(request.user, pk, write=True)
    initial = {"agenda_item": request.GET.get("item")} if request.GET.get("item") else None
    form = DocumentUploadForm(request.POST or None, request.FILES or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            document_services.document_upload(meeting=meeting, title=form.cleaned_data["title"],
                                              agenda_item=form.cleaned_data["agenda_item"],
                                              upload=form.cleaned_data["file"], by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The document was added."))
            return redirect(f"{meeting_url(meeting.pk)}#papers")
    return render(request, "meetings/document_upload.html", {"form": form, "meeting": meeting,
                                                             "max_size": settings.RWG_MAX_UPLOAD_BYTES})


@login_required
def document_detail(request, pk: int):
    """A paper with all its versions; the secretariat may upload a new version."""
    document = selectors.document_get_for_user(request.user, pk)
    versions = document.versions.select_related("uploaded_by").order_by("-number")
    can_manage = permissions.can_manage_meetings(request.user)
    return render(request, "meetings/document_detail.html", {
        "document": document, "meeting": document.meeting, "versions": versions, "can_manage": can_manage,
        "form": DocumentReplaceForm() if can_manage else None,
    })


@login_required
@require_POST
def document_replace(request, pk: int):
    document = selectors.document_get_for_user(request.user, pk, write=True)
    form = DocumentReplaceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = document_services.document_replace(document=document, upload=form.cleaned_data["file"],
                                                         by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Version %(n)s of the document was uploaded.") % {"n": version.number})
            return redirect("meetings:document_detail", pk=document.pk)
    versions = document.versions.select_related("uploaded_by").order_by("-number")
    return render(request, "meetings/document_detail.html", {
        "document": document, "meeting": document.meeting, "versions": versions, "can_manage": True, "form": form,
    })


def _file_response(file_field, *, filename: str, content_type: str) -> FileResponse:
    """Serve a stored file as a download: never rendered by the browser, never sniffed."""
    try:
        handle = file_field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return file_response(handle, filename=filename, content_type=content_type)


@login_required
@require_GET
def document_download(request, pk: int):
    """One version of a paper, only for people who may see its meeting."""
    version = selectors.document_version_get_for_user(request.user, pk)
    return _file_response(version.file, filename=version.original_name, content_type=version.content_type)


@login_required
@require_POST
def papers_bundle_request(request, pk: int):
    """Ask for the ZIP of all papers; it is built in the background."""
    meeting = selectors.meeting_get_for_user(request.user, pk)
    bundle = document_services.papers_bundle_request(meeting=meeting, by=request.user)
    return redirect("meetings:papers_bundle", pk=meeting.pk, bundle_pk=bundle.pk)


@never_cache
@login_required
@require_GET
def papers_bundle(request, pk: int, bundle_pk: int):
    """Where the ZIP job stands; htmx polls the status fragment until it is ready."""
    meeting = selectors.meeting_get_for_user(request.user, pk)
    bundle = selectors.papers_bundle_get_for_user(request.user, meeting, bundle_pk)
    template = "meetings/papers_bundle.html"
    if request.htmx:
        template += "#bundle-status"
    # The fragment of a finished job carries no hx-trigger, so polling stops by itself.
    return render(request, template, {"meeting": meeting, "bundle": bundle})


@login_required
@require_GET
def papers_bundle_download(request, pk: int, bundle_pk: int):
    meeting = selectors.meeting_get_for_user(request.user, pk)
    bundle = selectors.papers_bundle_get_for_user(request.user, meeting, bundle_pk)
    if bundle.state != JobState.DONE or not bundle.file:
        raise Http404
    filename = f"{meeting.reference.replace(' ', '-').replace('/', '-')}-papers.zip"
    return _file_response(bundle.file, filename=filename, content_type="application/zip")
