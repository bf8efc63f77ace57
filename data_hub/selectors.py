"""Reads for the data hub, always through the user, and the figures computed from countries.

``aggregate`` is the one function that answers "how many?": for a country it reads the
country's figures; for a group it adds up (or, for shares, recomputes from) its member
countries' figures, in one query whatever the number of places asked for.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, F, Max, QuerySet, Sum
from django.http import Http404
from django.utils.translation import get_language

from data_hub import caching, permissions
from data_hub import places as place_names
from data_hub.choices import Aggregation, PlaceKind, Sex
from data_hub.models import Dataset, ImportJob, Indicator, Observation, Place, Release
from data_hub.reference import ARAB_REGION, ARAB_STATES, GROUPS

SEX_ORDER = [Sex.BOTH, Sex.MALE, Sex.FEMALE]


# Releases, datasets, imports ---------------------------------------------------------------------------


def releases_for_user(user) -> QuerySet[Release]:
    releases = Release.objects.select_related("dataset", "dataset__agency", "imported_by")
    return releases if permissions.can_view_unpublished(user) else releases.published()


def release_get_for_user(user, pk, *, write: bool = False) -> Release:
    """The release ``pk`` if the user may see it (404 otherwise); 403 if ``write`` and they may not change it."""
    try:
        release = releases_for_user(user).get(pk=pk)
    except (Release.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not permissions.can_change_release(user, release):
        raise permissions.release_change_refusal(release)
    return release


def datasets_writable_by(user) -> QuerySet[Dataset]:
    from members.permissions import is_secretariat, represented_agency_ids

    if is_secretariat(user):
        return Dataset.objects.all()
    return Dataset.objects.filter(agency_id__in=represented_agency_ids(user))


def import_jobs_for_user(user) -> QuerySet[ImportJob]:
    from members.permissions import is_secretariat

    jobs = ImportJob.objects.select_related("created_by", "dataset", "release")
    if is_secretariat(user):
        return jobs
    if not permissions.can_import(user):
        return jobs.none()
    return jobs.filter(created_by=user)


def import_job_get_for_user(user, pk, *, write: bool = False) -> ImportJob:
    if not permissions.can_import(user):
        raise permissions.import_refusal(user)
    try:
        job = import_jobs_for_user(user).get(pk=pk)
    except (ImportJob.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    return job


# Places and indicators --------------------------------------------------------------------------------


def name_field() -> str:
    language = (get_language() or "en")[:2]
    return f"name_{language}" if language in ("ar", "fr") else "name_en"


def place_get(code: str) -> Place:
    """A country or group by its code (places are public reference data)."""
    try:
        return Place.objects.get(code=str(code).upper())
    except Place.DoesNotExist:
        raise Http404 from None


def places_sorted(kind: str) -> list[Place]:
    """Countries or groups, in the alphabetical order of the active language (cached: every form lists them)."""

    def compute():
        places = list(Place.objects.filter(kind=kind).only("id", "code", "kind", "m49", "name_en", "name_ar",
                                                           "name_fr"))
        places.sort(key=lambda p: place_names.collation_key(p.name))
        return places

    return caching.cached_local(("places_sorted", str(kind), get_language(), places_stamp()), compute)


def places_stamp() -> tuple[int, int]:
    """How many places there are and the last id: in the keys of cached place lists, so that a place added
    or removed other than through a service (which moves the data version on) is seen at once."""
    stamp = Place.objects.aggregate(n=Count("id"), last=Max("id"))
    return stamp["n"], stamp["last"] or 0


def places_sorted_members(group: Place) -> list[Place]:
    """A group's member countries, in the alphabetical order of the active language (kept by data version: a
    change to a group moves it on)."""

    def compute():
        members = list(group.members.only("id", "code", "kind", "m49", "name_en", "name_ar", "name_fr"))
        members.sort(key=lambda p: place_names.collation_key(p.name))
        return members

    return caching.cached_local(("places_sorted_members", group.pk, get_language()), compute)


def places_for_pickers() -> tuple[list[Place], list[Place], list[Place]]:
    """(groups, the 22 Arab States, the rest of the world) as place pickers list them (``places.picker_order``)."""

    def compute():
        places = Place.objects.only("id", "code", "kind", "m49", "name_en", "name_ar", "name_fr")
        return place_names.picker_order(places, group_order=[code for code, *_rest in GROUPS],
                                        arab_states=ARAB_STATES)

    # One query for the stamp, and on a miss one for the places (the pages' pinned query counts).
    return caching.cached_local(("places_for_pickers", get_language(), places_stamp()), compute)


def groups_for_user(user) -> QuerySet[Place]:
    return Place.objects.filter(kind=PlaceKind.GROUP).prefetch_related("members").select_related("created_by")


def group_get_for_user(user, code: str, *, write: bool = False) -> Place:
    try:
        group = groups_for_user(user).get(code=str(code).upper())
    except Place.DoesNotExist:
        raise Http404 from None
    if write and not permissions.can_change_group(user, group):
        raise PermissionDenied
    return group


def member_ids(place: Place) -> list[int]:
    """The countries a place stands for: itself, or a group's members."""
    if not place.is_group:
        return [place.pk]
    return caching.cached(("members", place.pk), lambda: sorted(place.members.values_list("pk", flat=True)))


