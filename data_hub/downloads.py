"""Tables as CSV and Excel files, with their source, and safe to open in a spreadsheet program.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could be taken for
a formula by a spreadsheet program ("CSV injection"). In CSV such text cells get a leading
apostrophe; in Excel files every text cell is written as text, never as a formula. Numbers are
written as numbers.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

# One formula-safe rule for every export (rwg_portal.spreadsheets); the data hub's views take the types from here.
from rwg_portal.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, neutralise

__all__ = ["CSV_CONTENT_TYPE", "XLSX_CONTENT_TYPE", "csv_lines", "spreadsheet_table", "table_csv",
           "table_xlsx", "with_place_codes", "zipped_table"]

def spreadsheet_table(*, title: str, columns: list[str], rows: Iterable[list], citation: str,
                      licence: str = "") -> tuple[list[str], list[list]]:
    """Header and rows of a table that a spreadsheet opens as it is: the header on the first line, then one line
    per row; the title, citation and licence in columns of their own (repeated on every row) rather than in lines
    above the header, which spreadsheets and ``pandas.read_csv`` would take for the header."""
    header = [*columns, _("Table"), _("Source"), _("Licence")]
    return header, [[*row, title, citation, licence] for row in rows]


def with_place_codes(columns: list[str], rows: list[list], places: Iterable, *, name_column: bool) -> tuple:
    """``columns`` and ``rows`` with the ISO 3166 alpha-3 and UN M49 codes of each row's place (``places``, one per
    row) after its name. ``name_column``: prepend the place's name as a column (the rows do not name it, e.g.
    years of one country); otherwise the first column already names it. Groups have neither code: a "Group"
    column gives theirs, when there is a group."""
    places = list(places)
    has_group = any(p is not None and p.is_group for p in places)
    codes = [_("ISO3"), _("M49"), *([_("Group code")] if has_group else [])]

    def cells(place):
        if place is None:
            return ["", "", *([""] if has_group else [])]
        if place.is_group:
            return ["", "", place.code]
        return [place.code, place.m49 if place.m49 is not None else "", *([""] if has_group else [])]

    if name_column:
        return ([_("Place"), *codes, *columns],
                [[p.name if p is not None else "", *cells(p), *row] for p, row in zip(places, rows, strict=True)])
    return ([columns[0], *codes, *columns[1:]],
            [[row[0], *cells(p), *row[1:]] for p, row in zip(places, rows, strict=True)])


def table_csv(*, title: str, columns: list[str], rows: Iterable[list], citation: str, licence: str = "") -> bytes:
    """The table as CSV (UTF-8 with a byte-order mark, so that Excel reads Arabic correctly), header first."""
    header, body = spreadsheet_table(title=title, columns=columns, rows=rows, citation=citation, licence=licence)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(c) for c in header])
    for row in body:
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(*, title: str, columns: list[str], rows: Iterable[list], citation: str, licence: str = "",
               sheet: str = "data") -> bytes:
    """The table as an Excel workbook, laid out like the CSV: the header (bold) on the first row."""
    header, body = spreadsheet_table(title=title, columns=columns, rows=rows, citation=citation, licence=licence)
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

    worksheet.append(cells(header, bold=True))
    for row in body:
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


ZIP_CONTENT_TYPE = "application/zip"


class _Sink(io.RawIOBase):
    """A write-only stream that hands over what was written so far: a ZIP archive streamed as it is made."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out = b"".join(self.chunks)
        self.chunks.clear()
        return out


def zipped_table(*, name: str, header: list[str], rows: Iterable[list], about: str) -> Iterator[bytes]:
    """A ZIP (streamed) holding ``name``.csv — the header on its first line, then the rows, formula-safe — and a
    companion ``name``-source.txt with ``about`` (title, citation, licence): too long to repeat on each of a
    whole release's hundreds of thousands of rows, and a spreadsheet opens the CSV as a table."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}-source.txt", about)
        yield sink.take()
        with archive.open(f"{name}.csv", "w", force_zip64=True) as member:
            member.write("\ufeff".encode())
            for line in csv_lines([header]):
                member.write(line.encode("utf-8"))
            for line in csv_lines(rows):
                member.write(line.encode("utf-8"))
                if sum(len(c) for c in sink.chunks) > 1 << 16:
                    yield sink.take()
        yield sink.take()
    yield sink.take()
