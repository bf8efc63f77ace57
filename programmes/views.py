"""Views of the programmes app: fetch through the user, validate with forms, write with services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members import permissions as member_permissions
from members.models import Agency
from programmes import bulk, exports, finder, permissions, selectors, services
from programmes.choices import ImportState, PracticeStatus
from programmes.filters import ActivityFilter, GoodPracticeFilter
from programmes.forms import (
    ActivityForm,
    AttachmentFormSet,
    GoodPracticeForm,
    ImportUploadForm,
    IndicatorFormSet,
    ParticipantFormSet,
    PriorityAreaForm,
    ReturnPracticeForm,
    SynergyReviewForm,
)
from programmes.models import Activity, Attachment, Indicator, Participation
from rwg_portal.forms import add_service_errors
from rwg_portal.history import history_of
from rwg_portal.shortcuts import paginate
from rwg_portal.uploads import content_type_of, download_response, file_response

EXPORT_LIMIT = 20000


def _require_catalogue(user) -> None:
    if not permissions.can_view_catalogue(user):
        raise PermissionDenied


# Activities -----------------------------------------------------------------


@login_required
def index(request):
    return redirect("programmes:activity_list")


def _filtered_activities(request):
    _require_catalogue(request.user)
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
    return render(request, "programmes/history.html", {
        "object": activity, "entries": history_of(activity), "related": related,
        "back": reverse("programmes:activity_detail", args=[activity.pk]),
    })


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


# Coverage matrix and synergy finder ---------------------------------------------


@login_required
def coverage(request):
    matrix = selectors.coverage_matrix(request.user)
    return render(request, "programmes/coverage.html", {"matrix": matrix})


SHOW_CHOICES = ("unreviewed", "reviewed", "all")


@login_required
def synergies(request):
    """Ranked pairs of overlapping activities of different agencies, with the secretariat's verdicts."""
    _require_catalogue(request.user)
    show = request.GET.get("show") if request.GET.get("show") in SHOW_CHOICES else "unreviewed"
    try:
        minimum = max(0.0, min(100.0, float(request.GET.get("min") or 0)))
    except ValueError:
        minimum = 0.0
    ranking = finder.rank(selectors.finder_items())
    reviews = selectors.reviews_by_pair()
    if show != "all" and len(ranking):
        reviewed = ranking.reviewed_mask(reviews)
        ranking = ranking.where(reviewed if show == "reviewed" else ~reviewed)
    if minimum:
        ranking = ranking.at_least(minimum)
    page = paginate(request, ranking)
    pairs = list(page.object_list)
    activities = selectors.activities_by_id({pk for pair in pairs for pk in pair.key})
    can_review = permissions.can_review_synergies(request.user)
    rows = [_pair_row(pair, activities, reviews, can_review) for pair in pairs]
    return render(request, "programmes/synergies.html", {
        "page_obj": page, "rows": rows, "show": show, "minimum": minimum, "can_review": can_review,
        "total": page.paginator.count,
    })


def _pair_row(pair, activities, reviews, can_review) -> dict:
    review = reviews.get(pair.key)
    form = None
    if can_review:
        form = SynergyReviewForm(initial={"a": pair.a, "b": pair.b, "verdict": review.verdict if review else "",
                                          "note": review.note if review else ""},
                                 prefix=f"pair-{pair.a}-{pair.b}")
    return {"pair": pair, "a": activities.get(pair.a), "b": activities.get(pair.b), "review": review,
            "reason": finder.describe(pair), "form": form}


