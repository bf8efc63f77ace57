"""Papers are checked by content, extension and size; Office zips are checked before opening."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from meetings.uploads import MAX_ZIP_MEMBERS, check_upload
from tests.meetings.files import PNG, docx_bytes, pdf_bytes, upload, xlsx_bytes


@pytest.mark.parametrize(("name", "content", "content_type"), [
    ("paper.pdf", pdf_bytes(), "application/pdf"),
    ("Paper.PDF", pdf_bytes(), "application/pdf"),
    ("note.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("table.xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("photo.png", PNG, "image/png"),
])
def test_accepted_files(name, content, content_type):
    checked = check_upload(upload(name, content))
    assert checked.content_type == content_type
    assert checked.size == len(content)
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(("name", "content", "message"), [
    ("script.html", b"<script>alert(1)</script>", "not accepted"),
    ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not accepted"),
    ("no-extension", pdf_bytes(), "not accepted"),
    ("fake.pdf", b"<html><script>alert(1)</script></html>", "whatever its name says"),
    ("image.pdf", PNG, "whatever its name says"),
    ("paper.docx", pdf_bytes(), "whatever its name says"),
    ("renamed.xlsx", docx_bytes(), "not a .xlsx document"),
    ("archive.docx", b"PK\x03\x04" + b"\x00" * 100, "damaged"),
    ("empty.pdf", b"", "empty"),
    ("old.doc", b"plain text pretending", "whatever its name says"),
])
def test_refused_files(name, content, message):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, content))
    assert message in " ".join(error.value.messages)


def test_size_limit(settings):
    settings.RWG_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError, match="larger than"):
        check_upload(upload("big.pdf", pdf_bytes() + b"%" * 1000))


def test_a_zip_bomb_is_refused_from_the_archive_directory():
    bomb = docx_bytes({"word/media/zeros.bin": b"\x00" * (30 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024  # tiny on the wire...
    with pytest.raises(ValidationError, match="unpack to far more"):
        check_upload(upload("bomb.docx", bomb))


def test_too_many_members_are_refused():
    many = {f"word/part{n}.xml": b"" for n in range(MAX_ZIP_MEMBERS)}
    with pytest.raises(ValidationError, match="too many parts"):
        check_upload(upload("many.docx", docx_bytes(many)))


def test_a_legacy_office_file_is_recognised_by_its_compound_file_signature():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000
    assert check_upload(upload("old.doc", ole)).content_type == "application/msword"


def test_a_path_in_the_file_name_is_dropped():
    assert check_upload(upload("..\\..\\etc\\paper.pdf", pdf_bytes())).original_name == "paper.pdf"


def test_the_checks_do_not_consume_the_file():
    file = upload("paper.pdf", pdf_bytes())
    check_upload(file)
    assert file.read() == pdf_bytes()


def test_zipfile_is_opened_only_for_its_directory():
    # The main part may even be corrupt: the check reads names and sizes, never contents.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "not xml at all")
    assert check_upload(upload("odd.docx", out.getvalue())).extension == "docx"
