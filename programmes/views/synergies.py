"""The coverage matrix and the synergy finder with the secretariat's verdicts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes import finder, permissions, selectors, services
from programmes.forms import SynergyReviewForm
from programmes.views.common import require_catalogue
from rwg_portal.shortcuts import paginate


@login_required
def coverage(request):
    matrix = selectors.coverage_matrix(request.user)
    return render(request, "programmes/coverage.html", {"matrix": matrix})


SHOW_CHOICES = ("unreviewed", "reviewed", "all")


@login_required
def synergies(request):
    """Ranked pairs of overlapping activities of different agencies, with the secretariat's verdicts."""
    require_catalogue(request.user)
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
