"""The register of governments' recommendations (ToR 3(b)(ii)), starting with Cairo, 4-5 June 2013.

Whoever reads the catalogue reads the register and its coverage; the secretariat enters the
recommendations, links the activities responding and reviews the status of implementation.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from programmes import permissions, selectors, services
from programmes.filters import RecommendationFilter
from programmes.forms import GovernmentRecommendationForm, RecommendationReviewForm
from rwg_portal import translated
from rwg_portal.forms import add_service_errors
from rwg_portal.history import history_page
from rwg_portal.refusals import role_refusal
from rwg_portal.shortcuts import paginate


def _check_reader(user) -> None:
    if not permissions.can_view_recommendations(user):
        raise role_refusal(user)


@login_required
@require_GET
def recommendation_list(request):
    _check_reader(request.user)
    queryset = selectors.recommendation_list_for_user(request.user)
    filterset = RecommendationFilter(request.GET or None, queryset=queryset, request=request)
    page = paginate(request, filterset.qs)
    return render(request, "programmes/recommendation_list.html", {
        "filter": filterset, "page_obj": page, "query": request.GET.copy(),
        "can_manage": permissions.can_manage_recommendations(request.user),
    })


@login_required
@require_GET
def recommendation_coverage(request):
    """Recommendations that nothing responds to yet, and by theme how many are answered."""
    coverage = selectors.recommendation_coverage(request.user)
    page = paginate(request, coverage["unanswered"])
    return render(request, "programmes/recommendation_coverage.html", {
        "by_theme": coverage["by_theme"], "page_obj": page})


@login_required
@require_GET
def recommendation_detail(request, pk: int):
    recommendation = selectors.recommendation_get_for_user(request.user, pk)
    return render(request, "programmes/recommendation_detail.html", {
        "recommendation": recommendation, "can_manage": permissions.can_manage_recommendations(request.user)})


def _save(request, recommendation):
    if recommendation is None and not permissions.can_manage_recommendations(request.user):
        _check_reader(request.user)
        raise PermissionDenied
    initial = {}
    if recommendation is not None:
        initial = {field: getattr(recommendation, field) for field in services.RECOMMENDATION_FIELDS}
        initial["text"] = translated.values(recommendation, "text")
        initial["activities"] = list(recommendation.activities.all())
    form = GovernmentRecommendationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.recommendation_save(recommendation=recommendation, data=data,
                                                 activities=data["activities"], by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The recommendation “%(ref)s” was saved.") % {"ref": saved.label})
            return redirect("programmes:recommendation_detail", saved.pk)
    return render(request, "programmes/recommendation_form.html", {"form": form, "recommendation": recommendation})


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create(request):
    return _save(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_edit(request, pk: int):
    return _save(request, selectors.recommendation_get_for_user(request.user, pk, write=True))


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_review(request, pk: int):
    """The secretariat records where the implementation stands (who and when are kept)."""
    recommendation = selectors.recommendation_get_for_user(request.user, pk, write=True)
    form = RecommendationReviewForm(request.POST or None, initial={"status": recommendation.status,
                                                                   "status_note": recommendation.status_note})
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_review(recommendation=recommendation, status=form.cleaned_data["status"],
                                           note=form.cleaned_data["status_note"], by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The status of implementation was reviewed."))
            return redirect("programmes:recommendation_detail", recommendation.pk)
    return render(request, "programmes/recommendation_review.html", {"form": form, "recommendation": recommendation})


@login_required
@require_GET
def recommendation_history(request, pk: int):
    recommendation = selectors.recommendation_get_for_user(request.user, pk, write=True)
    return history_page(request, recommendation,
                        back=reverse("programmes:recommendation_detail", args=[recommendation.pk]))
