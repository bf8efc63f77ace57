"""Tables with their chart and source, ready to show: for the explorer, the country pages and the reports.

The reports app calls ``resolve(spec)`` with a small dict and gets a ``DataBlock`` back::

    resolve({"kind": "stock_by_sex", "place": "ARAB", "years": [2010, 2019]})
    resolve({"kind": "female_share", "place": "JOR"})
    resolve({"kind": "top_origins", "place": "GCC", "limit": 5, "release": 12})

``kind`` is one of ``stock_by_sex`` (international migrant stock by sex over the years),
``female_share`` (female migrants as a share of all migrants), ``top_origins`` (main countries
of origin of the migrants living in the place, in the latest year asked for) and ``map`` (a
choropleth, ``data_hub.map_blocks``: a group's member countries by migrant stock, or, for a
country, where its emigrants live; the latest year asked for). ``place`` is an ISO
3166 alpha-3 code or a group code (ARAB, MAGHREB, MASHREQ, GCC, ARAB_LDC, or a group users
defined); group figures are computed from the member countries. ``years`` (list of ints) narrows
the years; ``release`` (a release id) pins the source, otherwise the current published release
holding the indicator is used (``selectors.default_release``); an unpublished release never is.
Labels follow the active language (``translation.override``).

Rows hold numbers (counts as integers, shares rounded to one decimal, ``None`` where there is no
figure); ``formatted_rows()`` gives them as the pages show them. ``BlockError`` says, in words a
report author can act on, why a spec cannot be resolved.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from data_hub import charts, selectors
from data_hub.choices import Sex
from data_hub.models import Indicator, Place, Release

KINDS = ("stock_by_sex", "female_share", "top_origins", "map")
SEXES = [Sex.BOTH, Sex.MALE, Sex.FEMALE]


class BlockError(Exception):
    """A block spec that cannot be resolved; the message says why."""


@dataclass
class DataBlock:
    """A titled table of figures, its accessible SVG chart and the citation of its source."""

    title: str
    columns: list[str]
    rows: list[list]
    svg: str
    citation: str
    release_id: int | None = None
    percent_columns: list[int] = field(default_factory=list)
    # Columns shown as they are (names, years), not formatted as figures.
    label_columns: list[int] = field(default_factory=lambda: [0])
    # For downloads (ISO3 and M49 columns): the place every row is about, or the place of each row (its first
    # column names it). Class-level defaults, so that blocks cached before these fields existed still read.
    place: Place | None = None
    row_places: tuple = ()

    @property
    def fits_beside_chart(self) -> bool:
        """Whether the table fits in the narrow column beside its chart (four columns at most); a wider
        one goes under the chart, where it has the page's width."""
        return len(self.columns) <= 4

    def formatted_rows(self) -> list[list[str]]:
        """Rows as text: grouped thousands, shares with one decimal and a per-cent sign, "—" for no figure."""
        out = []
        for row in self.rows:
            cells = []
            for i, value in enumerate(row):
                if isinstance(value, (int, float)) and not isinstance(value, bool) and i not in self.label_columns:
                    cells.append(charts.format_value(value, percent=i in self.percent_columns))
                elif value is None:
                    cells.append("—")
                else:
                    cells.append(str(value))
            out.append(cells)
        return out


def short_source(release: Release) -> str:
    """The publisher and revision, short enough to print under a chart (the table gives the full citation)."""
    return f"{release.publisher}, {release.revision}"


def sex_labels() -> dict[str, str]:
    return {s.value: str(s.label) for s in SEXES}


def _count(value: float | None) -> int | None:
    return None if value is None else int(round(value))


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# Builders -----------------------------------------------------------------------------------------------


def stock_by_sex(*, place: Place, release: Release, years=None) -> DataBlock:
    indicator = _indicator("migrant_stock")
    figures = selectors.aggregate(indicator=indicator, release=release, places=[place], years=years)
    by_year: dict[int, dict[str, float]] = {}
    for f in figures:
        by_year.setdefault(f.year, {})[f.sex] = f.value
    labels = sex_labels()
    rows = [[year, *(_count(values.get(s)) for s in SEXES)] for year, values in sorted(by_year.items())]
    title = _("International migrant stock by sex, %(place)s") % {"place": place.name}
    series = [charts.Series(label=labels[s], sex=s, points=[(r[0], r[i + 1]) for r in rows], colour=charts.PALETTE[i])
              for i, s in enumerate(SEXES)]
    svg = charts.line_chart(title=title, description=charts.describe_series(series), series=series,
                            source=short_source(release))
    return DataBlock(title=title, columns=[_("Year"), *labels.values()], rows=rows, svg=str(svg),
                     citation=release.citation, release_id=release.pk, place=place)


