"""Vectorised checks on the long table of figures: numbers, signs, years, duplicates, sex totals.

Every check is a pandas operation over the whole column; Python only loops over the
problems found (and stops listing them after ``MAX_PROBLEMS`` of a kind).
"""

import re

import numpy as np
import pandas as pd
from django.utils import timezone

from data_hub.importers.base import MAX_PROBLEMS, Problem
from data_hub.notices import gettext as _  # translated again in the reader's language (notices.py)
from data_hub.reference import FIRST_YEAR

# "..": not available (UN convention); "-" and dashes: nil or not applicable; both are no figure.
MISSING_MARKERS = {"", "..", "...", "…", "-", "–", "—", "x", "n/a", "na"}
# Male plus female may differ from both sexes by rounding: by one unit, or by 0.1 %.
SEX_TOLERANCE_ABSOLUTE = 1.0
SEX_TOLERANCE_RELATIVE = 0.001


def to_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(values, missing, not_numeric): numbers as floats; missing markers; text where a number should be.

    Plain numbers and numeric text are converted in one C pass; only the few cells left over
    (markers, thousands separators, stray text) go through string operations.
    """
    marker = raw.isna() | raw.isin(list(MISSING_MARKERS))
    try:
        # The common case, in one C pass: every cell a number or a missing marker ("inf" parses, and is caught
        # below as text). Any other text (thousands separators, words) raises, and takes the careful path.
        values = pd.Series(np.where(marker.to_numpy(), np.nan, raw.to_numpy(dtype=object)).astype("float64"),
                           index=raw.index)
    except (TypeError, ValueError):
        pass
    else:
        not_numeric = ~marker & (values.isna() | np.isinf(values))
        values[not_numeric] = np.nan
        return values, marker, not_numeric
    values = pd.to_numeric(raw, errors="coerce").astype("float64")
    missing = raw.isna()
    unresolved = values.isna() & ~missing
    if unresolved.any():
        text = raw[unresolved].astype("str").str.strip()
        marker = text.str.lower().isin(MISSING_MARKERS)
        missing = missing.copy()
        missing[marker.index[marker]] = True
        # Thousands separators (comma, space, no-break space) are common in hand-made files.
        cleaned = text[~marker].str.replace(r"[,\s\u00a0\u202f]", "", regex=True)
        values[cleaned.index] = pd.to_numeric(cleaned, errors="coerce")
    # "inf" and "1e999" parse as infinite floats: no figure is infinite.
    values[np.isinf(values)] = np.nan
    not_numeric = ~missing & values.isna()
    return values, missing, not_numeric


def _years(column: pd.Series) -> pd.Series:
    """Years as numbers, converting each distinct value once (a matrix repeats a year on every cell)."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    converted = np.append(pd.to_numeric(pd.Series(uniques, dtype="object"), errors="coerce").to_numpy(dtype="float64"),
                          np.nan)
    return pd.Series(converted[codes], index=column.index)


def _located(frame: pd.DataFrame, mask: pd.Series, message) -> list[Problem]:
    rows = frame.loc[mask].head(MAX_PROBLEMS)
    return [Problem(message(row), sheet=row.sheet, row=int(row.row), column=row.column)
            for row in rows.itertuples(index=False)]


