"""What every importer produces: figures in one long table, and the problems found, each located."""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# The long table every importer hands to validation (one row per cell of the source).
# ``factor`` scales the number read (1000 for figures given in thousands).
LONG_COLUMNS = ["indicator", "place_id", "origin_id", "year", "sex", "raw", "factor", "note", "sheet", "row", "column"]
# Columns that repeat a few strings, kept as categoricals (see ``repeated``).
CATEGORICAL = ["indicator", "sex", "note", "sheet", "column"]
# Problems kept per kind, so that a file with a million errors still gives a readable report.
MAX_PROBLEMS = 200


class ImportRefused(Exception):
    """The file cannot be read at all (wrong type, too large, damaged); the message says why."""


@dataclass
class Problem:
    """One finding, with where it is: sheet, row (as numbered in a spreadsheet program) and column."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def as_dict(self) -> dict:
        from data_hub.notices import stored

        # "message" in the uploader's language (the command line, the API); "i18n" to show it in the reader's.
        return {"message": str(self.message), "i18n": stored(self.message), "sheet": self.sheet, "row": self.row,
                "column": self.column}


@dataclass
class Metadata:
    """What the file says about itself (UN DESA workbooks carry their title, citation and licence)."""

    title: str = ""
    revision: str = ""
    citation: str = ""
    licence: str = ""
    publisher: str = ""

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass
class SheetResult:
    """One sheet's figures (a frame with ``LONG_COLUMNS``), problems and notes."""

    sheet: str
    kind: str
    frame: pd.DataFrame
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows_read: int = 0
    regions_skipped: set[str] = field(default_factory=set)
    metadata: Metadata = field(default_factory=Metadata)
    new_indicators: dict = field(default_factory=dict)
    # The column naming each row's indicator, where there is one (the tidy template).
    indicator_column: str = ""


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: columns as a spreadsheet program shows them."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def empty_long_frame() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="object") for name in LONG_COLUMNS})


def cell_text(value) -> str:
    """A header cell as text ('' for empty), with line breaks and repeated spaces flattened."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def repeated(values: list[str], codes) -> pd.Categorical:
    """A column that repeats a few strings (indicator, sex, column letter...) as a categorical: selecting,
    copying and comparing the rows of a 385,000-figure matrix then moves small integers, not strings."""
    categories = list(dict.fromkeys(values))
    position = {value: i for i, value in enumerate(categories)}
    lookup = np.array([position[v] for v in values], dtype="int32")
    return pd.Categorical.from_codes(lookup[codes], categories=categories)


def constant(value: str, length: int) -> pd.Categorical:
    return pd.Categorical.from_codes(np.zeros(length, dtype="int8"), categories=[value])
