"""Checking every uploaded file before it is stored or opened (ASVS V5), for every app.

A file is accepted only when its extension is one the caller allows *and* its content is of
that kind (read with ``filetype``, never trusted from the browser or the name), it is within
``settings.RWG_MAX_UPLOAD_BYTES``, and, for Office zip containers (docx, xlsx, pptx), the
archive holds a sane number of members and unpacks to a sane size, counted by streaming every
member up to a hard cap (never trusting the central directory's claims) before any program
opens its contents (a "zip bomb" is refused here; nothing unpacked is kept).

Files are stored under generated names (``generated_name``: a random name in the app's folder,
only the checked extension kept) and the uploader's file name only as data (``original_name_of``),
offered again in the download's ``Content-Disposition``; they are served through
permission-checking views with ``file_response``: ``attachment`` and ``nosniff``.
"""

import copy
import hashlib
import re
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# extension -> (MIME type we serve it as, MIME types ``filetype`` may report for it)
KNOWN = {
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
DOCUMENTS = frozenset(KNOWN)  # papers: PDF, Office documents and images
# The part every Office Open XML package of that kind must contain.
OOXML_MAIN_PART = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
LEGACY_OFFICE = {"doc", "xls", "ppt"}

# Limits on an Office zip container, read from its central directory (nothing is unpacked).
MAX_ZIP_MEMBERS = 2000
MAX_ZIP_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100
# The hard cap on bytes actually unpacked while checking any zip (the data hub's importers allow
# the most: 400 MB and 200 times the file's size); callers may pass a tighter one.
MAX_STREAMED_BYTES = 400 * 1024 * 1024
MAX_STREAMED_RATIO = 200


@dataclass(frozen=True)
class CheckedUpload:
    """What the checks found out about an accepted file."""

    extension: str
    content_type: str
    size: int
    sha256: str
    original_name: str


@dataclass(frozen=True)
class ZipSummary:
    """What a zip's central directory says, read without unpacking anything."""

    members: int
    unpacked: int
    names: frozenset[str]


def extension_of(name: str) -> str:
    return PurePath((name or "").replace("\\", "/")).suffix.lower().lstrip(".")


def original_name_of(name: str) -> str:
    """The uploader's file name without any folder part (``../../a.pdf`` -> ``a.pdf``), kept only as data."""
    return PurePath((name or "").replace("\\", "/")).name[:255]


def generated_name(folder: str, extension: str) -> str:
    """Where an upload is stored: ``folder/YYYY/MM/<random>.<ext>``; nothing of the uploader's name is used.

    Only a plain extension (letters and digits) is kept, so that the file keeps its kind on disk.
    """
    extension = (extension or "").lower()
    suffix = f".{extension}" if re.fullmatch(r"[a-z0-9]{1,10}", extension) else ""
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def content_type_of(name: str) -> str:
    """The type a stored file is served as, from its extension (never from the browser's word)."""
    return KNOWN.get(extension_of(name), ("application/octet-stream",))[0]


def inspect_zip(handle: BinaryIO, *, read_cap: int | None = None) -> ZipSummary:
    """The member count, unpacked size and names of a zip; ``zipfile.BadZipFile`` if it is none.

    The central directory is the archive's own word: a member that claims 100 bytes may hold
    gigabytes. So every member is also unpacked as a stream (never held), counting the bytes that
    really come out, up to a hard cap (``read_cap``; by default MAX_STREAMED_BYTES or
    MAX_STREAMED_RATIO times the file's size); ``unpacked`` is the larger of the claim and the count,
    and a count that reaches the cap is reported as the cap, which every caller refuses.
    """
    position = handle.tell()
    try:
        if read_cap is None:
            size = handle.seek(0, 2)
            read_cap = min(MAX_STREAMED_BYTES, max(size, 1) * MAX_STREAMED_RATIO) + 1
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
            declared = sum(m.file_size for m in members)
            return ZipSummary(members=len(members), unpacked=max(declared, _streamed_size(archive, read_cap)),
                              names=frozenset(m.filename for m in members))
    except (zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise zipfile.BadZipFile(str(exc)) from None
    finally:
        handle.seek(position)


_CHUNK = 64 * 1024


def _streamed_size(archive: zipfile.ZipFile, cap: int) -> int:
    """The bytes the members really unpack to, counted chunk by chunk and stopped at ``cap``."""
    total = 0
    for declared in archive.infolist():
        if declared.is_dir():
            continue
        member = copy.copy(declared)
        # zipfile stops a member at its declared size (then checks the CRC): lift that past the cap
        # so that the real size shows and the count stops first.
        member.file_size = cap + 2 * _CHUNK
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total >= cap:
                    return cap
    return total


def check_zip_container(handle: BinaryIO, *, size: int, extension: str, max_members: int = MAX_ZIP_MEMBERS,
                        max_unpacked: int = MAX_ZIP_UNPACKED_BYTES, max_ratio: int = MAX_ZIP_RATIO) -> ZipSummary:
    """Refuse a zip bomb (too many members, too large or too compressed) or a zip that is not this Office kind."""
    handle.seek(0)
    try:
        summary = inspect_zip(handle, read_cap=min(max_unpacked, max(size, 1) * max_ratio) + 1)
    except zipfile.BadZipFile:
        raise ValidationError(_("The file is damaged or is not an Office document."), code="bad_zip") from None
    if summary.members > max_members:
        raise ValidationError(_("The file holds too many parts to be a normal Office document."),
                              code="zip_members")
    if summary.unpacked > max_unpacked or summary.unpacked > max(size, 1) * max_ratio:
        raise ValidationError(_("The file would unpack to far more than its size; it was refused."),
                              code="zip_unpacked")
    main = OOXML_MAIN_PART.get(extension)
    if main and ("[Content_Types].xml" not in summary.names or not any(n.startswith(main) for n in summary.names)):
        raise ValidationError(_("The content of the file is not a .%(ext)s document.") % {"ext": extension},
                              code="wrong_content")
    return summary


def check_upload(upload, *, allowed: Iterable[str] = DOCUMENTS) -> CheckedUpload:
    """Check an uploaded file (a Django ``UploadedFile``) against the ``allowed`` extensions.

    Raise ``ValidationError`` if it is refused; nothing is unpacked or parsed here.
    """
    allowed = sorted(set(allowed) & set(KNOWN))
    original_name = original_name_of(upload.name)
    extension = extension_of(original_name)
    if extension not in allowed:
        raise ValidationError(
            _("Files of this type are not accepted. Accepted types: %(types)s.") % {"types": ", ".join(allowed)},
            code="extension",
        )
    limit = settings.RWG_MAX_UPLOAD_BYTES
    size = upload.size
    if size is None or size > limit:
        raise ValidationError(_("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)},
                              code="size")
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    served_as, detected_as = KNOWN[extension]
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
            _("The content of the file is not a .%(ext)s document, whatever its name says.") % {"ext": extension},
            code="wrong_content",
        )
    if extension in OOXML_MAIN_PART:
        check_zip_container(upload, size=size, extension=extension)
        upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(extension=extension, content_type=served_as, size=size, sha256=digest.hexdigest(),
                         original_name=original_name)


def file_response(handle, *, filename: str, content_type: str, inline: bool = False) -> FileResponse:
    """Serve a stored file safely: its checked type, a download disposition, no content sniffing."""
    response = FileResponse(handle, as_attachment=not inline, filename=PurePath(filename).name or "download",
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def download_response(content, filename: str, content_type: str, *, inline: bool = False) -> HttpResponse:
    """Content made for the request (an export, a template: bytes; a zipped table: an iterator of bytes,
    streamed) offered as ``filename``, its name encoded as RFC 6266 says (Arabic, quotes) by Django's
    ``content_disposition_header``; stored files go through ``file_response``."""
    response_class = HttpResponse if isinstance(content, bytes | str) else StreamingHttpResponse
    response = response_class(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    return response
