"""The shared upload checks (rwg_portal/uploads.py) and how stored files are served."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from rwg_portal.uploads import DOCUMENTS, MAX_ZIP_MEMBERS, check_upload, file_response
from tests.access import client_for
from tests.meetings.files import pdf_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["a", "b"])
    workbook.save(buffer)
    return buffer.getvalue()


def code_of(upload, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload, **kwargs)
    return caught.value.error_list[0].code


def test_a_good_pdf_and_workbook_pass():
    checked = check_upload(pdf_upload())
    assert checked.extension == "pdf" and checked.content_type == "application/pdf" and len(checked.sha256) == 64
    assert check_upload(SimpleUploadedFile("sheet.xlsx", xlsx_bytes()), allowed={"xlsx"}).extension == "xlsx"


def test_the_extension_must_be_allowed_by_the_caller():
    assert code_of(SimpleUploadedFile("run.exe", b"MZ" + b"\x00" * 100)) == "extension"
    assert code_of(pdf_upload(), allowed={"xlsx"}) == "extension"
    assert code_of(SimpleUploadedFile("page.html", b"<script>alert(1)</script>")) == "extension"


@pytest.mark.parametrize("name, content", [
    ("report.pdf", PNG),  # an image named .pdf
    ("photo.png", b"%PDF-1.4 not an image"),
    ("paper.docx", b"<html><script>alert(1)</script></html>"),
    ("sheet.xlsx", b"plain text, not a zip"),
])
def test_content_must_match_the_extension(name, content):
    assert code_of(SimpleUploadedFile(name, content)) in ("wrong_content", "bad_zip")


def test_a_zip_that_is_not_that_office_kind_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w/>")
    assert code_of(SimpleUploadedFile("sheet.xlsx", buffer.getvalue())) == "wrong_content"


def test_oversize_and_empty_files_are_refused(settings):
    settings.RWG_MAX_UPLOAD_BYTES = 1024
    assert code_of(SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"0" * 2000)) == "size"
    assert code_of(SimpleUploadedFile("empty.pdf", b"")) == "empty"


def _office_zip(extra_members: int = 0, big_member: int = 0, main: str = "word/") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{main}document.xml", "<w/>")
        for i in range(extra_members):
            archive.writestr(f"{main}media/{i}.xml", "")
        if big_member:
            archive.writestr(f"{main}bomb.xml", b"\x00" * big_member)
    return buffer.getvalue()


def test_a_zip_bomb_by_member_count_is_refused_before_opening():
    assert code_of(SimpleUploadedFile("paper.docx", _office_zip(extra_members=MAX_ZIP_MEMBERS + 1))) == "zip_members"


def test_a_zip_bomb_by_unpacked_size_is_refused_before_opening():
    # 50 MB of zeros deflate to ~50 kB: a thousandfold, far beyond the allowed ratio.
    assert code_of(SimpleUploadedFile("paper.docx", _office_zip(big_member=50 * 1024 * 1024))) == "zip_unpacked"


def test_the_programmes_attachment_and_bulk_forms_use_the_shared_checks():
    from programmes.forms import ImportUploadForm

    bomb = SimpleUploadedFile("update.xlsx", _office_zip(big_member=50 * 1024 * 1024, main="xl/"))
    form = ImportUploadForm(data={}, files={"file": bomb})
    assert not form.is_valid()
    assert "unpack" in str(form.errors)


def test_the_data_hub_check_uses_the_shared_zip_reader():
    from data_hub.importers.base import ImportRefused
    from data_hub.importers.safety import check_stream

    data = _office_zip(big_member=50 * 1024 * 1024, main="xl/")
    with pytest.raises(ImportRefused):
        check_stream(io.BytesIO(data), name="figures.xlsx", size=len(data))


def test_files_are_served_as_attachments_without_sniffing():
    response = file_response(io.BytesIO(b"%PDF-1.4"), filename="../../etc/passwd.pdf", content_type="application/pdf")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert "passwd.pdf" in response["Content-Disposition"] and ".." not in response["Content-Disposition"]


def test_documents_cover_the_known_types():
    assert {"pdf", "docx", "xlsx", "pptx", "png"} <= DOCUMENTS


@pytest.mark.django_db
def test_every_download_view_is_an_attachment_with_nosniff(people, settings, tmp_path):
    """Meeting papers, programme attachments, report builds and data releases."""
    from tests.security.world import build_world

    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world(people)
    client = client_for(people, "focal_point")
    for url in (reverse("meetings:document_download", args=[world.version.pk]),
                reverse("programmes:attachment_download", args=[world.attachment.pk]),
                reverse("reports:build_download", args=[world.build.pk]),
                reverse("data_hub:release_download", args=[world.release.pk])):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Content-Disposition"].startswith("attachment"), (url, response["Content-Disposition"])


def _lying_zip(real: int, declared: int = 100, main: str = "word/") -> bytes:
    """An Office zip whose big member claims (in both headers) to unpack to ``declared`` bytes."""
    import struct

    data = bytearray(_office_zip(big_member=real, main=main))
    name = f"{main}bomb.xml".encode()
    central = data.index(b"PK\x01\x02")  # the first central directory entry
    while True:  # find the bomb's central directory entry and local header
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46:central + 46 + name_length]) == name:
            break
        central = data.index(b"PK\x01\x02", central + 4)
    local = struct.unpack_from("<I", data, central + 42)[0]
    struct.pack_into("<I", data, central + 24, declared)
    struct.pack_into("<I", data, local + 22, declared)
    return bytes(data)


def test_a_zip_whose_central_directory_lies_about_sizes_is_refused():
    lying = _lying_zip(real=60 * 1024 * 1024)
    with zipfile.ZipFile(io.BytesIO(lying)) as archive:  # the archive itself claims to be tiny
        assert sum(m.file_size for m in archive.infolist()) < 1000
    assert code_of(SimpleUploadedFile("paper.docx", lying)) == "zip_unpacked"


def test_the_bulk_sheet_and_the_imports_refuse_a_lying_zip():
    from data_hub.importers.base import ImportRefused
    from data_hub.importers.safety import check_stream
    from programmes.forms import ImportUploadForm

    lying = _lying_zip(real=60 * 1024 * 1024, main="xl/")
    form = ImportUploadForm(data={}, files={"file": SimpleUploadedFile("update.xlsx", lying)})
    assert not form.is_valid() and "unpack" in str(form.errors)
    with pytest.raises(ImportRefused):
        check_stream(io.BytesIO(lying), name="figures.xlsx", size=len(lying))


def test_an_honest_office_file_still_passes_the_streamed_check():
    honest = _office_zip(big_member=20 * 1024, main="word/")  # 20 kB of zeros: within the ratio
    assert check_upload(SimpleUploadedFile("paper.docx", honest)).extension == "docx"
