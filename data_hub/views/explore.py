"""Exploring figures: the explorer, country and group pages, data quality. Open to everyone (published data)."""

import functools

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from data_hub import blocks, caching, permissions, selectors
from data_hub.blocks import BlockError
from data_hub.choices import PlaceKind, Sex
from data_hub.forms import ExplorerForm
from data_hub.models import Indicator
from data_hub.reference import ARAB_REGION
from data_hub.views.common import block_download
from rwg_portal.shortcuts import paginate

DEFAULT_INDICATOR = "migrant_stock"


def _indicators(user) -> list[Indicator]:
    return list(Indicator.objects.order_by("-is_builtin", "name_en"))


@require_GET
def explorer(request):
    """Choose an indicator, places or groups, years and sexes; see the table and the chart; download them."""
    # Only indicators that some release the visitor may see holds (published ones for the public, unpublished
    # ones too for the Group's members): an indicator without figures appears once a release brings them.
    visible = list(selectors.releases_for_user(request.user).order_by("-is_current", "-imported_at"))
    indicators = selectors.indicators_with_data(visible)
    code = request.GET.get("indicator") or DEFAULT_INDICATOR
    indicator = next((i for i in indicators if i.code == code), None)
    if indicator is None:
        indicator = next((i for i in indicators if i.code == DEFAULT_INDICATOR), indicators[0] if indicators else None)
    releases = [r for r in visible if indicator.code in r.indicator_codes] if indicator else []
    chosen = request.GET.get("release") or ""
    release = next((r for r in releases if str(r.pk) == chosen), None)
    if release is None:
        # The same default as the country pages, the API and the reports (secretariat's datasets first).
        default = next((r for r in releases if r.is_current and r.is_published and r.dataset.agency_id is None), None)
        release = default or next((r for r in releases if r.is_current and r.is_published),
                                  releases[0] if releases else None)
    sections = selectors.places_for_pickers()
    by_code = {p.code: p for section in sections for p in section}
    if request.GET:
        data = request.GET
    else:
        data = {"indicator": indicator.code if indicator else "", "places": [ARAB_REGION],
                "sexes": [s.value for s in Sex]}
    form = ExplorerForm(data, indicators=indicators, sections=sections, releases=releases,
                        years=release.years if release else [])
    block, origin, form_key = None, None, None
    if form.is_valid() and release is not None:
        places = [by_code[c] for c in form.cleaned_data["places"]]
        sexes = [s.value for s in Sex if s.value in form.cleaned_data["sexes"]] or [s.value for s in Sex]
        if indicator.aggregation == "female_share":
            sexes = [Sex.FEMALE.value]
        years = [int(y) for y in form.cleaned_data["years"]] or None
        origin = by_code.get(form.cleaned_data.get("origin") or "") if indicator.has_origin else None
        # The same for every visitor who asks the same (checked) choices: built once per data version.
        language = get_language()
        block = caching.cached(
            ("explorer_block", language, indicator.pk, release.pk, release.imported_at.timestamp(),
             tuple(p.pk for p in places), tuple(years or ()), tuple(sexes), origin.pk if origin else None),
            lambda: blocks.explorer_table(indicator=indicator, release=release, places=places, years=years,
                                          sexes=sexes, origin=origin))
        # The form's HTML (hundreds of options) too, by its checked values and the releases it offers.
        form_key = caching.key("explorer_form", language, sorted((k, str(v)) for k, v in form.cleaned_data.items()),
                               tuple(r.pk for r in releases), release.pk, selectors.places_stamp(),
                               tuple(i.code for i in indicators))
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx"):
            return block_download(block, fmt=fmt, filename=f"{indicator.code}-{release.revision}",
                                  licence=release.licence)
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, "data_hub/explorer.html", {
        "form": form, "datablock": block, "indicator": indicator, "release": release,
        "query": query.urlencode(), "has_origin": bool(indicator and indicator.has_origin), "form_key": form_key,
    })