def female_share(*, place: Place, release: Release, years=None) -> DataBlock:
    indicator = _indicator("female_share")
    figures = selectors.aggregate(indicator=indicator, release=release, places=[place], years=years)
    rows = [[f.year, _share(f.value)] for f in figures if f.sex == Sex.FEMALE]
    title = _("Female migrants as a share of all international migrants, %(place)s") % {"place": place.name}
    series = [charts.Series(label=_("Female share"), sex="F", points=[(r[0], r[1]) for r in rows])]
    svg = charts.line_chart(title=title, description=charts.describe_series(series, percent=True), series=series,
                            percent=True, source=short_source(release))
    return DataBlock(title=title, columns=[_("Year"), _("Female share (%)")], rows=rows, svg=str(svg),
                     citation=release.citation, release_id=release.pk, percent_columns=[1], place=place)


def top_places(*, place: Place, release: Release, years=None, limit: int = 10, origins: bool = True) -> DataBlock:
    """Main countries of origin of a place's migrants (``origins``), or main destinations of its emigrants."""
    indicator = _indicator("od_migrant_stock")
    available = [y for y in release.years if not years or y in years]
    if not available:
        raise BlockError(_("The release %(revision)s has no figures for the years asked for.")
                         % {"revision": release.revision})
    year = max(available)
    if origins:
        ranked = selectors.ranked(release=release, indicator=indicator, year=year, destination=place, limit=limit)
        total = selectors.aggregate(indicator=indicator, release=release, places=[place], years=[year],
                                    sexes=[Sex.BOTH])
        title = _("Main countries of origin of international migrants in %(place)s, %(year)s")
        first_column = _("Country of origin")
    else:
        ranked = selectors.ranked(release=release, indicator=indicator, year=year, origin=place, limit=limit)
        total = selectors.aggregate(indicator=indicator, release=release, places=None, origin=place, years=[year],
                                    sexes=[Sex.BOTH])
        title = _("Main countries of destination of emigrants from %(place)s, %(year)s")
        first_column = _("Country of destination")
    title = title % {"place": place.name, "year": year}
    all_migrants = total[0].value if total else 0
    rows = [[p.name, _count(v), _share(100.0 * v / all_migrants) if all_migrants else None] for p, v in ranked]
    svg = charts.bar_chart(
        title=title,
        description=" ".join(_("%(name)s: %(value)s.") % {"name": r[0], "value": charts.format_value(r[1])}
                             for r in rows) or _("No figures to show."),
        bars=[(r[0], r[1]) for r in rows], source=short_source(release),
    )
    return DataBlock(title=title, columns=[first_column, _("Migrants"), _("Share of all (%)")], rows=rows,
                     svg=str(svg), citation=release.citation, release_id=release.pk, percent_columns=[2],
                     row_places=tuple(p for p, _v in ranked))


def emigrants_by_region(*, place: Place, release: Release, region: Place, years=None) -> DataBlock:
    """Where a place's emigrants live: inside the (Arab) region, outside it, by year."""
    indicator = _indicator("od_migrant_stock")
    total = {f.year: f.value for f in selectors.aggregate(
        indicator=indicator, release=release, places=None, origin=place, years=years, sexes=[Sex.BOTH])}
    inside = {f.year: f.value for f in selectors.aggregate(
        indicator=indicator, release=release, places=[region], origin=place, years=years, sexes=[Sex.BOTH])}
    rows = []
    for year in sorted(total):
        within = inside.get(year, 0.0)
        rows.append([year, _count(total[year]), _count(within), _count(total[year] - within),
                     _share(100.0 * within / total[year]) if total[year] else None])
    title = _("Emigrants from %(place)s living inside and outside the %(region)s") % {
        "place": place.name, "region": region.name}
    series = [
        charts.Series(label=_("Inside"), sex="T", points=[(r[0], r[2]) for r in rows]),
        charts.Series(label=_("Outside"), sex="M", points=[(r[0], r[3]) for r in rows]),
    ]
    svg = charts.line_chart(title=title, description=charts.describe_series(series), series=series,
                            source=short_source(release))
    return DataBlock(title=title, columns=[_("Year"), _("All emigrants"), _("Inside"), _("Outside"),
                                           _("Share inside (%)")],
                     rows=rows, svg=str(svg), citation=release.citation, release_id=release.pk, percent_columns=[4],
                     place=place)