def indicators_of(release: Release) -> list[Indicator]:
    return list(Indicator.objects.filter(code__in=release.indicator_codes).order_by("name_en"))


def indicators_with_data(releases: list[Release]) -> list[Indicator]:
    """Indicators held by at least one of ``releases`` (those the user may see: ``releases_for_user``), built-in
    first, then by name: the explorer offers no indicator that has no figures to show."""
    codes = {code for release in releases for code in release.indicator_codes}
    return list(Indicator.objects.filter(code__in=codes).order_by("-is_builtin", "name_en"))


def indicator_get(code: str) -> Indicator:
    try:
        return Indicator.objects.get(code=code)
    except Indicator.DoesNotExist:
        raise Http404 from None


# The order in which releases stand in for an indicator, spelt out so that PostgreSQL and SQLite agree (they
# put empty values at opposite ends by default): the secretariat's datasets (no agency: UN DESA's series)
# first, then published before unpublished (for group members, who see both), then the newest import.
DEFAULT_RELEASE_ORDER = (F("dataset__agency_id").asc(nulls_first=True), F("is_published").desc(),
                         F("imported_at").desc(), F("pk").desc())


def default_release(indicator: Indicator, user=None) -> Release | None:
    """The release pages, the API and report blocks use when none is named: the current release holding this
    indicator (any release holding it if none is current), in ``DEFAULT_RELEASE_ORDER``. Without a user, only
    published releases."""
    releases = releases_for_user(user) if user is not None else Release.objects.published().select_related("dataset")
    candidates = [r for r in releases.filter(is_current=True).order_by(*DEFAULT_RELEASE_ORDER)
                  if indicator.code in r.indicator_codes]
    if candidates:
        return candidates[0]
    others = [r for r in releases.order_by(*DEFAULT_RELEASE_ORDER) if indicator.code in r.indicator_codes]
    return others[0] if others else None


def default_releases(indicators: list[Indicator], user=None) -> dict[str, Release | None]:
    """``default_release`` of each indicator, by code, from one query of the releases (pages that show
    several indicators: a country's page)."""
    releases = releases_for_user(user) if user is not None else Release.objects.published().select_related("dataset")
    ordered = list(releases.order_by(*DEFAULT_RELEASE_ORDER))
    chosen = {}
    for indicator in indicators:
        holding = [r for r in ordered if indicator.code in r.indicator_codes]
        chosen[indicator.code] = next((r for r in holding if r.is_current), holding[0] if holding else None)
    return chosen


def releases_with_indicator(user, indicator: Indicator) -> list[Release]:
    return [r for r in releases_for_user(user).order_by("-is_current", "-imported_at")
            if indicator.code in r.indicator_codes]


# Figures ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One value for a place (country or group), year and sex; ``countries``: how many countries it sums."""

    place: str
    year: int
    sex: str
    value: float
    countries: int = 1


