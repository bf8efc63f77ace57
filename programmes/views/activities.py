"""The catalogue of activities: list, exports, detail, the form with its partners, indicators and documents,
history and document downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from members import permissions as member_permissions
from members.models import Agency
from programmes import exports, permissions, selectors, services
from programmes.filters import ActivityFilter
from programmes.forms import ActivityForm, AttachmentFormSet, IndicatorFormSet, ParticipantFormSet
from programmes.models import Activity, Attachment, Indicator, Participation
from programmes.views.common import require_catalogue
from rwg_portal.forms import add_service_errors
from rwg_portal.history import history_page
from rwg_portal.shortcuts import paginate
from rwg_portal.uploads import content_type_of, download_response, file_response

EXPORT_LIMIT = 20000


@login_required
def index(request):
    return redirect("programmes:activity_list")


def _filtered_activities(request):
    require_catalogue(request.user)
    return ActivityFilter(request.GET or None, queryset=selectors.activity_list_for_user(request.user))


@login_required
def activity_list(request):
    """The catalogue with filters and search; htmx swaps only the results."""
    filterset = _filtered_activities(request)
    page = paginate(request, filterset.qs)
    context = {"filter": filterset, "page_obj": page, "query": request.GET.urlencode(),
               "can_create": permissions.can_create_activity(request.user)}
    template = "programmes/activity_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def _export_rows(request):
    return _filtered_activities(request).qs.prefetch_related("attachments", "indicators")[:EXPORT_LIMIT]


@login_required
def activity_export_csv(request):
    stamp = timezone.localdate().isoformat()
    return download_response(exports.activities_csv(_export_rows(request)), f"rwg-activities-{stamp}.csv",
                     "text/csv; charset=utf-8")


@login_required
def activity_export_xlsx(request):
    stamp = timezone.localdate().isoformat()
    return download_response(exports.activities_xlsx(_export_rows(request)), f"rwg-activities-{stamp}.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@login_required
def activity_export_iati(request):
    stamp = timezone.localdate().isoformat()
    return download_response(exports.activities_iati(_export_rows(request)), f"rwg-activities-iati-{stamp}.xml",
                     "application/xml")


@login_required
def activity_detail(request, pk: int):
    activity = selectors.activity_get_for_user(request.user, pk)
    return render(request, "programmes/activity_detail.html", {
        "activity": activity,
        "can_edit": permissions.can_edit_activity(request.user, activity),
        "participations": list(activity.participations.all()),
        "iati_identifier": exports.iati_identifier(activity),
    })


def _activity_forms(request, activity: Activity | None):
    user = request.user
    lead_agencies = selectors.agencies_user_may_lead_for(user)
    lock_lead = False
    if activity is not None:
        lock_lead = not permissions.can_lead_for(user, activity.lead_agency_id)
        lead_agencies = Agency.objects.filter(Q(pk__in=lead_agencies) | Q(pk=activity.lead_agency_id))
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    initial = {}
    if activity is None:
        own = sorted(member_permissions.represented_agency_ids(user))
        initial = {"lead_agency": own[0]} if own else {}
    # A partner of a joint programme sees the lead's fields locked and only its own parts.
    partner_only = activity is not None and not permissions.can_edit_activity_core(user, activity)
    form = ActivityForm(data, instance=activity, initial=initial, lead_agencies=lead_agencies, lock_lead=lock_lead,
                        lock_all=partner_only)
    participants = ParticipantFormSet(
        data, prefix="partners", activity_form=form,
        initial=[{"agency": p.agency_id, "role": p.role} for p in activity.participations.all()] if activity else None,
    )
    instance = activity or Activity()
    indicators = Indicator.objects.filter(activity=activity) if activity else Indicator.objects.none()
    documents = Attachment.objects.filter(activity=activity) if activity else Attachment.objects.none()
    if partner_only:
        own = permissions.partner_agency_ids(user, activity)
        indicators, documents = indicators.filter(agency__in=own), documents.filter(agency__in=own)
    indicators = IndicatorFormSet(data, instance=instance, prefix="indicators", queryset=indicators)
    attachments = AttachmentFormSet(data, files, instance=instance, prefix="attachments", queryset=documents)
    return form, participants, indicators, attachments


def _save_activity(request, activity: Activity | None):
    form, participants, indicators, attachments = _activity_forms(request, activity)
    if request.method == "POST" and all(f.is_valid() for f in (form, participants, indicators, attachments)):
        try:
            saved = services.activity_save(
                activity=activity, fields=form.activity_fields(), by=request.user,
                priority_areas=form.cleaned_data["priority_areas"], participants=participants.participants(),
                children=[indicators, attachments],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The activity “%(title)s” was saved.") % {"title": saved.title})
            return redirect("programmes:activity_detail", pk=saved.pk)
    return render(request, "programmes/activity_form.html", {
        "activity": activity, "form": form, "participants": participants, "indicators": indicators,
        "attachments": attachments,
    })


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request):
    if not permissions.can_create_activity(request.user):
        raise permissions.activity_create_refusal(request.user)
    return _save_activity(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk: int):
    activity = selectors.activity_get_for_user(request.user, pk, write=True)
    return _save_activity(request, activity)


@login_required
def activity_history(request, pk: int):
    activity = selectors.activity_get_for_user(request.user, pk)
    if not permissions.can_view_activity_history(request.user, activity):
        raise PermissionDenied
    related = [
        (_("Participating agencies"),
         Participation.history.filter(activity_id=activity.pk).select_related("history_user", "agency")),
        (_("Indicators"), Indicator.history.filter(activity_id=activity.pk).select_related("history_user")),
        (_("Links and documents"), Attachment.history.filter(activity_id=activity.pk).select_related("history_user")),
    ]
    return history_page(request, activity, back=reverse("programmes:activity_detail", args=[activity.pk]),
                        related=related)


@login_required
def attachment_download(request, pk: int):
    """Documents live outside the web root; whoever may see the activity may read them."""
    try:
        attachment = Attachment.objects.get(pk=pk, kind="document")
    except (Attachment.DoesNotExist, ValueError):
        raise Http404 from None
    selectors.activity_get_for_user(request.user, attachment.activity_id)
    if not attachment.file:
        raise Http404
    return file_response(attachment.file.open("rb"), filename=attachment.download_name,
                         content_type=content_type_of(attachment.file.name))