def explorer_table(*, indicator: Indicator, release: Release, places: list[Place], years, sexes: list[str],
                   origin: Place | None = None) -> DataBlock:
    """The explorer's view: one row per place and year, a column per sex; a line per place and sex."""
    figures = selectors.aggregate(indicator=indicator, release=release, places=places, years=years, sexes=sexes,
                                  origin=origin)
    table = selectors.figures_table(figures, places, sexes)
    by_code = {p.code: p for p in places}
    labels = sex_labels()
    percent = indicator.unit == "percent"
    convert = _share if percent else (lambda v: v if indicator.unit == "usd" else _count(v))
    rows = [[r["place_name"], r["year"], *(convert(v) for v in r["values"])] for r in table]
    columns = [_("Place"), _("Year"), *(labels[s] for s in sexes)]
    title = indicator.name
    if origin is not None:
        title = _("%(indicator)s, origin: %(origin)s") % {"indicator": indicator.name, "origin": origin.name}
    series = []
    for i, place in enumerate(places):
        for j, sex in enumerate(sexes):
            # One place: a colour per sex; several: a colour per place, the sex told by dash and marker.
            colour = charts.PALETTE[(j if len(places) == 1 else i) % len(charts.PALETTE)]
            points = [(r["year"], r["values"][j]) for r in table if r["place"] == place.code]
            if any(v is not None for _x, v in points):
                if len(places) == 1:
                    label = labels[sex]
                else:
                    label = place.name if len(sexes) == 1 else f"{place.name} — {labels[sex]}"
                series.append(charts.Series(label=label, sex=sex, points=points, colour=colour))
    svg = charts.line_chart(title=title, description=charts.describe_series(series, percent=percent), series=series,
                            percent=percent, source=short_source(release))
    return DataBlock(title=title, columns=columns, rows=rows, svg=str(svg), citation=release.citation,
                     release_id=release.pk, percent_columns=list(range(2, 2 + len(sexes))) if percent else [],
                     label_columns=[0, 1], row_places=tuple(by_code[r["place"]] for r in table))


# The reports' entry point -----------------------------------------------------------------------------


def _indicator(code: str) -> Indicator:
    try:
        return Indicator.objects.get(code=code)
    except Indicator.DoesNotExist:
        raise BlockError(_("The indicator “%(code)s” does not exist.") % {"code": code}) from None


def _place(code) -> Place:
    if not isinstance(code, str) or not code.strip():
        raise BlockError(_("The block names no place: give an ISO 3166 alpha-3 code or a group code such as ARAB."))
    try:
        return Place.objects.get(code=code.strip().upper())
    except Place.DoesNotExist:
        raise BlockError(_("Unknown place “%(code)s”: give an ISO 3166 alpha-3 code or a group code such as ARAB.")
                         % {"code": code}) from None


def _release(spec: dict, indicator: Indicator) -> Release:
    pk = spec.get("release")
    if pk in (None, ""):
        release = selectors.default_release(indicator)
        if release is None:
            raise BlockError(_("No published release holds “%(indicator)s” yet: import one in the data hub.")
                             % {"indicator": indicator.name})
        return release
    try:
        release = Release.objects.select_related("dataset").get(pk=int(pk))
    except (Release.DoesNotExist, TypeError, ValueError):
        raise BlockError(_("The release %(id)s does not exist (it may have been deleted).") % {"id": pk}) from None
    if not release.is_published:
        # A report is read by everyone: it never shows figures that are not public (yet, or any more).
        raise BlockError(_("The release %(revision)s is not published: a report can only show published figures.")
                         % {"revision": release.revision})
    if indicator.code not in release.indicator_codes:
        raise BlockError(_("The release %(revision)s holds no figures of “%(indicator)s”.")
                         % {"revision": release.revision, "indicator": indicator.name})
    return release


def _years(spec: dict) -> list[int] | None:
    years = spec.get("years")
    if years in (None, []):
        return None
    if not isinstance(years, (list, tuple)):
        raise BlockError(_("“years” must be a list of years, e.g. [2010, 2019]."))
    try:
        return [int(y) for y in years]
    except (TypeError, ValueError):
        raise BlockError(_("“years” must be a list of years, e.g. [2010, 2019].")) from None


def resolve(spec: dict) -> DataBlock:
    """The block a report asks for; ``BlockError`` with a clear message when it cannot be made."""
    if not isinstance(spec, dict):
        raise BlockError(_("A block spec must be a dictionary."))
    kind = spec.get("kind")
    if kind not in KINDS:
        raise BlockError(_("Unknown kind of block “%(kind)s”; use one of: %(kinds)s.")
                         % {"kind": kind, "kinds": ", ".join(KINDS)})
    place = _place(spec.get("place"))
    years = _years(spec)
    if kind == "stock_by_sex":
        indicator = _indicator("migrant_stock")
        block = stock_by_sex(place=place, release=_release(spec, indicator), years=years)
    elif kind == "female_share":
        indicator = _indicator("female_share")
        block = female_share(place=place, release=_release(spec, indicator), years=years)
    elif kind == "map":
        from data_hub import map_blocks  # map_blocks builds on this module

        if place.is_group:
            indicator = _indicator("migrant_stock")
            block = map_blocks.countries_map(indicator=indicator, release=_release(spec, indicator), codes=[place.code],
                                             years=years)
        else:
            indicator = _indicator("od_migrant_stock")
            block = map_blocks.corridors_map(place=place, release=_release(spec, indicator), emigrants=True,
                                             years=years)
    else:
        indicator = _indicator("od_migrant_stock")
        try:
            limit = max(1, min(50, int(spec.get("limit", 10))))
        except (TypeError, ValueError):
            raise BlockError(_("“limit” must be a whole number.")) from None
        block = top_places(place=place, release=_release(spec, indicator), years=years, limit=limit)
    if not block.rows:
        raise BlockError(_("There are no figures for %(place)s in this release for the years asked for.")
                         % {"place": place.name})
    return block
