"""Small real files of each accepted kind, and some that must be refused, built in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from rwg_portal.demo import demo_pdf as _pdf

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def pdf_bytes(title: str = "Test paper") -> bytes:
    return _pdf(title, ["A line of text."])


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal Word document: content types, relationships and the main part."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["a", 1])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def pdf_upload(name: str = "paper.pdf") -> SimpleUploadedFile:
    return upload(name, pdf_bytes())