@require_GET
def place_list(request):
    """The groups, and every country and area, each with a link to its page."""
    countries = selectors.places_sorted(PlaceKind.COUNTRY)
    page = paginate(request, countries, 60)
    return render(request, "data_hub/place_list.html", {
        "groups": selectors.places_sorted(PlaceKind.GROUP), "page_obj": page,
    })


def _safe_block(builder, **kwargs):
    try:
        return builder(**kwargs), None
    except BlockError as exc:
        return None, str(exc)


@require_GET
def place_detail(request, code: str):
    """A country's (or group's) page: migrants by sex over time, female share, origins, emigrants."""
    place = selectors.place_get(code)
    # The two indicators in one query, their default releases in another.
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=("migrant_stock", "od_migrant_stock"))}
    defaults = selectors.default_releases(list(indicators.values()), request.user)
    stock_release, od_release = defaults.get("migrant_stock"), defaults.get("od_migrant_stock")

    @functools.cache
    def sections():
        """Built only when the page's fragment cache (same for every visitor, by data version) has it not."""
        built = []
        if stock_release is not None:
            built.append(("stock", _safe_block(blocks.stock_by_sex, place=place, release=stock_release)))
            built.append(("female", _safe_block(blocks.female_share, place=place, release=stock_release)))
        if od_release is not None:
            built.append(("origins", _safe_block(blocks.top_places, place=place, release=od_release, origins=True)))
            built.append(("destinations", _safe_block(blocks.top_places, place=place, release=od_release,
                                                      origins=False)))
            region = selectors.arab_region()
            if region is not None:
                built.append(("emigrants", _safe_block(blocks.emigrants_by_region, place=place,
                                                       release=od_release, region=region)))
        return built

    table, fmt = request.GET.get("table"), request.GET.get("format")
    if table and fmt in ("csv", "xlsx"):
        # Any table of the page as a file, built like the page's (from the same cached figures).
        datablock = next((result[0] for key, result in sections() if key == table), None)
        if datablock is None:
            raise Http404
        release = stock_release if table in ("stock", "female") else od_release
        return block_download(datablock, fmt=fmt, filename=f"{place.code}-{table}-{release.revision}",
                              licence=release.licence)
    members = selectors.places_sorted_members(place) if place.is_group else []
    return render(request, "data_hub/place_detail.html", {
        "place": place, "sections": sections, "members": members,
        "stock_release": stock_release, "od_release": od_release, "data_version": caching.data_version(),
    })


@require_GET
def quality(request):
    """Coverage (country x year x sex) of a release's indicator, the share of sex-disaggregated figures, gaps."""
    releases = list(selectors.releases_for_user(request.user).order_by("-is_current", "-imported_at"))
    release = next((r for r in releases if str(r.pk) == request.GET.get("release")), None)
    if release is None and request.GET.get("release"):
        raise Http404
    release = release or next((r for r in releases if r.is_current and DEFAULT_INDICATOR in r.indicator_codes),
                              next((r for r in releases if r.is_current), releases[0] if releases else None))
    context = {"releases": releases, "release": release}
    if release is not None:
        indicators = [i for i in _indicators(request.user) if i.code in release.indicator_codes]
        indicator = next((i for i in indicators if i.code == request.GET.get("indicator")), None) or (
            next((i for i in indicators if not i.has_origin and i.code == DEFAULT_INDICATOR), None)
            or (indicators[0] if indicators else None))
        groups = selectors.places_sorted(PlaceKind.GROUP)
        group_code = request.GET.get("group", ARAB_REGION)
        group = next((g for g in groups if g.code == group_code), None)
        places = selectors.places_sorted_members(group) if group else selectors.places_sorted(PlaceKind.COUNTRY)
        page = paginate(request, places)
        context |= {
            "indicators": indicators, "indicator": indicator, "groups": groups, "group": group, "page_obj": page,
            "coverage": selectors.coverage(release=release, indicator=indicator, places=list(page.object_list),
                                           years=release.years) if indicator else None,
            "disaggregation": selectors.sex_disaggregation(release),
            "can_view_unpublished": permissions.can_view_unpublished(request.user),
        }
    return render(request, "data_hub/quality.html", context)
