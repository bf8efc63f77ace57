"""The read-only API: JSON or CSV, open without login for published releases (see ``openapi.py``).

Signed-in group members (secretariat, focal points, alternates) also reach unpublished releases
through their session. Every answer names its source: ``release`` (with its citation) in JSON,
``#`` lines on top of CSV.
"""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from data_hub import downloads, openapi, selectors
from data_hub.choices import PlaceKind, Sex
from data_hub.models import Indicator, Place, Release
from rwg_portal.spreadsheets import neutralise
from rwg_portal.uploads import download_response

DEFAULT_LIMIT = 1000
MAX_LIMIT = 10000
MAX_OFFSET = 2**63 - 1


class BadRequest(Exception):
    pass


def _list(request, name: str) -> list[str]:
    """The comma-separated values of ``name``; a parameter given empty, or with an empty item, is refused."""
    values = []
    for raw in request.GET.getlist(name):
        items = [v.strip() for v in raw.split(",")]
        if not all(items):
            raise BadRequest(_("“%(name)s” is given with an empty value.") % {"name": name})
        values += items
    return values


def _given_empty(request, name: str) -> bool:
    return name in request.GET and not request.GET[name].strip()


def _indicator(request, required: bool = True) -> Indicator | None:
    code = request.GET.get("indicator", "").strip()
    if not code:
        if required or _given_empty(request, "indicator"):
            raise BadRequest(_("Give an indicator, e.g. indicator=migrant_stock (see /data/api/v1/indicators.json)."))
        return None
    try:
        return Indicator.objects.get(code=code)
    except Indicator.DoesNotExist:
        raise BadRequest(_("Unknown indicator “%(code)s”.") % {"code": code}) from None


def _places(request, name: str = "place") -> list[Place] | None:
    codes = [c.upper() for c in _list(request, name) + (_list(request, "group") if name == "place" else [])]
    if not codes:
        return None
    places = {p.code: p for p in Place.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in places]
    if unknown:
        raise BadRequest(_("Unknown place or group: %(codes)s.") % {"codes": ", ".join(unknown)})
    return [places[c] for c in dict.fromkeys(codes)]


def _years(request) -> list[int] | None:
    try:
        years = [int(y) for y in _list(request, "years") + _list(request, "year")]
    except ValueError:
        raise BadRequest(_("Years must be numbers, e.g. years=2010,2019.")) from None
    return years or None


def _sexes(request) -> list[str] | None:
    sexes = [s.upper() for s in _list(request, "sex")]
    if any(s not in Sex.values for s in sexes):
        raise BadRequest(_("Sex must be T (both sexes), M (male) or F (female)."))
    return sexes or None


def _release(request, indicator: Indicator | None) -> Release:
    pk = request.GET.get("release", "").strip()
    if _given_empty(request, "release"):
        raise BadRequest(_("Give a release id, e.g. release=1 (see /data/api/v1/releases.json)."))
    if pk:
        return selectors.release_get_for_user(request.user, pk)
    if indicator is None:
        raise BadRequest(_("Give a release or an indicator."))
    release = selectors.default_release(indicator, request.user)
    if release is None:
        raise Http404
    return release


def _release_json(request, release: Release) -> dict:
    return {
        "id": release.pk, "dataset": release.dataset.code, "dataset_name": release.dataset.name,
        "revision": release.revision, "title": release.title, "publisher": release.publisher,
        "licence": release.licence, "citation": release.citation, "is_current": release.is_current,
        "published": release.is_published, "imported_at": release.imported_at.isoformat(),
        "sha256": release.file_sha256, "url": request.build_absolute_uri(
            reverse("data_hub:release_detail", args=[release.pk])),
    }


def _respond(request, fmt: str, *, payload: dict, columns: list[str], rows: list[list], name: str,
             release: Release | None = None) -> HttpResponse:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        if release is not None:
            # Comment lines, written as they are (pandas: read_csv(..., comment="#")).
            for line in (release.title, f"Source: {release.citation}",
                         f"Licence: {release.licence}" if release.licence else ""):
                if line:
                    buffer.write("# " + " ".join(line.split()) + "\r\n")
        writer.writerow(columns)
        writer.writerows([neutralise(v) for v in row] for row in rows)
        return download_response(buffer.getvalue().encode(), f"{name}.csv", downloads.CSV_CONTENT_TYPE, inline=True)
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})