def validate(frame: pd.DataFrame, *, additive: set[str], summary: dict) -> tuple[pd.DataFrame, list[Problem]]:
    """Check the long table; return the figures to store (no missing cells) and the errors found.

    ``summary`` receives counts (cells read, cells without a figure) for the preview.
    """
    errors: list[Problem] = []
    values, missing, not_numeric = to_numbers(frame["raw"])
    frame = frame.assign(value=values * frame["factor"].astype("float64"))
    summary["cells"] = int(len(frame))
    summary["missing"] = int(missing.sum())
    summary["errors_by_kind"] = counts = {}

    def add(kind: str, mask: pd.Series, message) -> None:
        count = int(mask.sum())
        if count:
            counts[kind] = count
            errors.extend(_located(frame, mask, message))

    add("text", not_numeric,
        lambda r: _("Text where a number should be: “%(text)s”. Use a number, or “..” for not available.")
        % {"text": str(r.raw)[:60]})
    add("negative", frame["value"] < 0,
        lambda r: _("Negative value %(value)s: figures cannot be below zero.") % {"value": _number(r.value)})
    this_year = timezone.now().year
    years = _years(frame["year"])
    bad_year = years.isna() | (years < FIRST_YEAR) | (years > this_year) | (years % 1 != 0)
    add("year", bad_year,
        lambda r: _("Year “%(year)s” is not a year from %(first)s to %(last)s.")
        % {"year": "" if pd.isna(r.year) else r.year, "first": FIRST_YEAR, "last": this_year})

    # The raw cells are not needed any more: not copied with the figures (a matrix has 385,000 of them).
    figures = frame.drop(columns=["raw", "factor"]).loc[~missing & ~not_numeric & ~bad_year]
    figures["origin_id"] = figures["origin_id"].astype("Int64")
    figures["year"] = years[figures.index].astype("int64")
    # Origin 0 stands for "no origin" in the keys, since empty keys do not group or merge reliably.
    figures["okey"] = figures["origin_id"].fillna(0).astype("int64")

    later = figures.duplicated(_KEY, keep="first")
    if later.any():
        counts["duplicate"] = int(later.sum())
        firsts = figures.drop_duplicates(_KEY, keep="first")[[*_KEY, "sheet", "row", "column"]]
        repeated = figures.loc[later].head(MAX_PROBLEMS).merge(firsts, on=_KEY, how="left", suffixes=("", "_first"))
        errors.extend(
            Problem(_("The same figure is given twice: same indicator, place, year and sex as in %(sheet)s, "
                      "row %(row)s, column %(column)s.")
                    % {"sheet": r.sheet_first, "row": r.row_first, "column": r.column_first},
                    sheet=r.sheet, row=int(r.row), column=r.column)
            for r in repeated.itertuples(index=False)
        )
        figures = figures.loc[~later]

    errors.extend(_sex_totals(figures, additive, counts))
    return figures.drop(columns=["okey"]), errors


_KEY = ["indicator", "place_id", "okey", "year", "sex"]


def _sex_totals(figures: pd.DataFrame, additive: set[str], counts: dict) -> list[Problem]:
    """Male plus female must equal both sexes (within rounding) for additive indicators."""
    subset = figures.loc[figures["indicator"].isin(additive)]
    if subset.empty or not {"M", "F"} <= set(subset["sex"].unique()):
        return []
    key = ["indicator", "place_id", "okey", "year"]
    wide = subset.set_index([*key, "sex"])["value"].unstack("sex")
    if not {"T", "M", "F"} <= set(wide.columns):
        return []
    wide = wide.dropna(subset=["T", "M", "F"])
    difference = (wide["M"] + wide["F"] - wide["T"]).abs()
    tolerance = np.maximum(SEX_TOLERANCE_ABSOLUTE, wide["T"].abs() * SEX_TOLERANCE_RELATIVE)
    bad = wide.loc[difference > tolerance].reset_index()
    if bad.empty:
        return []
    counts["sex_totals"] = len(bad)
    totals = subset.loc[subset["sex"] == "T", [*key, "sheet", "row", "column"]]
    located = bad.head(MAX_PROBLEMS).merge(totals, on=key, how="left")
    return [
        Problem(
            _("Male (%(male)s) plus female (%(female)s) make %(sum)s, but both sexes is %(total)s.")
            % {"male": _number(r.M), "female": _number(r.F), "sum": _number(r.M + r.F), "total": _number(r.T)},
            sheet=r.sheet, row=int(r.row), column=r.column,
        )
        for r in located.itertuples(index=False)
    ]


def _number(value) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3f}".rstrip("0")


def year_of(text: str) -> int | None:
    """A single year from a header cell ("1990", "1990.0", "Male 1990"); None for ranges ("1990-1995")."""
    if re.search(r"(19|20)\d{2}\s*[-–/]\s*(19|20)?\d{2}", text):
        return None
    match = re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", text)
    return int(match.group(0)) if match else None
