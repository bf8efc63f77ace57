"""Checking uploaded papers before they are stored: the portal's shared checks (rwg_portal/uploads.py).

Meeting papers accept every document type the portal knows (PDF, Office documents, images).
"""

from rwg_portal.uploads import (  # noqa: F401 - the names this app's code and tests import
    DOCUMENTS,
    MAX_ZIP_MEMBERS,
    MAX_ZIP_RATIO,
    MAX_ZIP_UNPACKED_BYTES,
    CheckedUpload,
)
from rwg_portal.uploads import check_upload as _check_upload


def allowed_extensions() -> list[str]:
    return sorted(DOCUMENTS)


def check_upload(upload) -> CheckedUpload:
    return _check_upload(upload, allowed=DOCUMENTS)