def _sum_by_place(qs: QuerySet, places: list[Place] | None) -> dict[tuple, tuple[float, int]]:
    """{(place code, year, sex): (sum, countries)} for countries and groups, in at most two queries."""
    out = {}
    if places is None:
        rows = qs.values("year", "sex").annotate(total=Sum("value"), n=Count("place_id", distinct=True))
        for row in rows:
            out[("*", row["year"], row["sex"])] = (row["total"], row["n"])
        return out
    countries = {p.pk: p.code for p in places if not p.is_group}
    groups = {p.pk: p.code for p in places if p.is_group}
    if countries:
        rows = qs.filter(place_id__in=countries).values("place_id", "year", "sex").annotate(
            total=Sum("value"), n=Count("place_id", distinct=True))
        for row in rows:
            out[(countries[row["place_id"]], row["year"], row["sex"])] = (row["total"], row["n"])
    if groups:
        rows = qs.filter(place__groups__in=groups).values("place__groups", "year", "sex").annotate(
            total=Sum("value"), n=Count("place_id", distinct=True))
        for row in rows:
            out[(groups[row["place__groups"]], row["year"], row["sex"])] = (row["total"], row["n"])
    return out


def _base_queryset(release: Release, indicator: Indicator, years, sexes, origin: Place | None) -> QuerySet:
    qs = Observation.objects.filter(release_id=release.pk, indicator_id=indicator.pk)
    if years:
        qs = qs.filter(year__in=years)
    if sexes:
        qs = qs.filter(sex__in=sexes)
    if indicator.has_origin:
        if origin is None:
            qs = qs.filter(origin__isnull=False)
        elif origin.is_group:
            qs = qs.filter(origin__groups=origin)
        else:
            qs = qs.filter(origin_id=origin.pk)
    else:
        qs = qs.filter(origin__isnull=True)
    return qs


def aggregate(*, indicator: Indicator, release: Release, places: list[Place] | None, years=None, sexes=None,
              origin: Place | None = None) -> list[Figure]:
    """Figures for countries and groups (computed from their countries), by year and sex.

    ``places=None`` adds up every country (e.g. all destinations of a group's emigrants, with
    ``origin`` the group). Shares are recomputed for groups from the underlying counts of the
    same release: female migrants / all migrants, migrants / population.
    """
    years = sorted({int(y) for y in years}) if years else None
    if years and release.years:
        # Only the release's years go into the cache key: years it lacks (any number a visitor sends) have no figures.
        years = [y for y in years if y in set(release.years)]
        if not years:
            return []
    sexes = sorted(set(sexes)) if sexes else None
    parts = ("aggregate", release.pk, release.imported_at.timestamp(), release.file_sha256, indicator.pk,
             tuple(sorted(p.pk for p in places)) if places is not None else None, years, sexes,
             origin.pk if origin else None)
    return caching.cached(parts, lambda: _aggregate(indicator, release, places, years, sexes, origin))


def _aggregate(indicator, release, places, years, sexes, origin) -> list[Figure]:
    groups_asked = places is None or any(p.is_group for p in places)
    derived = indicator.aggregation in (Aggregation.FEMALE_SHARE, Aggregation.SHARE_OF_POPULATION)
    results: dict[tuple, tuple[float, int]] = {}
    if not derived or not groups_asked:
        results = _sum_by_place(_base_queryset(release, indicator, years, sexes, origin), places)
        if indicator.aggregation == Aggregation.NONE:
            results = {k: v for k, v in results.items() if v[1] == 1 and k[0] != "*"}
    if derived and groups_asked:
        group_places = [p for p in places if p.is_group] if places is not None else None
        country_places = [p for p in places if not p.is_group] if places is not None else []
        if country_places:
            results.update(_sum_by_place(_base_queryset(release, indicator, years, sexes, origin), country_places))
        results.update(_derived(indicator, release, group_places, years, sexes))
    return [Figure(place=k[0], year=k[1], sex=k[2], value=v[0], countries=v[1])
            for k, v in sorted(results.items(), key=lambda item: (item[0][0], item[0][1], _sex_rank(item[0][2])))]


