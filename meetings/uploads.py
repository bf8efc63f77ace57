"""Checking uploaded papers before they are stored.

A file is accepted only when its extension is allowed *and* its content is of that
kind (read with ``filetype``, not trusted from the browser), it is within
``settings.RWG_MAX_UPLOAD_BYTES``, and, for Office zip containers (docx, xlsx, pptx),
the archive's own directory promises a sane number of members and unpacked size
before any program opens its contents (a "zip bomb" is refused here).
"""

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# extension -> (MIME type we serve it as, MIME types ``filetype`` may report for it)
ALLOWED = {
    "pdf": ("application/pdf", {"application/pdf"}),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"}),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"}),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
             {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/zip"}),
    "doc": ("application/msword", {"application/msword"}),
    "xls": ("application/vnd.ms-excel", {"application/vnd.ms-excel"}),
    "ppt": ("application/vnd.ms-powerpoint", {"application/vnd.ms-powerpoint"}),
    "png": ("image/png", {"image/png"}),
    "jpg": ("image/jpeg", {"image/jpeg"}),
    "jpeg": ("image/jpeg", {"image/jpeg"}),
    "gif": ("image/gif", {"image/gif"}),
    "webp": ("image/webp", {"image/webp"}),
}
# The part every Office Open XML package of that kind must contain.
OOXML_MAIN_PART = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
LEGACY_OFFICE = {"doc", "xls", "ppt"}

# Limits on an Office zip container, read from its central directory (nothing is unpacked).
MAX_ZIP_MEMBERS = 2000
MAX_ZIP_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100


@dataclass(frozen=True)
class CheckedUpload:
    """What the checks found out about an accepted file."""

    extension: str
    content_type: str
    size: int
    sha256: str
    original_name: str


def allowed_extensions() -> list[str]:
    return sorted(ALLOWED)


def _extension(name: str) -> str:
    suffix = PurePath(name or "").suffix.lower().lstrip(".")
    return suffix


def _check_zip_container(upload, extension: str, size: int) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise ValidationError(_("The file holds too many parts to be a normal Office document."))
            unpacked = sum(member.file_size for member in members)
            if unpacked > MAX_ZIP_UNPACKED_BYTES or unpacked > max(size, 1) * MAX_ZIP_RATIO:
                raise ValidationError(_("The file would unpack to far more than its size; it was refused."))
            names = {member.filename for member in members}
    except zipfile.BadZipFile:
        raise ValidationError(_("The file is damaged or is not an Office document.")) from None
    finally:
        upload.seek(0)
    main = OOXML_MAIN_PART[extension]
    if "[Content_Types].xml" not in names or not any(name.startswith(main) for name in names):
        raise ValidationError(_("The content of the file is not a .%(ext)s document.") % {"ext": extension})


def check_upload(upload) -> CheckedUpload:
    """Check an uploaded file (a Django ``UploadedFile``); raise ``ValidationError`` if refused."""
    original_name = PurePath((upload.name or "").replace("\\", "/")).name[:255]
    extension = _extension(original_name)
    if extension not in ALLOWED:
        raise ValidationError(
            _("Files of this type are not accepted. Accepted types: %(types)s.")
            % {"types": ", ".join(allowed_extensions())}
        )
    limit = settings.RWG_MAX_UPLOAD_BYTES
    size = upload.size
    if size is None or size > limit:
        raise ValidationError(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)})
    if size == 0:
        raise ValidationError(_("The file is empty."))
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    served_as, detected_as = ALLOWED[extension]
    kind = filetype.guess(head)
    guessed = kind.mime if kind else None
    if extension in LEGACY_OFFICE:
        # filetype recognises only some of the many variants of the 1997-2003 formats; the
        # compound-file signature is what every one of them starts with.
        matches = guessed in detected_as or (guessed is None and head.startswith(OLE_SIGNATURE))
    else:
        matches = guessed in detected_as
    if not matches:
        raise ValidationError(
            _("The content of the file is not a .%(ext)s document, whatever its name says.") % {"ext": extension}
        )
    if extension in OOXML_MAIN_PART:
        _check_zip_container(upload, extension, size)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(extension=extension, content_type=served_as, size=size, sha256=digest.hexdigest(),
                         original_name=original_name)
