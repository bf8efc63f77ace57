"""Two releases side by side: what a new revision changes, year by year and sex by sex (open to everyone;
unpublished releases only for those who may see them)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from data_hub import selectors
from data_hub.choices import Sex
from data_hub.forms import CompareForm
from data_hub.models import Indicator
from data_hub.reference import ARAB_REGION

DEFAULT_INDICATOR = "migrant_stock"


def _defaults(indicator: Indicator, releases: list, user, chosen: str) -> dict:
    """The release asked for (or the current one) against the newest other release of its dataset (or any other)."""
    data = {"indicator": indicator.code, "place": ARAB_REGION}
    current = next((r for r in releases if str(r.pk) == chosen), None) or selectors.default_release(indicator, user)
    current = current if current in releases else (releases[0] if releases else None)
    if current is not None:
        others = [r for r in releases if r != current]
        same = [r for r in others if r.dataset_id == current.dataset_id]
        other = (same or others or [None])[0]
        data |= {"release": str(current.pk), "compare": str(other.pk) if other else ""}
    return data


@require_GET
def compare(request):
    """Choose an indicator, a country or group and two releases; see both figures, the difference and the
    percentage difference for every year and sex."""
    indicators = list(Indicator.objects.order_by("-is_builtin", "name_en"))
    code = request.GET.get("indicator") or DEFAULT_INDICATOR
    indicator = next((i for i in indicators if i.code == code), None) or next(
        (i for i in indicators if i.code == DEFAULT_INDICATOR), None)
    releases = selectors.releases_with_indicator(request.user, indicator) if indicator else []
    sections = selectors.places_for_pickers()
    # What the address does not say is filled in (the release page links here with only the release).
    defaults = _defaults(indicator, releases, request.user, request.GET.get("release", "")) if indicator else {}
    data = defaults | {key: value for key, value in request.GET.items() if value}
    form = CompareForm(data, indicators=indicators, sections=sections, releases=releases)
    rows, release, other, place = None, None, None, None
    if indicator is not None and len(releases) > 1 and form.is_valid():
        by_pk = {str(r.pk): r for r in releases}
        release, other = by_pk[form.cleaned_data["release"]], by_pk[form.cleaned_data["compare"]]
        place = next(p for section in sections for p in section if p.code == form.cleaned_data["place"])
        sexes = [Sex.FEMALE.value] if indicator.aggregation == "female_share" else None
        rows = selectors.compare_releases(indicator=indicator, release=release, other=other, places=[place],
                                          sexes=sexes)
    return render(request, "data_hub/compare.html", {
        "form": form, "indicator": indicator, "releases": releases, "rows": rows, "release": release,
        "other": other, "place": place, "percent": bool(indicator and indicator.unit == "percent"),
        "sex_labels": dict(Sex.choices),
    })