def _derived(indicator, release, groups, years, sexes) -> dict[tuple, tuple[float, int]]:
    """Shares for groups, from the sums of the counts they are shares of."""
    stock = Indicator.objects.filter(code="migrant_stock").first()
    if stock is None:
        return {}
    if indicator.aggregation == Aggregation.FEMALE_SHARE:
        sums = _sum_by_place(_base_queryset(release, stock, years, [Sex.BOTH, Sex.FEMALE], None), groups)
        out = {}
        for (place, year, sex), (total, n) in sums.items():
            if sex != Sex.FEMALE:
                continue
            both = sums.get((place, year, Sex.BOTH))
            if both and both[0]:
                out[(place, year, Sex.FEMALE)] = (100.0 * total / both[0], n)
        return {k: v for k, v in out.items() if not sexes or k[2] in sexes}
    population = Indicator.objects.filter(code="population").first()
    if population is None:
        return {}
    migrants = _sum_by_place(_base_queryset(release, stock, years, sexes, None), groups)
    people = _sum_by_place(_base_queryset(release, population, years, sexes, None), groups)
    return {k: (100.0 * v[0] / people[k][0], v[1]) for k, v in migrants.items() if people.get(k) and people[k][0]}


def _sex_rank(sex: str) -> int:
    return {"T": 0, "M": 1, "F": 2}.get(sex, 3)


@dataclass(frozen=True)
class Difference:
    """One place, year and sex in two releases: ``value`` in the release read, ``compared`` in the other."""

    place: str
    year: int
    sex: str
    value: float | None
    compared: float | None

    @property
    def difference(self) -> float | None:
        """What the release read changes: its value minus the other's."""
        return None if self.value is None or self.compared is None else self.value - self.compared

    @property
    def percent(self) -> float | None:
        difference = self.difference
        return None if difference is None or not self.compared else 100.0 * difference / self.compared


def compare_releases(*, indicator: Indicator, release: Release, other: Release, places: list[Place] | None,
                     years=None, sexes=None, origin: Place | None = None) -> list[Difference]:
    """Figures of two releases side by side (group figures computed from countries in each), by place, year and
    sex; a year or sex only one of them has is kept, with None for the other."""
    ours = aggregate(indicator=indicator, release=release, places=places, years=years, sexes=sexes, origin=origin)
    theirs = aggregate(indicator=indicator, release=other, places=places, years=years, sexes=sexes, origin=origin)
    values = {(f.place, f.year, f.sex): f.value for f in ours}
    compared = {(f.place, f.year, f.sex): f.value for f in theirs}
    keys = sorted(values.keys() | compared.keys(), key=lambda k: (k[0], k[1], _sex_rank(k[2])))
    return [Difference(place=k[0], year=k[1], sex=k[2], value=values.get(k), compared=compared.get(k)) for k in keys]


def figures_table(figures: list[Figure], places: list[Place], sexes: list[str]) -> list[dict]:
    """Rows for a table: one per place and year, with a value per sex (None where there is none)."""
    by_key = defaultdict(dict)
    for f in figures:
        by_key[(f.place, f.year)][f.sex] = f
    order = {p.code: i for i, p in enumerate(places)}
    names = {p.code: p.name for p in places}
    rows = []
    for (code, year), values in sorted(by_key.items(), key=lambda kv: (order.get(kv[0][0], 999), kv[0][1])):
        rows.append({"place": code, "place_name": names.get(code, code), "year": year,
                     "values": [values[s].value if s in values else None for s in sexes],
                     "countries": max(f.countries for f in values.values())})
    return rows


def observations_for_api(*, user, release: Release, indicator: Indicator | None, places: list[Place] | None,
                         years=None, sexes=None) -> QuerySet[Observation]:
    """Stored figures (countries only) of a visible release, for the API and downloads."""
    qs = Observation.objects.filter(release_id=release.pk).select_related("indicator", "place", "origin")
    if indicator is not None:
        qs = qs.filter(indicator_id=indicator.pk)
    if places is not None:
        ids = sorted({pk for p in places for pk in member_ids(p)})
        qs = qs.filter(place_id__in=ids)
    if years:
        qs = qs.filter(year__in=years)
    if sexes:
        qs = qs.filter(sex__in=sexes)
    return qs.order_by("indicator_id", "place_id", "origin_id", "year", "sex")


