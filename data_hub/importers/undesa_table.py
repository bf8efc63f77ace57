"""UN DESA "International Migrant Stock" tables by destination, of any revision.

Nothing here depends on fixed rows or columns. In each sheet the importer looks, by label,
for the header row (a column naming the country or area, a column of codes), the row of
years below or on it, and the blocks above the years that say which sex and which measure
the columns hold ("... (both sexes)", "Male", "Females"). Regions and other aggregates are
recognised (by code and name) and left out: group figures are recomputed from countries.
If the header also names an origin (the long origin-destination layout), the figures are
origin-destination figures.
"""

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_hub.importers.base import (
    MAX_PROBLEMS,
    Metadata,
    Problem,
    SheetResult,
    cell_text,
    column_letter,
    constant,
    repeated,
)
from data_hub.importers.validate import MISSING_MARKERS, year_of
from data_hub.notices import gettext as _  # translated again in the reader's language (notices.py)
from data_hub.places import PlaceMatcher

HEADER_SEARCH_ROWS = 80
YEAR_PATTERN = re.compile(r"(19|20)\d{2}")
NAME_LABEL = re.compile(r"country or area|countries or areas|country/area|region.*country|destination|"
                        r"^(country|location|area|region)$", re.I)
CODE_LABEL = re.compile(r"^(country |location |area |iso3? ?|m49 )?code\b|\blocation code\b|\bm49\b|"
                        r"\biso3?\b.*code|alpha.?code", re.I)


@dataclass
class Header:
    row: int
    name_col: int
    code_col: int
    type_col: int | None = None
    origin_name_col: int | None = None
    origin_code_col: int | None = None
    # Columns of notes and other labels ("Notes", "Notes of destination", "Type of data of origin"):
    # never figures, wherever they sit.
    skip_cols: frozenset[int] = frozenset()

    @property
    def last_label_col(self) -> int:
        return max(c for c in (self.name_col, self.code_col, self.type_col, self.origin_name_col,
                               self.origin_code_col) if c is not None)

    @property
    def has_origin(self) -> bool:
        return self.origin_name_col is not None or self.origin_code_col is not None


def find_header(grid: pd.DataFrame) -> Header | None:
    """The first row with a country-or-area label and a code label."""
    for i, row in enumerate(grid.iloc[:HEADER_SEARCH_ROWS].to_numpy(dtype=object)):
        texts = [cell_text(v).lower() for v in row]
        found: dict[str, int] = {}
        skip: set[int] = set()
        for j, text in enumerate(texts):
            if not text:
                continue
            if re.search(r"\bnotes?\b", text):
                skip.add(j)
                continue
            is_code = bool(CODE_LABEL.search(text))
            if "type of data" in text:
                skip.add(j)
                if "origin" not in text:
                    found.setdefault("type", j)
            elif "origin" in text:
                found.setdefault("origin_code" if is_code else "origin_name", j)
            elif is_code:
                found.setdefault("code", j)
            elif NAME_LABEL.search(text):
                found.setdefault("name", j)
        if "name" in found and "code" in found:
            return Header(row=i, name_col=found["name"], code_col=found["code"], type_col=found.get("type"),
                          origin_name_col=found.get("origin_name"), origin_code_col=found.get("origin_code"),
                          skip_cols=frozenset(skip))
    return None


SKIP = "skip"


def classify(text: str) -> str | None:
    """Which indicator a block label (or a sheet title) describes.

    ``SKIP`` for measures recognised but not imported (rates of change, refugees as a share);
    None when the text names no measure at all (a block labelled only "Males").
    """
    text = text.lower()
    if "rate of change" in text or "growth" in text:
        return SKIP
    if "refugee" in text:
        return SKIP if "percentage" in text or " per cent" in text else "refugees"
    if "percentage of the international migrant stock" in text or "female migrants as a percentage" in text:
        return "female_share"
    if "percentage" in text and "population" in text:
        return "migrant_share"
    if "population" in text and "migrant" not in text:
        return "population"
    if "migrant stock" in text or "international migrants" in text:
        return "migrant_stock"
    return None


def sex_of(text: str) -> str | None:
    text = text.lower()
    if re.search(r"\bfemales?\b|\bwomen\b", text):
        return "F"
    if re.search(r"\bmales?\b|\bmen\b", text):
        return "M"
    if re.search(r"both sexes|\btotal\b|\bboth\b", text):
        return "T"
    return None


def sheet_title(grid: pd.DataFrame, before_row: int) -> str:
    return " ".join(cell_text(v) for v in grid.iloc[:before_row].to_numpy().ravel() if cell_text(v))


