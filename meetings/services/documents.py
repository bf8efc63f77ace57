"""Papers of a meeting: upload, replace (keeping earlier versions), and the ZIP of all papers."""

import hashlib
import logging
import os
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import get_valid_filename

from meetings.choices import JobState
from meetings.models import AgendaItem, Document, DocumentVersion, Meeting, PapersBundle
from meetings.uploads import check_upload
from members.models import User
from rwg_portal.jobs import enqueue

logger = logging.getLogger(__name__)


def _store_version(*, document: Document, upload, by: User | None) -> DocumentVersion:
    checked = check_upload(upload)
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DocumentVersion(document=document, number=number, original_name=checked.original_name,
                              extension=checked.extension, content_type=checked.content_type, size=checked.size,
                              sha256=checked.sha256, uploaded_by=by)
    # The name on disk is generated (see document_upload_to); the person's name is kept only as data.
    version.file.save(f"upload.{checked.extension}", upload, save=False)
    try:
        version.full_clean()
        version.save()
    except Exception:
        version.file.storage.delete(version.file.name)
        raise
    enqueue("meetings.tasks.extract_document_text", version.pk)
    return version


def document_version_extract_text(*, version_id: int) -> DocumentVersion | None:
    """Read the text of an uploaded paper (PDF, DOCX) into the version, which re-indexes its document."""
    from rwg_portal.text_extraction import extract_text

    version = DocumentVersion.objects.filter(pk=version_id).first()
    if version is None:
        return None
    with version.file.open("rb") as handle:
        text = extract_text(handle, version.extension)
    version.text = text
    version.save(update_fields=["text"])
    return version


@transaction.atomic
def document_upload(*, meeting: Meeting, title: str, upload, agenda_item: AgendaItem | None = None,
                    by: User | None) -> Document:
    """Add a paper to a meeting (or one of its agenda items); the file is checked first."""
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValueError("the agenda item belongs to another meeting")
    document = Document(meeting=meeting, agenda_item=agenda_item, title=title.strip(), created_by=by)
    document.full_clean()
    document.save()
    _store_version(document=document, upload=upload, by=by)
    return document


@transaction.atomic
def document_replace(*, document: Document, upload, by: User | None) -> DocumentVersion:
    """Upload a new version of a paper; the earlier versions stay available."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    return _store_version(document=document, upload=upload, by=by)


def current_versions(meeting: Meeting) -> list[DocumentVersion]:
    """The latest version of every paper of the meeting, in agenda order."""
    latest = {}
    versions = (
        DocumentVersion.objects.filter(document__meeting=meeting)
        .select_related("document", "document__agenda_item")
        .order_by("document_id", "-number")
    )
    for version in versions:
        latest.setdefault(version.document_id, version)

    def order(version):
        item = version.document.agenda_item
        return (item.position if item else 0, version.document.title.lower(), version.document_id)

    return sorted(latest.values(), key=order)


def papers_signature(versions: list[DocumentVersion]) -> str:
    return hashlib.sha256(",".join(str(v.pk) for v in sorted(versions, key=lambda v: v.pk)).encode()).hexdigest()


@transaction.atomic
def papers_bundle_request(*, meeting: Meeting, by: User | None) -> PapersBundle:
    """Ask for the ZIP of all current papers; an up-to-date bundle (ready or being built) is reused."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)  # one request at a time per meeting
    signature = papers_signature(current_versions(meeting))
    existing = (
        PapersBundle.objects.filter(meeting=meeting, signature=signature)
        .exclude(state=JobState.FAILED)
        .order_by("-created_at")
        .first()
    )
    if existing is not None:
        if existing.state == JobState.DONE and existing.file:
            return existing
        # A job nobody picked up within the hour (worker down) is not waited for again.
        if existing.state != JobState.DONE and existing.created_at > timezone.now() - PapersBundle.pending_stale_after:
            return existing
    bundle = PapersBundle(meeting=meeting, signature=signature, requested_by=by)
    bundle.full_clean()
    bundle.save()
    bundle.enqueue()
    return bundle


def _member_name(version: DocumentVersion, used: set[str]) -> str:
    """A safe, unique path inside the ZIP: "<agenda position> <title>.<ext>"."""
    item = version.document.agenda_item
    prefix = f"{item.position:02d} " if item else "00 "
    stem = get_valid_filename(f"{prefix}{version.document.title}")[:100] or "document"
    name = f"{stem}.{version.extension}"
    counter = 1
    while name in used:
        counter += 1
        name = f"{stem}_{counter}.{version.extension}"
    used.add(name)
    return name


def _set_progress(bundle: PapersBundle, **fields) -> None:
    PapersBundle.objects.filter(pk=bundle.pk).update(**fields)
    for key, value in fields.items():
        setattr(bundle, key, value)


def papers_bundle_build(*, bundle_id: int) -> PapersBundle | None:
    """Build the ZIP of a bundle job: written to a temporary file, then moved into place.

    Runs in the worker. The job row says how far it got and, if it failed, why.
    """
    # A task delivered twice (or published again by the sweeper) builds the ZIP once.
    if not PapersBundle.claim(bundle_id, progress=0):
        logger.info("papers bundle %s is not pending; nothing to do", bundle_id)
        return None
    bundle = PapersBundle.objects.select_related("meeting").get(pk=bundle_id)
    media = Path(settings.MEDIA_ROOT)
    target_dir = media / "meetings" / "bundles"
    target_dir.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".bundle-", suffix=".zip", dir=target_dir)
    os.close(handle)
    try:
        versions = current_versions(bundle.meeting)
        used: set[str] = set()
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for index, version in enumerate(versions, start=1):
                with version.file.open("rb") as source, archive.open(_member_name(version, used), "w") as target:
                    for chunk in iter(lambda src=source: src.read(1024 * 1024), b""):
                        target.write(chunk)
                _set_progress(bundle, progress=int(index * 100 / len(versions)))
        name = f"meetings/bundles/{bundle.meeting.reference.replace(' ', '-').replace('/', '-')}-{bundle.pk}.zip"
        os.replace(temporary, media / name)
        _set_progress(bundle, state=JobState.DONE, progress=100, file=name, size=(media / name).stat().st_size,
                      finished_at=timezone.now())
        # Older bundles of this meeting are out of date: free their space.
        for old in PapersBundle.objects.filter(meeting=bundle.meeting).exclude(pk=bundle.pk).exclude(file=""):
            old.file.delete(save=False)
            PapersBundle.objects.filter(pk=old.pk).update(file="")
    except Exception as exc:
        logger.exception("building papers bundle %s failed", bundle_id)
        _set_progress(bundle, state=JobState.FAILED, error=str(exc)[:2000], finished_at=timezone.now())
        raise
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return bundle