@login_required
@require_POST
def synergy_review(request):
    """Record (or clear) the verdict on one pair; htmx gets the row back, others the page."""
    if not permissions.can_review_synergies(request.user):
        raise PermissionDenied
    prefix = request.POST.get("prefix", "")
    form = SynergyReviewForm(request.POST, prefix=prefix or None)
    if not form.is_valid():
        return HttpResponse(_("The verdict could not be saved."), status=400)
    first = selectors.activity_get_for_user(request.user, form.cleaned_data["a"])
    second = selectors.activity_get_for_user(request.user, form.cleaned_data["b"])
    try:
        if form.cleaned_data["verdict"]:
            services.synergy_review_set(first=first, second=second, verdict=form.cleaned_data["verdict"],
                                        note=form.cleaned_data["note"], by=request.user)
        else:
            services.synergy_review_clear(first=first, second=second, by=request.user)
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    if request.htmx:
        pair = finder.pair_for(selectors.finder_items(ids=(first.pk, second.pk)), first.pk, second.pk)
        if pair is None:
            return HttpResponse("")
        row = _pair_row(pair, {first.pk: first, second.pk: second}, selectors.reviews_by_pair(), True)
        return render(request, "programmes/synergies.html#pair", {"row": row, "can_review": True, "saved": True})
    messages.success(request, _("The verdict was saved."))
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/programmes/") else reverse("programmes:synergies"))


# Priority areas ---------------------------------------------------------------


@login_required
def priority_list(request):
    _require_catalogue(request.user)
    page = paginate(request, selectors.priority_area_list_for_user(request.user).prefetch_related("activities"))
    return render(request, "programmes/priority_list.html", {
        "page_obj": page, "can_manage": permissions.can_manage_priority_areas(request.user),
    })


def _save_priority(request, area):
    form = PriorityAreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        saved = services.priority_area_save(area=area, fields=form.cleaned_data, by=request.user)
        messages.success(request, _("The priority area “%(title)s” was saved.") % {"title": saved.title})
        return redirect("programmes:priority_list")
    return render(request, "programmes/priority_form.html", {"form": form, "area": area})