def read_metadata(grid: pd.DataFrame, before_row: int) -> Metadata:
    """Title, revision, citation and licence from the rows above the header."""
    lines = [cell_text(v) for v in grid.iloc[:before_row].to_numpy().ravel() if cell_text(v)]
    text = " ".join(lines)
    meta = Metadata()
    for index, line in enumerate(lines):
        if line.lower().startswith("suggested citation"):
            citation = line.split(":", 1)[1].strip() if ":" in line else line
            if "international migrant stock" not in citation.lower() and index + 1 < len(lines):
                citation = f"{citation} {lines[index + 1]}"
            meta.citation = citation
    revision = re.search(r"POP/DB/MIG/[A-Za-z/]*Rev\.?\s?\d{4}", text)
    year = re.search(r"International Migrant Stock[:\s]+(?:the\s+)?((?:19|20)\d{2})", text, re.I)
    if revision:
        meta.revision = revision.group(0).replace(" ", "")
    elif year:
        meta.revision = f"POP/DB/MIG/Stock/Rev.{year.group(1)}"
    if year:
        meta.title = f"International Migrant Stock {year.group(1)}"
    licence = re.search(r"CC BY[\w .-]*?IGO|CC BY[ -]\d\.\d", text)
    if licence:
        meta.licence = licence.group(0)
    if "population division" in text.lower():
        meta.publisher = "United Nations, Department of Economic and Social Affairs, Population Division"
    return meta


@dataclass
class ValueColumn:
    col: int
    year: int
    sex: str
    indicator: str
    factor: float
    # The labels found above the column, as read (for messages when two columns cannot be told apart).
    label: str = ""
    sex_found: bool = True


# How far the row of years may sit below the header row, and how many rows of block labels above it
# are read (blank rows in between are not counted).
YEAR_ROW_SEARCH = 12
LABEL_ROWS_ABOVE = 8
# A line of the title block that sits over the figures rather than beside the labels.
TITLE_LINE = re.compile(r"^table\b|citation|copyright|©|licen[cs]e|creative commons|pop/db/|united nations|"
                        r"population division|workbook", re.I)


def find_year_row(grid: pd.DataFrame, header: Header, start: int) -> int | None:
    """The row of years: the header row itself, or the first row below it holding years before the figures begin."""
    width = grid.shape[1]
    for r in range(header.row, min(header.row + YEAR_ROW_SEARCH, len(grid))):
        if r > header.row and (cell_text(grid.iat[r, header.name_col]) or cell_text(grid.iat[r, header.code_col])):
            return None  # the rows of figures begin: no row of years
        if any(year_of(cell_text(grid.iat[r, c])) for c in range(start, width) if c not in header.skip_cols):
            return r
    return None


def label_rows(grid: pd.DataFrame, header: Header, year_row: int, start: int) -> list[int]:
    """The rows that may hold block labels: from the header down to the years, and the rows above the
    header whose text sits only over the figures (any number of blank rows in between), up to the title."""
    rows = list(range(header.row, year_row))
    r, taken = header.row - 1, 0
    while r >= 0 and taken < LABEL_ROWS_ABOVE:
        texts = [cell_text(v) for v in grid.iloc[r].tolist()]
        filled = [t for t in texts if t]
        if filled:
            if any(texts[:start]) or (len(filled) == 1 and TITLE_LINE.search(filled[0])):
                break  # the title block
            rows.insert(0, r)
            taken += 1
        r -= 1
    return rows


def column_labels(grid: pd.DataFrame, header: Header, rows: list[int], start: int) -> dict[int, str]:
    """The text over each column: on every label row, the cell itself or, when it is empty, the nearest
    filled cell to its left (a label merged over its block is read in its first cell only)."""
    width = grid.shape[1]
    labels: dict[int, list[str]] = {c: [] for c in range(start, width)}
    for r in rows:
        carried = ""
        for c in range(start, width):
            if c in header.skip_cols:
                carried = ""
                continue
            text = cell_text(grid.iat[r, c])
            carried = text or carried
            if carried and carried not in labels[c]:
                labels[c].append(carried)
    return {c: " ".join(parts) for c, parts in labels.items()}


def value_columns(grid: pd.DataFrame, header: Header, title: str) -> tuple[list[ValueColumn], int | None, list[str]]:
    """The figure columns (year, sex, indicator, unit factor), the row of years, and the blocks skipped."""
    start = header.last_label_col + 1
    width = grid.shape[1]
    year_row = find_year_row(grid, header, start)
    if year_row is None:
        return [], None, []
    labels = column_labels(grid, header, label_rows(grid, header, year_row, start), start)
    columns, skipped = [], []
    for c in range(start, width):
        if c in header.skip_cols:
            continue
        year_cell = cell_text(grid.iat[year_row, c])
        label = labels[c]
        year = year_of(year_cell)
        text = f"{label} {YEAR_PATTERN.sub('', year_cell)}".strip()
        # A block labelled only by sex ("Males") takes its measure from the sheet's title.
        indicator = classify(text) or classify(title)
        if year is None or indicator in (None, SKIP):
            if label and label not in skipped and (year_cell or label):
                skipped.append(label)
            continue
        sex = sex_of(text)
        factor = 1000.0 if "thousand" in (label or title).lower() else 1.0
        columns.append(ValueColumn(col=c, year=year, sex=sex or ("F" if indicator == "female_share" else "T"),
                                   indicator=indicator, factor=factor, label=label, sex_found=sex is not None))
    if header.has_origin:
        for column in columns:
            if column.indicator == "migrant_stock":
                column.indicator = "od_migrant_stock"
        columns = [c for c in columns if c.indicator == "od_migrant_stock"]
    return columns, year_row, skipped


