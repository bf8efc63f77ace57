"""The portal's tidy template for the agencies' own data: one figure per row.

Columns (the first row names them; order and case do not matter):

``indicator``  code of a known indicator (e.g. ``labour_migrants``); a new code needs ``indicator_name``
``indicator_name``, ``unit``  optional: name and unit (persons, percent, usd, number) of a new indicator
``place``      country or area: ISO 3166 alpha-3 or alpha-2 code, UN M49 code, or name
``origin``     optional: country of origin, for origin-destination figures
``year``       e.g. 2020
``sex``        ``both`` / ``total`` / ``T``, ``male`` / ``M``, ``female`` / ``F`` (empty means both sexes)
``value``      the figure; ``..`` for not available
``note``       optional, short (up to 20 characters): type of data, estimate, provisional...
"""

import numpy as np
import pandas as pd
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from data_hub.choices import Unit
from data_hub.importers.base import MAX_PROBLEMS, Problem, SheetResult, cell_text, column_letter
from data_hub.importers.undesa_table import has_figures, match_places, unknown_place_problems
from data_hub.notices import gettext as _  # translated again in the reader's language (notices.py)
from data_hub.places import PlaceMatcher
from data_hub.reference import FIRST_YEAR

# What each column holds: shown on the import page and in the template's "readme" sheet.
TEMPLATE_HELP = [
    ("indicator", gettext_lazy("Code of a known indicator (e.g. labour_migrants, remittances) or a new code "
                               "(lower-case letters, digits, underscores) with indicator_name. UN DESA's indicators "
                               "(migrant_stock, od_migrant_stock…) are kept for the secretariat's datasets.")),
    ("indicator_name", gettext_lazy("Optional: the name of a new indicator.")),
    ("unit", gettext_lazy("Optional: the unit of a new indicator: persons, percent, usd or number.")),
    ("place", gettext_lazy("Country or area: ISO 3166 alpha-3 or alpha-2 code, UN M49 code, or its name. Not a "
                           "region: group figures are computed from countries.")),
    ("origin", gettext_lazy("Optional: country of origin, for figures by origin and destination.")),
    ("year", gettext_lazy("The year, e.g. 2023.")),
    ("sex", gettext_lazy("both (or total, T), male (M) or female (F); empty means both sexes.")),
    ("value", gettext_lazy("The figure, without thousands separators if possible; “..” where it is not available.")),
    ("note", gettext_lazy("Optional, up to 20 characters: type of data, estimate, provisional…")),
]
REQUIRED = ["indicator", "place", "year", "value"]
OPTIONAL = ["indicator_name", "unit", "origin", "sex", "note"]
TEMPLATE_COLUMNS = ["indicator", "indicator_name", "unit", "place", "origin", "year", "sex", "value", "note"]
ALIASES = {"country": "place", "destination": "place", "country_or_area": "place", "code": "place",
           "country_of_origin": "origin", "gender": "sex", "figure": "value", "type_of_data": "note"}
SEXES = {"": "T", "t": "T", "total": "T", "both": "T", "both sexes": "T", "all": "T",
         "m": "M", "male": "M", "males": "M", "men": "M", "f": "F", "female": "F", "females": "F", "women": "F"}


def _key(text: str) -> str:
    key = slugify(text).replace("-", "_")
    return ALIASES.get(key, key)


def find_header(grid: pd.DataFrame) -> dict[str, int] | None:
    """The template's header: the first non-empty row, naming at least the required columns."""
    for i in range(min(10, len(grid))):
        texts = [cell_text(v) for v in grid.iloc[i].tolist()]
        if not any(texts):
            continue
        columns = {}
        for j, text in enumerate(texts):
            if text:
                columns.setdefault(_key(text), j)
        if all(name in columns for name in REQUIRED):
            return {"row": i, **columns}
        return None
    return None


