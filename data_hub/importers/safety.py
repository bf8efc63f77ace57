"""Checks on a file before any parser opens it: size, type by content, and for an .xlsx (a zip)
the number of members and the unpacked size read from the archive's directory.
"""

import zipfile
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from data_hub.importers.base import ImportRefused
from rwg_portal.uploads import OLE_SIGNATURE, inspect_zip

EXCEL_ZIP = {"xlsx", "xlsm"}
EXCEL_OLE = {"xls"}
TEXT = {"csv", "txt"}
ALLOWED_EXTENSIONS = sorted(EXCEL_ZIP | EXCEL_OLE | TEXT)
# An .xlsx of statistical tables has a few dozen members; its XML compresses well, but not a
# thousandfold. These limits refuse "zip bombs" before anything is unpacked.
MAX_XLSX_MEMBERS = 1000
MAX_XLSX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_XLSX_RATIO = 200


def extension_of(name: str) -> str:
    return Path(name or "").suffix.lower().lstrip(".")


def check_file(path: Path, *, name: str) -> str:
    """Refuse (``ImportRefused``) what must not be opened; return the file's extension otherwise."""
    with Path(path).open("rb") as handle:
        return check_stream(handle, name=name, size=Path(path).stat().st_size)


def check_stream(handle: BinaryIO, *, name: str, size: int) -> str:
    """The same checks on an open binary file (an upload not yet saved), which is left at its start."""
    extension = extension_of(name)
    if extension not in ALLOWED_EXTENSIONS:
        raise ImportRefused(
            _("Only Excel workbooks (.xlsx, .xls) and CSV files can be imported; “%(name)s” is neither.")
            % {"name": name}
        )
    limit = settings.RWG_MAX_UPLOAD_BYTES
    if size > limit:
        raise ImportRefused(
            _("The file is %(size)s; files up to %(limit)s can be imported.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    if size == 0:
        raise ImportRefused(_("The file is empty."))
    handle.seek(0)
    head = handle.read(8192)
    handle.seek(0)
    not_excel = _("The file is not a readable Excel workbook: it may be damaged, truncated or of another type.")
    if extension in EXCEL_ZIP:
        _check_xlsx(handle, size, not_excel)
    elif extension in EXCEL_OLE:
        if not head.startswith(OLE_SIGNATURE):
            raise ImportRefused(not_excel)
    elif b"\x00" in head or head.startswith((b"PK\x03\x04", OLE_SIGNATURE)):
        raise ImportRefused(_("The file is not a text (CSV) file. Save it as CSV (UTF-8) or import the workbook."))
    handle.seek(0)
    return extension


def _check_xlsx(handle: BinaryIO, size: int, not_excel: str) -> None:
    """Read the zip's central directory only: member count and unpacked size, before anything is opened."""
    try:
        summary = inspect_zip(handle)  # the portal's shared zip check (rwg_portal/uploads.py)
    except zipfile.BadZipFile:
        raise ImportRefused(not_excel) from None
    if summary.members > MAX_XLSX_MEMBERS:
        raise ImportRefused(_("The workbook holds %(count)s parts; a workbook of tables has far fewer. It "
                              "was not opened.") % {"count": summary.members})
    if summary.unpacked > MAX_XLSX_UNPACKED_BYTES or summary.unpacked > size * MAX_XLSX_RATIO:
        raise ImportRefused(_("The workbook would unpack to %(unpacked)s from %(size)s; it was not opened.")
                            % {"unpacked": filesizeformat(summary.unpacked), "size": filesizeformat(size)})
    if not any(name.startswith("xl/") for name in summary.names):
        raise ImportRefused(not_excel)
