"""Papers: stored under generated names, versions kept, the ZIP of all papers built as a job."""

import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from meetings.choices import JobState
from meetings.models import Document, DocumentVersion, PapersBundle
from meetings.services.agenda import agenda_item_add
from meetings.services.documents import (
    current_versions,
    document_replace,
    document_upload,
    papers_bundle_build,
    papers_bundle_request,
)
from tests.meetings.files import docx_bytes, pdf_bytes, upload
from tests.meetings.helpers import schedule

pytestmark = pytest.mark.django_db


def test_a_paper_is_stored_outside_the_web_root_under_a_generated_name(people, settings):
    meeting = schedule(people.secretariat)
    document = document_upload(meeting=meeting, title="Workplan", upload=upload("My <Workplan>.pdf", pdf_bytes()),
                               by=people.secretariat)
    version = document.versions.get()
    assert version.original_name == "My <Workplan>.pdf"
    stored = Path(version.file.path)
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert "Workplan" not in stored.name and stored.suffix == ".pdf"
    assert stored.read_bytes() == pdf_bytes()
    assert version.content_type == "application/pdf"


def test_a_refused_file_leaves_nothing_behind(people, settings):
    meeting = schedule(people.secretariat)
    with pytest.raises(ValidationError):
        document_upload(meeting=meeting, title="Bad", upload=upload("bad.pdf", b"MZ\x90\x00 executable"),
                        by=people.secretariat)
    assert not Document.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_replacing_keeps_the_earlier_versions(people):
    meeting = schedule(people.secretariat)
    document = document_upload(meeting=meeting, title="Note", upload=upload("note.pdf", pdf_bytes("v1")),
                               by=people.secretariat)
    second = document_replace(document=document, upload=upload("note-v2.docx", docx_bytes()), by=people.secretariat)
    assert second.number == 2
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    assert all(Path(v.file.path).exists() for v in DocumentVersion.objects.all())
    assert current_versions(meeting) == [second]


def test_the_zip_of_all_papers_holds_the_current_versions_in_agenda_order(people):
    meeting = schedule(people.secretariat)
    item = agenda_item_add(meeting=meeting, data={"title": "Report"}, by=people.secretariat)
    document_upload(meeting=meeting, title="General", upload=upload("g.pdf", pdf_bytes("g")), by=people.secretariat)
    report = document_upload(meeting=meeting, agenda_item=item, title="Report draft",
                             upload=upload("r.pdf", pdf_bytes("r1")), by=people.secretariat)
    document_replace(document=report, upload=upload("r2.pdf", pdf_bytes("r2")), by=people.secretariat)
    bundle = papers_bundle_request(meeting=meeting, by=people.focal_point)
    assert bundle.state == JobState.PENDING
    built = papers_bundle_build(bundle_id=bundle.pk)
    assert built.state == JobState.DONE and built.progress == 100
    with zipfile.ZipFile(built.file.path) as archive:
        names = archive.namelist()
        assert names == ["00_General.pdf", f"{item.position:02d}_Report_draft.pdf"]
        assert archive.read(names[1]) == pdf_bytes("r2")
    # Asked again with nothing changed: the same bundle is reused.
    assert papers_bundle_request(meeting=meeting, by=people.focal_point).pk == bundle.pk
    # A new version makes a new bundle, and the old file is removed once the new one is built.
    document_replace(document=report, upload=upload("r3.pdf", pdf_bytes("r3")), by=people.secretariat)
    newer = papers_bundle_request(meeting=meeting, by=people.focal_point)
    assert newer.pk != bundle.pk
    old_path = Path(built.file.path)
    papers_bundle_build(bundle_id=newer.pk)
    assert not old_path.exists()
    assert PapersBundle.objects.get(pk=bundle.pk).file == ""


def test_a_failed_build_says_why(people):
    meeting = schedule(people.secretariat)
    document = document_upload(meeting=meeting, title="Gone", upload=upload("g.pdf", pdf_bytes()),
                               by=people.secretariat)
    Path(document.versions.get().file.path).unlink()
    bundle = papers_bundle_request(meeting=meeting, by=people.focal_point)
    with pytest.raises(FileNotFoundError):
        papers_bundle_build(bundle_id=bundle.pk)
    bundle.refresh_from_db()
    assert bundle.state == JobState.FAILED
    assert "No such file" in bundle.error