def parse_sheet(sheet: str, grid: pd.DataFrame, header: dict, matcher: PlaceMatcher,
                known_indicators: dict[str, dict]) -> SheetResult:
    """``known_indicators``: code -> {"has_origin": bool} for the indicators that exist."""
    row = header["row"]
    result = SheetResult(sheet=sheet, kind="tidy", frame=pd.DataFrame(),
                         indicator_column=column_letter(header["indicator"]))
    body = grid.iloc[row + 1:]

    def column(name: str) -> pd.Series:
        if name not in header:
            return pd.Series("", index=body.index)
        return body[header[name]].map(cell_text)

    keep = has_figures(body[[header[n] for n in REQUIRED]])
    body = body.loc[keep]
    result.rows_read = int(len(body))
    indicator = column("indicator").str.strip()
    place_names, origin_names = column("place"), column("origin")
    place_ids, place_region = match_places(place_names, place_names, matcher)
    unknown = place_ids.isna()
    problems = unknown_place_problems(body, unknown & ~place_region, header["place"], None, matcher, sheet=sheet,
                                      column=column_letter(header["place"]), what=_("country or area"))
    problems += [
        Problem(_("“%(name)s” is a region or group: give figures for countries; group figures are computed "
                  "from them.") % {"name": name},
                sheet=sheet, row=int(index) + 1, column=column_letter(header["place"]))
        for index, name in place_names[place_region].head(MAX_PROBLEMS).items()
    ]
    has_origin = origin_names != ""
    origin_ids = pd.Series(np.nan, index=body.index)
    if has_origin.any():
        ids, region = match_places(origin_names[has_origin], origin_names[has_origin], matcher)
        origin_ids[has_origin] = ids
        bad = ids.isna()
        problems += unknown_place_problems(body.loc[has_origin], bad, header["origin"], None, matcher, sheet=sheet,
                                           column=column_letter(header["origin"]), what=_("country of origin"))
    sexes = column("sex").str.lower().str.strip().map(SEXES)
    bad_sex = sexes.isna()
    problems += [
        Problem(_("Unknown sex “%(value)s”: use both, male or female.") % {"value": value}, sheet=sheet,
                row=int(index) + 1, column=column_letter(header["sex"]))
        for index, value in column("sex")[bad_sex].head(MAX_PROBLEMS).items()
    ]
    names, units = column("indicator_name"), column("unit").str.lower()
    for code in sorted(set(indicator) - set(known_indicators)):
        rows = indicator[indicator == code]
        first = rows.index[0]
        name = names.get(first, "")
        if not code:
            problems.append(Problem(_("The indicator is missing."), sheet=sheet, row=int(first) + 1,
                                    column=column_letter(header["indicator"])))
        elif slugify(code).replace("-", "_") != code or not name:
            problems.append(Problem(
                _("Unknown indicator “%(code)s”. Use a known code, or give a new one (lower-case letters, digits and "
                  "underscores) with its name in the column indicator_name.") % {"code": code},
                sheet=sheet, row=int(first) + 1, column=column_letter(header["indicator"])))
        else:
            unit = units.get(first, "") or Unit.NUMBER
            if unit not in Unit.values:
                problems.append(Problem(_("Unknown unit “%(unit)s”: use %(units)s.")
                                        % {"unit": unit, "units": ", ".join(Unit.values)},
                                        sheet=sheet, row=int(first) + 1, column=column_letter(header.get("unit", 0))))
            result.new_indicators[code] = {"name": name, "unit": unit, "has_origin": bool(has_origin[rows.index].any())}
    needs_origin = indicator.map(lambda code: known_indicators.get(code, {}).get("has_origin"))
    missing_origin = (needs_origin == True) & ~has_origin  # noqa: E712 - a Series comparison
    problems += [
        Problem(_("This indicator is by origin and destination: give the country of origin."), sheet=sheet,
                row=int(index) + 1, column=column_letter(header.get("origin", header["place"])))
        for index in missing_origin[missing_origin].index[:MAX_PROBLEMS]
    ]
    # Years are checked here, where their own column is known (validation would point at the value).
    years = column("year")
    numbers = pd.to_numeric(years.str.replace(r"\.0$", "", regex=True), errors="coerce")
    numbers[np.isinf(numbers)] = np.nan
    last = timezone.now().year
    bad_year = numbers.isna() | (numbers < FIRST_YEAR) | (numbers > last) | (numbers % 1 != 0)
    problems += [
        Problem(_("Year “%(year)s” is not a year from %(first)s to %(last)s.")
                % {"year": value, "first": FIRST_YEAR, "last": last},
                sheet=sheet, row=int(index) + 1, column=column_letter(header["year"]))
        for index, value in years[bad_year].head(MAX_PROBLEMS).items()
    ]
    result.errors += problems
    use = ~unknown & ~bad_sex & ~(has_origin & origin_ids.isna()) & (indicator != "") & ~bad_year
    result.frame = pd.DataFrame({
        "indicator": indicator[use].to_numpy(),
        "place_id": place_ids[use].to_numpy(),
        "origin_id": origin_ids[use].to_numpy(),
        "year": column("year")[use].to_numpy(),
        "sex": sexes[use].to_numpy(),
        "raw": pd.Series(body.loc[use, header["value"]].to_numpy(dtype=object), dtype=object),
        "factor": 1.0,
        "note": column("note")[use].str[:20].to_numpy(),
        "sheet": sheet,
        "row": body.index[use].to_numpy() + 1,
        "column": column_letter(header["value"]),
    })
    return result