def ambiguous_columns(columns: list[ValueColumn], *, sheet: str, year_row: int) -> Problem | None:
    """One plain problem when two columns read as the same figure (same indicator, year and sex).

    This happens when the labels that tell the blocks apart were not recognised; without it every
    row would give one "same figure twice" problem per column.
    """
    seen: dict[tuple, ValueColumn] = {}
    clashes: list[tuple[ValueColumn, ValueColumn]] = []
    for column in columns:
        key = (column.indicator, column.year, column.sex)
        if key in seen:
            clashes.append((seen[key], column))
        else:
            seen[key] = column
    if not clashes:
        return None
    first, second = clashes[0]
    clashing = sorted({c.col for pair in clashes for c in pair})
    message = _("Columns %(first)s and %(second)s cannot be told apart: both read as “%(indicator)s”, %(year)s, "
                "%(sex)s. Labels found above them: “%(label_first)s” and “%(label_second)s”. "
                "%(count)s columns are affected (%(columns)s). Put a label naming the sex (“both sexes”, “males”, "
                "“females”) above each block of years; nothing was read from this sheet.") % {
        "first": column_letter(first.col), "second": column_letter(second.col),
        "indicator": first.indicator, "year": first.year,
        "sex": {"T": _("both sexes"), "M": _("male"), "F": _("female")}[first.sex]
        + ("" if first.sex_found and second.sex_found else " " + _("(no sex recognised)")),
        "label_first": first.label or _("nothing"), "label_second": second.label or _("nothing"),
        "count": len(clashing), "columns": _column_ranges(clashing),
    }
    return Problem(message, sheet=sheet, row=year_row + 1, column=column_letter(second.col))


def _column_ranges(cols: list[int]) -> str:
    """[5, 6, 7, 12] -> "F–H, M": columns as a spreadsheet program shows them, runs joined."""
    runs: list[list[int]] = []
    for c in cols:
        if runs and c == runs[-1][-1] + 1:
            runs[-1].append(c)
        else:
            runs.append([c])
    return ", ".join(column_letter(r[0]) if len(r) == 1 else f"{column_letter(r[0])}–{column_letter(r[-1])}"
                     for r in runs)


def match_places(names: pd.Series, codes: pd.Series | None, matcher: PlaceMatcher) -> tuple[pd.Series, pd.Series]:
    """(place ids, region mask) for a column of names and an optional column of codes: codes first.

    Each distinct name or code is looked up once per file (``PlaceMatcher.cached``)."""
    name_values = names.to_numpy(dtype=object)
    code_values = codes.to_numpy(dtype=object) if codes is not None else np.full(len(names), "", dtype=object)
    ids = np.array([_id(matcher.cached("code", c)) for c in code_values], dtype="float64") if codes is not None \
        else np.full(len(names), np.nan)
    unmatched = np.isnan(ids)
    if unmatched.any():
        ids[unmatched] = [_id(matcher.cached("name", name)) for name in name_values[unmatched]]
    region = np.zeros(len(names), dtype=bool)
    still = np.isnan(ids)
    if still.any():
        region[still] = [bool(matcher.cached("region", name, _as_code(code)))
                         for name, code in zip(name_values[still], code_values[still], strict=True)]
    return pd.Series(ids, index=names.index), pd.Series(region, index=names.index)


def _id(pk) -> float:
    return np.nan if pk is None else float(pk)


def _as_code(text: str) -> int | None:
    try:
        return int(float(text))
    except (TypeError, ValueError, OverflowError):  # "inf" in a code column is no code (found by fuzzing)
        return None


def has_figures(block: pd.DataFrame, values: np.ndarray | None = None) -> pd.Series:
    """Rows with at least one cell that is neither empty nor a missing marker (hash look-ups, no string work).

    All cells are looked at in one flat column (``values``, the block as an object array, when the caller
    has it already): a wide sheet is not walked column by column."""
    values = block.to_numpy(dtype=object) if values is None else values
    flat = pd.Series(values.ravel(), dtype=object)
    present = (flat.notna() & ~flat.isin(list(MISSING_MARKERS))).to_numpy().reshape(values.shape)
    return pd.Series(present.any(axis=1) if values.size else np.zeros(len(block), dtype=bool), index=block.index)


