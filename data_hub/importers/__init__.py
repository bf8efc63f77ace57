"""Reading statistical files into checked figures, ready to be previewed and written.

``parse_file`` checks the file (type, size, zip limits), reads every sheet with pandas,
recognises in each one a UN DESA table by destination, an origin-destination matrix or the
portal's tidy template, and validates all figures together. It writes nothing.
"""

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from data_hub.importers import matrix, tidy, undesa_table
from data_hub.importers.base import CATEGORICAL, ImportRefused, Metadata, Problem, SheetResult, empty_long_frame
from data_hub.importers.readers import read_grids
from data_hub.importers.safety import check_file
from data_hub.importers.validate import validate
from data_hub.notices import gettext as _  # translated again in the reader's language (notices.py)
from data_hub.places import PlaceMatcher

__all__ = ["ImportRefused", "ParseResult", "Problem", "parse_file"]


@dataclass
class ParseResult:
    """The figures read from a file (not yet written), the problems found, and what was seen."""

    kind: str
    figures: pd.DataFrame
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    summary: dict = field(default_factory=dict)
    new_indicators: dict = field(default_factory=dict)
    # sheet -> the column naming the indicator (tidy sheets); elsewhere a figure's own column says it.
    indicator_columns: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _known_indicators() -> dict[str, dict]:
    from data_hub.models import Indicator

    return {row["code"]: row for row in Indicator.objects.values("code", "id", "has_origin", "additive")}


def parse_file(path: Path, *, name: str, progress=None) -> ParseResult:
    """Read and validate ``path`` (named ``name`` by its uploader). Raises ``ImportRefused`` for an unreadable file."""
    report = progress or (lambda percent, stage: None)
    extension = check_file(path, name=name)
    report(10, "reading")
    grids = read_grids(path, extension=extension, name=name)
    matcher = PlaceMatcher.from_db()
    indicators = _known_indicators()
    report(25, "recognising")
    sheets: list[SheetResult] = []
    unrecognised: list[str] = []
    for sheet, grid in grids:
        if grid.empty:
            continue
        if (header := tidy.find_header(grid)) is not None:
            sheets.append(tidy.parse_sheet(sheet, grid, header, matcher, indicators))
        elif (header := matrix.find_header(grid, matcher)) is not None:
            sheets.append(matrix.parse_sheet(sheet, grid, header, matcher))
        elif (header := undesa_table.find_header(grid)) is not None:
            sheets.append(undesa_table.parse_sheet(sheet, grid, header, matcher))
        else:
            unrecognised.append(sheet)
    read = [s for s in sheets if not s.frame.empty or s.errors]
    result = ParseResult(kind=read[0].kind if read else "", figures=empty_long_frame())
    if not read:
        unrecognised += [s.sheet for s in sheets]
        result.errors.append(Problem(
            _("No table with a recognisable header was found in %(sheets)s. The importer looks for a UN DESA table "
              "(a column “country or area” and a column “Code”, with years below), an origin-destination matrix (a "
              "column “Year”, a column of destinations and one column per country of origin), or the portal's "
              "template (columns indicator, place, year, value).") % {"sheets": ", ".join(f"“{s}”" for s in
                                                                               unrecognised) or name},
            sheet=unrecognised[0] if unrecognised else ""))
        return result
    for sheet in sheets:
        result.errors += sheet.errors
        result.warnings += sheet.warnings
        result.notes += sheet.notes
        result.new_indicators.update(sheet.new_indicators)
        if sheet.indicator_column:
            result.indicator_columns[sheet.sheet] = sheet.indicator_column
        for key, value in sheet.metadata.as_dict().items():
            if not getattr(result.metadata, key):
                setattr(result.metadata, key, value)
    if unrecognised:
        result.notes.append(_("Sheets without a table of figures: %(sheets)s.") % {"sheets": ", ".join(unrecognised)})
    regions = sorted(set().union(*(s.regions_skipped for s in sheets)))
    if regions:
        result.notes.append(
            _("Regions and other aggregates left out (group figures are computed from countries): %(count)s, e.g. "
              "%(names)s.") % {"count": len(regions), "names": ", ".join(regions[:6])})
    report(50, "checking")
    frames = [s.frame for s in read if not s.frame.empty]
    frame = pd.concat(frames, ignore_index=True) if frames else empty_long_frame()
    if len(frames) > 1:
        # Sheets' categoricals have different categories, and concat gives plain strings back: categorical again.
        for column in CATEGORICAL:
            frame[column] = frame[column].astype("category")
    additive = {code for code, row in indicators.items() if row["additive"]}
    additive |= {code for code, new in result.new_indicators.items() if new["unit"] != "percent"}
    summary = {"rows_read": sum(s.rows_read for s in sheets), "sheets": [s.sheet for s in read]}
    figures, errors = validate(frame, additive=additive, summary=summary)
    result.errors += errors
    result.figures = figures
    result.summary = summary | {
        "figures": int(len(figures)),
        "indicators": sorted(figures["indicator"].unique().tolist()),
        "years": sorted(int(y) for y in figures["year"].unique()),
        "places": int(figures["place_id"].nunique()),
        "regions_skipped": len(regions),
    }
    return result
