"""Tables as CSV and Excel files, with their source, and safe to open in a spreadsheet program.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could be taken for
a formula by a spreadsheet program ("CSV injection"). In CSV such text cells get a leading
apostrophe; in Excel files every text cell is written as text, never as a formula. Numbers are
written as numbers.
"""

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """Text that a spreadsheet could run as a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _preamble(title: str, citation: str, licence: str) -> list[list[str]]:
    lines = [[title], [_("Source: %(citation)s") % {"citation": citation}]]
    if licence:
        lines.append([_("Licence: %(licence)s") % {"licence": licence}])
    lines.append([])
    return lines


def table_csv(*, title: str, columns: list[str], rows: Iterable[list], citation: str, licence: str = "") -> bytes:
    """The table as CSV (UTF-8 with a byte-order mark, so that Excel reads Arabic correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in _preamble(title, citation, licence):
        writer.writerow([neutralise(v) for v in line])
    writer.writerow([neutralise(c) for c in columns])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(*, title: str, columns: list[str], rows: Iterable[list], citation: str, licence: str = "",
               sheet: str = "data") -> bytes:
    """The table as an Excel workbook: title and source on top, then the header and the figures."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])

    def cells(values, bold=False):
        out = []
        for value in values:
            cell = WriteOnlyCell(worksheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text, even "=..."
            if bold:
                cell.font = Font(bold=True)
            out.append(cell)
        return out

    for line in _preamble(title, citation, licence):
        worksheet.append(cells(line))
    worksheet.append(cells(columns, bold=True))
    for row in rows:
        worksheet.append(cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    """Rows as CSV text lines, for streaming large tables (a whole release) without holding them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
