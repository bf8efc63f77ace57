"""Maps with their table and source, ready to show: explorer, group and country pages, report blocks.

Each function returns a ``blocks.DataBlock`` whose ``svg`` is a choropleth (``data_hub.maps``) and whose
rows are the table shown beside it, so that pages (``includes/block.html``) and the reports' PDFs
show a map exactly as they show a chart. Built once per data version, language and question
(``caching.cached``): the map is the same for every visitor.
"""

from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from data_hub import caching, charts, maps, selectors
from data_hub.blocks import BlockError, DataBlock, sex_labels, short_source
from data_hub.choices import PlaceKind, Sex
from data_hub.models import Indicator, Place, Release
from data_hub.reference import ARAB_REGION, GROUPS

CORRIDORS = 10
# The 22 States of the League (the reference group, which nobody can edit): the region's frame shows them.
ARAB_STATES = frozenset(next(members for code, *_names, members in GROUPS if code == ARAB_REGION))


def _frame_for(countries: list[Place]) -> str:
    """The Arab region's frame when every country is one of its States, the world's otherwise."""
    return "region" if countries and all(c.code in ARAB_STATES for c in countries) else "world"


def _year(release: Release, years) -> int:
    available = [y for y in release.years if not years or y in years]
    if not available:
        raise BlockError(_("The release %(revision)s has no figures for the years asked for.")
                         % {"revision": release.revision})
    return max(available)


def countries_of(codes: list[str]) -> list[Place]:
    """The countries that place or group codes stand for, each once, in the reader's order (one query)."""
    found = list(Place.objects.filter(Q(code__in=codes) | Q(groups__code__in=codes), kind=PlaceKind.COUNTRY)
                 .distinct().only("id", "code", "kind", "m49", "name_en", "name_ar", "name_fr"))
    found.sort(key=lambda p: p.name.casefold())
    return found


def _rows(areas: list[maps.Area], breaks: list[float], labels: list[str], convert) -> list[list]:
    """Largest first, countries without a figure last (still listed: small States too)."""
    ordered = sorted(areas, key=lambda a: (a.value is None, -(a.value or 0), a.name.casefold()))
    return [[a.name, None if a.value is None else convert(a.value),
             labels[maps.class_of(a.value, breaks)] if a.value is not None and labels else "—"] for a in ordered]


def _build_countries_map(indicator, release, countries, year, sex, origin, title) -> DataBlock:
    figures = selectors.aggregate(indicator=indicator, release=release, places=countries, years=[year],
                                  sexes=[sex], origin=origin)
    values = {f.place: f.value for f in figures}
    percent = indicator.unit == "percent"
    areas = [maps.Area(m49=c.m49, name=c.name, value=values.get(c.code)) for c in countries if c.m49]
    breaks = maps.class_breaks([a.value for a in areas if a.value is not None])
    labels = maps.class_labels(breaks, percent=percent)
    with_figures = [a for a in areas if a.value is not None]
    if with_figures:
        top = max(with_figures, key=lambda a: a.value)
        low = min(with_figures, key=lambda a: a.value)
        description = _("%(count)s of %(total)s countries have a figure; the highest is %(top)s (%(top_value)s), "
                        "the lowest %(low)s (%(low_value)s). The figures are in the table beside the map.") % {
            "count": len(with_figures), "total": len(areas), "top": top.name,
            "top_value": charts.format_value(top.value, percent=percent), "low": low.name,
            "low_value": charts.format_value(low.value, percent=percent)}
    else:
        description = _("No figures to show.")
    svg = maps.choropleth(frame=_frame_for(countries), title=title, description=description, areas=areas,
                          percent=percent, source=short_source(release))
    convert = (lambda v: round(v, 1)) if percent else (lambda v: v if indicator.unit == "usd" else int(round(v)))
    return DataBlock(title=title, columns=[_("Country"), indicator.name, _("Class")],
                     rows=_rows(areas, breaks, labels, convert), svg=str(svg), citation=release.citation,
                     release_id=release.pk, percent_columns=[1] if percent else [], label_columns=[0, 2])


