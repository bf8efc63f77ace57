"""Rows as CSV and Excel files that are safe to open in a spreadsheet program.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could be run
as a formula by a spreadsheet program ("CSV injection"): in CSV it gets a leading apostrophe; in
Excel files every such cell is also typed as text, never as a formula. Numbers stay numbers.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """Text that a spreadsheet could run as a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def force_text_cells(sheet) -> None:
    """openpyxl stores any string starting with "=" as a formula; make every such cell plain text."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def rows_csv(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 CSV with a byte-order mark (so that spreadsheets read Arabic), the header on line one."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def rows_xlsx(header: Sequence[str], rows: Iterable[Sequence], *, sheet_title: str) -> bytes:
    """An Excel workbook of one sheet: a bold, frozen header row, then the rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append([neutralise(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    force_text_cells(sheet)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