# Country and group pages ------------------------------------------------------------------------------


def ranked(*, release: Release, indicator: Indicator, year: int, destination: Place | None = None,
           origin: Place | None = None, limit: int = 10) -> list[tuple[Place, float]]:
    """Main origins of a destination (``destination`` given) or main destinations of a place's emigrants."""

    def compute():
        qs = Observation.objects.filter(release_id=release.pk, indicator_id=indicator.pk, year=year, sex=Sex.BOTH,
                                        origin__isnull=False)
        if destination is not None:
            qs = qs.filter(place_id__in=member_ids(destination))
            field = "origin_id"
        else:
            qs = qs.filter(origin_id__in=member_ids(origin))
            field = "place_id"
        rows = list(qs.values(field).annotate(total=Sum("value")).filter(total__gt=0).order_by("-total")[:limit])
        places = Place.objects.in_bulk([r[field] for r in rows])
        return [(places[r[field]], r["total"]) for r in rows]

    parts = ("ranked", release.pk, release.imported_at.timestamp(), indicator.pk, year,
             destination.pk if destination else None, origin.pk if origin else None, limit)
    return caching.cached(parts, compute)


def arab_region() -> Place | None:
    return Place.objects.filter(code=ARAB_REGION).first()


def latest_year(release: Release) -> int | None:
    years = release.years
    return max(years) if years else None


# Data quality -----------------------------------------------------------------------------------------


def coverage(*, release: Release, indicator: Indicator, places: list[Place], years: list[int]) -> dict:
    """Which of place x year x sex have a figure, for the countries listed (one query)."""
    present = set(
        Observation.objects.filter(release_id=release.pk, indicator_id=indicator.pk, origin__isnull=True,
                                   place_id__in=[p.pk for p in places]).values_list("place_id", "year", "sex")
    ) if not indicator.has_origin else set(
        Observation.objects.filter(release_id=release.pk, indicator_id=indicator.pk,
                                   place_id__in=[p.pk for p in places])
        .values_list("place_id", "year", "sex").distinct()
    )
    rows = []
    for place in places:
        cells = []
        for year in years:
            have = [s for s in SEX_ORDER if (place.pk, year, s.value) in present]
            missing = [s for s in SEX_ORDER if s not in have]
            cells.append({"year": year, "have": have, "missing": missing})
        rows.append({"place": place, "cells": cells, "missing": sum(len(c["missing"]) for c in cells)})
    return {"rows": rows, "expected": len(places) * len(years) * 3,
            "present": sum(3 * len(years) - r["missing"] for r in rows)}


def sex_disaggregation(release: Release) -> list[dict]:
    """Per indicator of the release: keys (place, origin, year) with a figure, and how many have male and female.

    One grouped query over the release (cached): the inner query marks each key, the outer counts per indicator.
    """

    def compute():
        table = Observation._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indicator_id, COUNT(*), SUM(CASE WHEN m > 0 AND f > 0 THEN 1 ELSE 0 END) FROM ("
                "SELECT indicator_id, place_id, origin_id, year, "
                "SUM(CASE WHEN sex = 'M' THEN 1 ELSE 0 END) AS m, SUM(CASE WHEN sex = 'F' THEN 1 ELSE 0 END) AS f "
                f"FROM {table} WHERE release_id = %s GROUP BY indicator_id, place_id, origin_id, year) keyed "
                "GROUP BY indicator_id", [release.pk])
            return [(pk, int(keys), int(both or 0)) for pk, keys, both in cursor.fetchall()]

    counts = caching.cached(("sex_disaggregation", release.pk, release.imported_at.timestamp()), compute)
    indicators = Indicator.objects.in_bulk([pk for pk, _keys, _both in counts])
    rows = [{"indicator": indicators[pk], "keys": keys, "disaggregated": both,
             "share": (100.0 * both / keys) if keys else 0.0} for pk, keys, both in counts if pk in indicators]
    rows.sort(key=lambda r: r["indicator"].name)
    return rows


def release_counts(release: Release) -> dict:
    return Observation.objects.filter(release_id=release.pk).aggregate(
        figures=Count("id"), places=Count("place_id", distinct=True), last_year=Max("year"))
