"""Origin-destination matrices in the wide form: one row per year and destination, one column
per country of origin (UN DESA's origin-destination workbooks, and CSV flattenings of them
such as the 2019 ``Year, Dest, Afghanistan, Albania, ...`` file).

Countries are matched by code or by name (UN spellings and common variants); region rows
and columns ("Caribbean", "Total", "Other South") are recognised and left out.
"""

import re

import numpy as np
import pandas as pd
from django.utils import timezone

from data_hub.importers.base import MAX_PROBLEMS, Problem, SheetResult, cell_text, column_letter, constant, repeated
from data_hub.importers.undesa_table import (
    CODE_LABEL,
    HEADER_SEARCH_ROWS,
    NAME_LABEL,
    has_figures,
    match_places,
    read_metadata,
    sex_of,
    sheet_title,
    unknown_place_problems,
)
from data_hub.notices import gettext as _  # translated again in the reader's language (notices.py)
from data_hub.places import PlaceMatcher, is_region, normalise
from data_hub.reference import FIRST_YEAR

YEAR_LABEL = re.compile(r"\W*years?\W*", re.I)
# A header needs at least this many columns named after countries to be a matrix.
MIN_ORIGIN_COLUMNS = 5
SKIPPED_LABELS = {"sort order", "notes", "note", "type of data", "type of data a", "index", "code"}


def find_header(grid: pd.DataFrame, matcher: PlaceMatcher) -> dict | None:
    """The header row: a year label, a destination label, and many columns named after countries."""
    for i, row in enumerate(grid.iloc[:HEADER_SEARCH_ROWS].to_numpy(dtype=object)):
        texts = [cell_text(v) for v in row]
        # A cheap test first: normalising every cell of every row of every sheet is what costs here.
        if not any(YEAR_LABEL.fullmatch(t) for t in texts):
            continue
        lowered = [normalise(t) for t in texts]
        if not any(t in ("year", "years") for t in lowered):
            continue
        dest = next((j for j, t in enumerate(lowered) if t in ("dest", "destination") or (
            NAME_LABEL.search(texts[j]) and "origin" not in t and "code" not in t)), None)
        if dest is None:
            continue
        countries = sum(1 for t in texts if t and matcher.match_name(t))
        if countries < MIN_ORIGIN_COLUMNS:
            continue
        year = lowered.index("year") if "year" in lowered else lowered.index("years")
        code = next((j for j, t in enumerate(texts) if j != dest and CODE_LABEL.search(t.lower())
                     and "origin" not in t.lower()), None)
        type_col = next((j for j, t in enumerate(lowered) if t.startswith("type of data")), None)
        return {"row": i, "year": year, "dest": dest, "code": code, "type": type_col}
    return None


def parse_sheet(sheet: str, grid: pd.DataFrame, header: dict, matcher: PlaceMatcher) -> SheetResult:
    row = header["row"]
    title = sheet_title(grid, row)
    sex = sex_of(title) or "T"
    result = SheetResult(sheet=sheet, kind="matrix", frame=pd.DataFrame(), metadata=read_metadata(grid, row))
    label_cols = {header[k] for k in ("year", "dest", "code", "type") if header[k] is not None}
    first = max(label_cols) + 1
    origin_cols, origin_ids = [], []
    for c in range(first, grid.shape[1]):
        text = cell_text(grid.iat[row, c])
        if not text or normalise(text) in SKIPPED_LABELS:
            continue
        pk = matcher.match(text)
        if pk is not None:
            origin_cols.append(c)
            origin_ids.append(pk)
        elif is_region(text):
            result.regions_skipped.add(text)
        elif len(result.errors) < MAX_PROBLEMS:
            suggestions = matcher.suggest(text)
            message = _("Unknown country of origin “%(name)s” in the header.") % {"name": text}
            if suggestions:
                message += " " + _("Did you mean: %(names)s?") % {"names": ", ".join(suggestions)}
            result.errors.append(Problem(message, sheet=sheet, row=row + 1, column=column_letter(c)))
    # The figures are taken out once, as one object array; rows are then selected on the few label columns
    # and on that array (selecting rows of a frame of 230 columns copies each column).
    figures = grid.iloc[row + 1:, origin_cols].to_numpy(dtype=object)
    body = grid.iloc[row + 1:, sorted(label_cols)]
    years = body[header["year"]].map(cell_text)
    names = body[header["dest"]].map(cell_text)
    codes = body[header["code"]].map(cell_text) if header["code"] is not None else None
    keep = ((years != "") | (names != "")) & has_figures(body, figures)
    figures = figures[keep.to_numpy()]
    body, years, names = body.loc[keep], years.loc[keep], names.loc[keep]
    codes = codes.loc[keep] if codes is not None else None
    result.rows_read = int(len(body))
    place_ids, region = match_places(names, codes, matcher)
    unknown = place_ids.isna() & ~region
    result.errors += unknown_place_problems(body, unknown, header["dest"], header["code"], matcher, sheet=sheet,
                                            column=column_letter(header["dest"]), what=_("country of destination"))
    result.regions_skipped |= set(names[region])
    # A year is checked once per row, at its own cell (not once per country of origin).
    numbers = pd.to_numeric(years.str.replace(r"\.0$", "", regex=True), errors="coerce")
    numbers[np.isinf(numbers)] = np.nan
    last = timezone.now().year
    bad_year = numbers.isna() | (numbers < FIRST_YEAR) | (numbers > last) | (numbers % 1 != 0)
    result.errors += [
        Problem(_("Year “%(year)s” is not a year from %(first)s to %(last)s.")
                % {"year": value, "first": FIRST_YEAR, "last": last},
                sheet=sheet, row=int(index) + 1, column=column_letter(header["year"]))
        for index, value in years[bad_year].head(MAX_PROBLEMS).items()
    ]
    use = ~place_ids.isna() & ~bad_year
    figures = figures[use.to_numpy()]
    body, years, place_ids = body.loc[use], years.loc[use], place_ids.loc[use]
    n, k = len(body), len(origin_cols)
    rows = np.repeat(np.arange(n), k)
    notes = body[header["type"]].map(cell_text).str[:20].tolist() if header["type"] is not None else [""] * n
    result.frame = pd.DataFrame({
        "indicator": constant("od_migrant_stock", n * k),
        "place_id": np.repeat(place_ids.to_numpy(), k),
        "origin_id": np.tile(np.array(origin_ids, dtype="float64"), n),
        # The years were checked above, at their own cells: numbers from here on.
        "year": np.repeat(numbers.loc[use].to_numpy(dtype="float64"), k),
        "sex": constant(sex, n * k),
        "raw": pd.Series(figures.ravel(), dtype=object),
        "factor": 1.0,
        "note": repeated(notes, rows) if n else constant("", 0),
        "sheet": constant(sheet, n * k),
        "row": np.repeat(body.index.to_numpy() + 1, k),
        "column": repeated([column_letter(c) for c in origin_cols], np.tile(np.arange(k), n)) if k
        else constant("", 0),
    })
    return result