def _api(view):
    """Answer 400 with a JSON message for bad parameters; allow any origin to read (public data).

    GET only: any other method gets 405. CSRF is not checked, so that such a request gets that 405
    rather than the CSRF failure page (a 403 in HTML); with nothing but GET answered there is
    nothing to forge.
    """

    def wrapped(request, *args, **kwargs):
        try:
            if any("\x00" in value for values in request.GET.lists() for value in values[1]):
                # PostgreSQL takes no NUL in a string: refused here rather than failing in the query.
                raise BadRequest(_("Parameters may not hold a NUL character."))
            response = view(request, *args, **kwargs)
        except BadRequest as exc:
            response = JsonResponse({"error": str(exc)}, status=400, json_dumps_params={"ensure_ascii": False})
        except PermissionDenied:
            response = JsonResponse({"error": _("Not allowed.")}, status=403)
        except Http404:
            response = JsonResponse({"error": _("Not found.")}, status=404)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return csrf_exempt(require_GET(wrapped))


@_api
def indicators(request, fmt: str):
    rows = [[i.code, i.name, i.unit, i.has_origin, i.aggregation] for i in Indicator.objects.order_by("code")]
    columns = ["code", "name", "unit", "by_origin", "group_figures"]
    return _respond(request, fmt, payload={"results": [dict(zip(columns, r, strict=True)) for r in rows]},
                    columns=columns, rows=rows, name="indicators")


@_api
def places(request, fmt: str):
    kind = request.GET.get("kind")
    qs = Place.objects.prefetch_related("members").order_by("kind", "code")
    if kind is not None and kind not in PlaceKind.values:
        raise BadRequest(_("kind must be country or group."))
    if kind:
        qs = qs.filter(kind=kind)
    rows = [[p.code, p.kind, p.m49, p.iso2, p.name_en, p.name_ar, p.name_fr,
             " ".join(sorted(m.code for m in p.members.all())) if p.is_group else ""] for p in qs]
    columns = ["code", "kind", "m49", "iso2", "name_en", "name_ar", "name_fr", "members"]
    results = [dict(zip(columns, r, strict=True)) for r in rows]
    for item in results:
        item["members"] = item["members"].split() if item["members"] else []
    return _respond(request, fmt, payload={"results": results}, columns=columns, rows=rows, name="places")


@_api
def releases(request, fmt: str):
    items = [_release_json(request, r) for r in selectors.releases_for_user(request.user).order_by("-imported_at")]
    columns = ["id", "dataset", "revision", "title", "publisher", "licence", "citation", "is_current", "published",
               "imported_at", "sha256"]
    return _respond(request, fmt, payload={"results": items}, columns=columns,
                    rows=[[item[c] for c in columns] for item in items], name="releases")


@_api
def observations(request, fmt: str):
    """Stored figures of countries (never groups), one per indicator, place, origin, year and sex."""
    indicator = _indicator(request, required=False)
    release = _release(request, indicator)
    try:
        limit = min(MAX_LIMIT, max(1, int(request.GET.get("limit", DEFAULT_LIMIT))))
        offset = max(0, int(request.GET.get("offset", 0)))
    except ValueError:
        raise BadRequest(_("limit and offset must be whole numbers.")) from None
    if offset > MAX_OFFSET:  # PostgreSQL's OFFSET is a bigint
        raise BadRequest(_("offset must be at most %(max)s.") % {"max": MAX_OFFSET})
    qs = selectors.observations_for_api(user=request.user, release=release, indicator=indicator,
                                        places=_places(request), years=_years(request), sexes=_sexes(request))
    total = qs.count()
    page = list(qs[offset:offset + limit])
    columns = ["indicator", "place", "place_m49", "place_name", "origin", "origin_m49", "origin_name", "year", "sex",
               "value", "note"]
    rows = [[o.indicator.code, o.place.code, o.place.m49, o.place.name_en, o.origin.code if o.origin else None,
             o.origin.m49 if o.origin else None, o.origin.name_en if o.origin else None, o.year, o.sex,
             int(o.value) if o.value.is_integer() else o.value, o.note] for o in page]
    following = None
    if offset + limit < total:
        query = request.GET.copy()
        query["offset"] = str(offset + limit)
        following = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    payload = {"release": _release_json(request, release), "count": total, "limit": limit, "offset": offset,
               "next": following, "results": [dict(zip(columns, r, strict=True)) for r in rows]}
    return _respond(request, fmt, payload=payload, columns=columns, rows=rows, name="observations", release=release)