def unknown_place_problems(frame: pd.DataFrame, mask: pd.Series, name_col: str, code_col: str | None,
                           matcher: PlaceMatcher, *, sheet: str, column: str, what: str) -> list[Problem]:
    """One problem per row naming a place that is neither a known country nor a region."""
    problems = []
    for index, row in frame.loc[mask].head(MAX_PROBLEMS).iterrows():
        name = cell_text(row[name_col])
        code = cell_text(row[code_col]) if code_col is not None else ""
        suggestions = matcher.suggest(name)
        message = _("Unknown %(what)s “%(name)s”%(code)s.") % {
            "what": what, "name": name, "code": (_(" (code %(code)s)") % {"code": code}) if code else ""}
        if suggestions:
            message += " " + _("Did you mean: %(names)s?") % {"names": ", ".join(suggestions)}
        problems.append(Problem(message, sheet=sheet, row=int(index) + 1, column=column))
    return problems


def parse_sheet(sheet: str, grid: pd.DataFrame, header: Header, matcher: PlaceMatcher) -> SheetResult:
    title = sheet_title(grid, header.row)
    result = SheetResult(sheet=sheet, kind="undesa_destination", frame=pd.DataFrame(),
                         metadata=read_metadata(grid, header.row))
    columns, year_row, skipped = value_columns(grid, header, title)
    if not columns:
        result.notes.append(_("Sheet “%(sheet)s”: no columns of figures by year were recognised; skipped.")
                            % {"sheet": sheet})
        return result
    if (problem := ambiguous_columns(columns, sheet=sheet, year_row=year_row)) is not None:
        result.errors.append(problem)
        return result
    if skipped:
        result.notes.append(_("Sheet “%(sheet)s”: columns not imported: %(labels)s.")
                            % {"sheet": sheet, "labels": "; ".join(skipped)})
    body = grid.iloc[year_row + 1:]
    value_cols = [c.col for c in columns]
    names = body[header.name_col].map(cell_text)
    codes = body[header.code_col].map(cell_text)
    keep = (names != "") | (codes != "")
    keep &= has_figures(body[value_cols])
    body, names, codes = body.loc[keep], names.loc[keep], codes.loc[keep]
    result.rows_read = int(len(body))
    place_ids, region = match_places(names, codes, matcher)
    unknown = place_ids.isna() & ~region
    label_col = column_letter(header.name_col)
    result.errors += unknown_place_problems(body, unknown, header.name_col, header.code_col, matcher,
                                            sheet=sheet, column=label_col, what=_("country or area"))
    result.regions_skipped |= set(names[region])
    use = ~place_ids.isna()
    origin_ids = pd.Series(np.nan, index=body.index)
    if header.has_origin:
        o_label = header.origin_name_col if header.origin_name_col is not None else header.origin_code_col
        o_names = body[o_label].map(cell_text)
        o_codes = body[header.origin_code_col].map(cell_text) if header.origin_code_col is not None else None
        origin_ids, o_region = match_places(o_names, o_codes, matcher)
        o_unknown = origin_ids.isna() & ~o_region & ~region
        result.errors += unknown_place_problems(body, o_unknown, o_label, header.origin_code_col, matcher, sheet=sheet,
                                                column=column_letter(o_label), what=_("country of origin"))
        result.regions_skipped |= set(o_names[o_region])
        use &= ~origin_ids.isna()
    body, place_ids, origin_ids = body.loc[use], place_ids.loc[use], origin_ids.loc[use]
    notes = body[header.type_col].map(cell_text).str[:20] if header.type_col is not None else ""
    n, k = len(body), len(columns)
    factors = [c.factor for c in columns]
    if any(f != 1 for f in factors):
        result.notes.append(_("Sheet “%(sheet)s”: figures given in thousands were converted to persons.")
                            % {"sheet": sheet})
    by_column = np.tile(np.arange(k), n)
    result.frame = pd.DataFrame({
        "indicator": repeated([c.indicator for c in columns], by_column),
        "place_id": np.repeat(place_ids.to_numpy(), k),
        "origin_id": np.repeat(origin_ids.to_numpy(), k),
        "year": np.tile(np.array([c.year for c in columns], dtype="int64"), n),
        "sex": repeated([c.sex for c in columns], by_column),
        "raw": pd.Series(body[value_cols].to_numpy(dtype=object).ravel(), dtype=object),
        "factor": np.tile(factors, n),
        "note": repeated(notes.tolist(), np.repeat(np.arange(n), k)) if header.type_col is not None and n
        else constant("", n * k),
        "sheet": constant(sheet, n * k),
        "row": np.repeat(body.index.to_numpy() + 1, k),
        "column": repeated([column_letter(c) for c in value_cols], by_column),
    })
    return result
