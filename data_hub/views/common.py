"""Small helpers the data hub's views share."""

from django.http import HttpResponse
from django.utils.text import slugify

from data_hub import downloads
from data_hub.blocks import DataBlock
from rwg_portal.uploads import download_response


def block_download(block: DataBlock, *, fmt: str, filename: str, licence: str = "") -> HttpResponse:
    """The block's table as CSV or Excel, with its title and source, exactly as the page shows it."""
    name = slugify(filename)[:80] or "data"
    columns, rows = block.columns, block.rows
    if block.row_places:
        columns, rows = downloads.with_place_codes(columns, rows, block.row_places, name_column=False)
    elif block.place is not None:
        columns, rows = downloads.with_place_codes(columns, rows, [block.place] * len(rows), name_column=True)
    if fmt == "xlsx":
        content = downloads.table_xlsx(title=block.title, columns=columns, rows=rows,
                                       citation=block.citation, licence=licence)
        return download_response(content, f"{name}.xlsx", downloads.XLSX_CONTENT_TYPE)
    content = downloads.table_csv(title=block.title, columns=columns, rows=rows,
                                  citation=block.citation, licence=licence)
    return download_response(content, f"{name}.csv", downloads.CSV_CONTENT_TYPE)