@_api
def aggregates(request, fmt: str):
    """Figures for countries and groups, group figures computed from their member countries."""
    indicator = _indicator(request)
    release = _release(request, indicator)
    if indicator.code not in release.indicator_codes:
        raise BadRequest(_("This release holds no figures of “%(code)s”.") % {"code": indicator.code})
    places = _places(request)
    origins = _places(request, "origin")
    if origins and len(origins) > 1:
        raise BadRequest(_("Give one origin (a country or a group)."))
    if origins and not indicator.has_origin:
        raise BadRequest(_("This indicator has no origin."))
    if places is None and not origins:
        raise BadRequest(_("Give at least one place or group, e.g. place=ARAB."))
    other = _compared_release(request, indicator)
    names = {p.code: p.name_en for p in places or []} | {"*": "All countries"}
    origin_code = origins[0].code if origins else None
    if other is not None:
        return _comparison(request, fmt, indicator=indicator, release=release, other=other, places=places,
                           origin=origins[0] if origins else None, names=names)
    figures = selectors.aggregate(indicator=indicator, release=release, places=places, years=_years(request),
                                  sexes=_sexes(request), origin=origins[0] if origins else None)
    columns = ["place", "place_name", "origin", "year", "sex", "value", "countries"]
    rows = [[f.place, names.get(f.place, f.place), origin_code, f.year, f.sex,
             round(f.value, 3) if indicator.unit == "percent" else f.value, f.countries] for f in figures]
    payload = {"release": _release_json(request, release),
               "indicator": {"code": indicator.code, "name": indicator.name, "unit": indicator.unit},
               "results": [dict(zip(columns, r, strict=True)) for r in rows]}
    return _respond(request, fmt, payload=payload, columns=columns, rows=rows, name="aggregates", release=release)


def _compared_release(request, indicator: Indicator) -> Release | None:
    """The release named by ``compare`` (seen through the user, like ``release``), or None."""
    if _given_empty(request, "compare"):
        raise BadRequest(_("Give the id of the release to compare with, e.g. compare=1 (see "
                           "/data/api/v1/releases.json)."))
    pk = request.GET.get("compare", "").strip()
    if not pk:
        return None
    other = selectors.release_get_for_user(request.user, pk)
    if indicator.code not in other.indicator_codes:
        raise BadRequest(_("The release to compare with holds no figures of “%(code)s”.") % {"code": indicator.code})
    return other


def _comparison(request, fmt: str, *, indicator, release, other, places, origin, names) -> HttpResponse:
    """Aggregates of two releases side by side, with the difference and the percentage difference."""
    percent = indicator.unit == "percent"

    def number(value):
        return None if value is None else (round(value, 3) if percent else value)

    differences = selectors.compare_releases(indicator=indicator, release=release, other=other, places=places,
                                             years=_years(request), sexes=_sexes(request), origin=origin)
    columns = ["place", "place_name", "origin", "year", "sex", "value", "compared_value", "difference",
               "percent_difference"]
    rows = [[d.place, names.get(d.place, d.place), origin.code if origin else None, d.year, d.sex, number(d.value),
             number(d.compared), number(d.difference), None if d.percent is None else round(d.percent, 3)]
            for d in differences]
    payload = {"release": _release_json(request, release), "compared_release": _release_json(request, other),
               "indicator": {"code": indicator.code, "name": indicator.name, "unit": indicator.unit},
               "results": [dict(zip(columns, r, strict=True)) for r in rows]}
    return _respond(request, fmt, payload=payload, columns=columns, rows=rows, name="comparison", release=release)


@csrf_exempt
@require_GET
def openapi_document(request):
    response = JsonResponse(openapi.document(request), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def api_index(request):
    return render(request, "data_hub/api.html", {"examples": openapi.examples(request)})