@login_required
@require_http_methods(["GET", "POST"])
def priority_create(request):
    if not permissions.can_manage_priority_areas(request.user):
        raise PermissionDenied
    return _save_priority(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def priority_edit(request, pk: int):
    return _save_priority(request, selectors.priority_area_get_for_user(request.user, pk, write=True))


@login_required
def priority_history(request, pk: int):
    area = selectors.priority_area_get_for_user(request.user, pk, write=True)
    return render(request, "programmes/history.html", {
        "object": area, "entries": history_of(area), "back": reverse("programmes:priority_list"),
    })


# Bulk update ----------------------------------------------------------------------


@login_required
def bulk_home(request):
    """Choose the agency (secretariat) or go straight to one's own agency's sheet."""
    agencies = list(selectors.agencies_user_may_lead_for(request.user))
    if not agencies:
        raise PermissionDenied
    jobs = selectors.recent_imports(request.user)
    return render(request, "programmes/bulk_home.html", {"agencies": agencies, "jobs": jobs,
                                                          "form": ImportUploadForm()})


@login_required
def bulk_download(request, agency_pk: int):
    agency = selectors.agency_get_for_bulk_update(request.user, agency_pk)
    content = bulk.workbook_for_agency(selectors.activities_for_agency(agency))
    stamp = timezone.localdate().isoformat()
    return download_response(content, f"rwg-activities-{agency.acronym}-{stamp}.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@login_required
@require_http_methods(["GET", "POST"])
def bulk_upload(request, agency_pk: int):
    agency = selectors.agency_get_for_bulk_update(request.user, agency_pk)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.activity_import_upload(agency=agency, upload=form.cleaned_data["file"], by=request.user)
        return redirect("programmes:bulk_preview", pk=job.pk)
    return render(request, "programmes/bulk_upload.html", {"agency": agency, "form": form})


@login_required
def bulk_preview(request, pk: int):
    job = selectors.activity_import_get_for_user(request.user, pk)
    return render(request, "programmes/bulk_preview.html",
                  {"job": job, "validated": job.state == ImportState.VALIDATED})


@login_required
@require_POST
def bulk_apply(request, pk: int):
    job = selectors.activity_import_get_for_user(request.user, pk)
    try:
        with transaction.atomic():
            services.activity_import_apply(job=job, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programmes:bulk_preview", pk=job.pk)
    messages.success(request, _("The changes were applied to %(count)s activities.") % {"count": len(job.changes)})
    return redirect("programmes:bulk_preview", pk=job.pk)


@login_required
@require_POST
def bulk_discard(request, pk: int):
    job = selectors.activity_import_get_for_user(request.user, pk)
    services.activity_import_discard(job=job, by=request.user)
    messages.info(request, _("The upload was discarded; nothing was changed."))
    return redirect("programmes:bulk_home")


# Good practices -----------------------------------------------------------------


def practice_list(request):
    """Published good practices, open to everyone; members also see their agency's drafts."""
    filterset = GoodPracticeFilter(request.GET or None, queryset=selectors.practice_list_published())
    page = paginate(request, filterset.qs)
    own = []
    if request.user.is_authenticated and permissions.can_submit_practice(request.user):
        own = list(selectors.practice_list_for_user(request.user).exclude(status=PracticeStatus.PUBLISHED)[:50])
    return render(request, "programmes/practice_list.html", {
        "filter": filterset, "page_obj": page, "own": own,
        "can_submit": request.user.is_authenticated and permissions.can_submit_practice(request.user),
    })


def practice_detail(request, pk: int):
    try:
        practice = selectors.practice_get_for_user(request.user, pk)
    except PermissionDenied:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    user = request.user
    return render(request, "programmes/practice_detail.html", {
        "practice": practice,
        # Each text in the reader's language where it exists, else the original, marked (rwg_translated).
        "sections": [("practice", _("The practice")), ("evidence", _("Evidence of results")),
                     ("lessons", _("Lessons learned")), ("replication", _("Conditions for replication"))],
        "can_edit": permissions.can_edit_practice(user, practice),
        "can_validate": permissions.can_validate_practices(user),
        "can_history": permissions.can_view_practice_history(user, practice),
        "return_form": ReturnPracticeForm(),
        "share_url": request.build_absolute_uri(),
    })


def _save_practice(request, practice):
    user = request.user
    agencies = selectors.agencies_user_may_lead_for(user)
    activities = selectors.activity_list_for_user(user)
    if not member_permissions.is_secretariat(user):
        activities = activities.filter(lead_agency__in=agencies)
    form = GoodPracticeForm(request.POST or None, instance=practice, agencies=agencies,
                            activities=activities.order_by("title_en"))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.practice_save(practice=practice, fields=form.practice_fields(), by=user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The good practice was saved."))
            return redirect("programmes:practice_detail", pk=saved.pk)
    return render(request, "programmes/practice_form.html", {"form": form, "practice": practice})


@login_required
@require_http_methods(["GET", "POST"])
def practice_create(request):
    if not permissions.can_submit_practice(request.user):
        raise PermissionDenied
    return _save_practice(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request, pk: int):
    return _save_practice(request, selectors.practice_get_for_user(request.user, pk, write=True))


def _practice_action(request, pk, action):
    practice = selectors.practice_get_for_user(request.user, pk)
    try:
        action(practice)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("programmes:practice_detail", pk=practice.pk)


@login_required
@require_POST
def practice_submit(request, pk: int):
    def submit(practice):
        services.practice_submit(practice=practice, by=request.user)
        messages.success(request, _("The good practice was submitted to the secretariat for validation."))
    return _practice_action(request, pk, submit)


@login_required
@require_POST
def practice_publish(request, pk: int):
    def publish(practice):
        services.practice_publish(practice=practice, by=request.user)
        messages.success(request, _("The good practice is now published."))
    return _practice_action(request, pk, publish)


@login_required
@require_POST
def practice_return(request, pk: int):
    form = ReturnPracticeForm(request.POST)

    def send_back(practice):
        if not form.is_valid():
            raise ValidationError(_("Say what should change."))
        services.practice_return(practice=practice, note=form.cleaned_data["note"], by=request.user)
        messages.success(request, _("The good practice was returned to its agency."))
    return _practice_action(request, pk, send_back)


@login_required
def practice_history(request, pk: int):
    practice = selectors.practice_get_for_user(request.user, pk)
    if not permissions.can_view_practice_history(request.user, practice):
        raise PermissionDenied
    return render(request, "programmes/history.html", {
        "object": practice, "entries": history_of(practice),
        "back": reverse("programmes:practice_detail", args=[practice.pk]),
    })

