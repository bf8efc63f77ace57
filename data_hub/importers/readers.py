"""Reading a checked file into raw grids (one per sheet), without guessing any header yet."""

from pathlib import Path

import pandas as pd
from django.utils.translation import gettext as _

from data_hub.importers.base import ImportRefused
from data_hub.importers.safety import EXCEL_OLE, EXCEL_ZIP

# The engine is always named: calamine reads a whole UN DESA workbook in a fraction of a second.
EXCEL_ENGINE = "calamine"
CSV_ENCODINGS = ("utf-8-sig", "cp1252")


def read_grids(path: Path, *, extension: str, name: str) -> list[tuple[str, pd.DataFrame]]:
    """Every sheet of a workbook, or the single table of a CSV, as a grid of raw cells."""
    if extension in EXCEL_ZIP or extension in EXCEL_OLE:
        try:
            sheets = pd.read_excel(path, sheet_name=None, header=None, engine=EXCEL_ENGINE)
        except Exception as exc:  # calamine raises its own errors for damaged workbooks
            raise ImportRefused(
                _("The file is not a readable Excel workbook: it may be damaged, truncated or of another type "
                  "(%(detail)s).") % {"detail": str(exc)[:200]}
            ) from None
        return [(str(sheet), grid) for sheet, grid in sheets.items()]
    separator = _separator(path)
    for encoding in CSV_ENCODINGS:
        try:
            # Only empty cells are "no value" (na_values): the parser marks them, rather than a pass over the grid.
            grid = pd.read_csv(path, header=None, dtype=object, keep_default_na=False, na_values=[""],
                               encoding=encoding, skip_blank_lines=False, sep=separator)
            break
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, OSError) as exc:
            raise ImportRefused(_("The CSV file could not be read: %(detail)s") % {"detail": str(exc)[:200]}) from None
    else:
        raise ImportRefused(_("The CSV file is in an unknown text encoding; save it as CSV (UTF-8)."))
    return [(name, grid)]


def _separator(path: Path) -> str:
    """Comma, semicolon (French-locale spreadsheets) or tab, whichever the first line uses most."""
    with path.open("rb") as handle:
        first = handle.readline(65536)
    counts = {sep: first.count(sep.encode()) for sep in (",", ";", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ","