def countries_map(*, indicator: Indicator, release: Release, codes: list[str], years=None, sex: str = Sex.BOTH,
                  origin: Place | None = None) -> DataBlock:
    """An indicator for the countries of ``codes`` (a group's code stands for its members) in the latest year asked
    for.

    The Arab region's frame when they are all Arab States, the world's otherwise; every country is in
    the table, with its figure and its class, those without a figure too.
    """
    year = _year(release, years)
    if indicator.aggregation == "female_share":
        sex = Sex.FEMALE
    countries = countries_of(codes)
    sex_name = sex_labels().get(sex, sex)
    title = _("%(indicator)s, %(year)s, %(sex)s") % {"indicator": indicator.name, "year": year, "sex": sex_name}
    if origin is not None:
        title = _("%(indicator)s, origin: %(origin)s, %(year)s, %(sex)s") % {
            "indicator": indicator.name, "origin": origin.name, "year": year, "sex": sex_name}
    parts = ("countries_map", get_language(), indicator.pk, release.pk, release.imported_at.timestamp(),
             tuple(c.pk for c in countries), year, str(sex), origin.pk if origin else None)
    return caching.cached(parts, lambda: _build_countries_map(indicator, release, countries, year, sex, origin,
                                                             title))


def _build_corridors(place, release, year, emigrants, indicator) -> DataBlock:
    indicator = indicator or selectors.indicator_get("od_migrant_stock")
    if emigrants:
        ranked = selectors.ranked(release=release, indicator=indicator, year=year, origin=place, limit=1000)
        title = _("Where emigrants from %(place)s live, %(year)s") % {"place": place.name, "year": year}
        first_column = _("Country of destination")
    else:
        ranked = selectors.ranked(release=release, indicator=indicator, year=year, destination=place, limit=1000)
        title = _("Where immigrants in %(place)s come from, %(year)s") % {"place": place.name, "year": year}
        first_column = _("Country of origin")
    ranked = [(p, v) for p, v in ranked if p.kind == PlaceKind.COUNTRY]
    total = sum(v for _p, v in ranked)
    areas = [maps.Area(m49=p.m49, name=p.name, value=v) for p, v in ranked if p.m49]
    top = ranked[:CORRIDORS]
    if top:
        description = _("%(count)s countries. The ten main corridors, largest first: %(list)s. They are in the "
                        "table beside the map.") % {
            "count": len(ranked),
            "list": "; ".join(f"{p.name} {charts.format_value(v)}" for p, v in top)}
    else:
        description = _("No figures to show.")
    highlight = place.m49 if not place.is_group else None
    svg = maps.choropleth(frame="world", title=title, description=description, areas=areas,
                          source=short_source(release), highlight=highlight)
    rows = [[i, p.name, int(round(v)), round(100.0 * v / total, 1) if total else None]
            for i, (p, v) in enumerate(top, start=1)]
    return DataBlock(title=title, columns=[_("Rank"), first_column, _("Migrants"), _("Share of all (%)")],
                     rows=rows, svg=str(svg), citation=release.citation, release_id=release.pk,
                     percent_columns=[3], label_columns=[0, 1])


def corridors_map(*, place: Place, release: Release, emigrants: bool, years=None,
                  indicator: Indicator | None = None) -> DataBlock:
    """Where a place's emigrants live (``emigrants``) or where its immigrants come from, on a world map.

    Every partner country is coloured by class; the table ranks the ten main corridors with their
    share of all the place's emigrants (or immigrants).
    """
    year = _year(release, years)
    parts = ("corridors_map", get_language(), place.pk, release.pk, release.imported_at.timestamp(), year,
             bool(emigrants))
    return caching.cached(parts, lambda: _build_corridors(place, release, year, emigrants, indicator))
