"""Writes for the research and information library: sharing an item, its file, its text, its downloads.

A focal point or alternate shares items for their own agency and edits only those; the secretariat
shares and edits for any agency. Every save keeps a version (django-simple-history) with who made it.
An item holds either a checked file or a link; a new file's text is read afterwards by a Celery task
(``reports.tasks.extract_library_text``), which re-indexes the item for the portal's search.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import User
from reports import permissions, selectors
from reports.models import LibraryItem, LibraryTag
from reports.services.downloads import count_once
from rwg_portal.jobs import enqueue
from rwg_portal.translated import columns
from rwg_portal.uploads import check_upload

# What may be uploaded to the library: documents and data tables; their text is read from PDF and DOCX.
LIBRARY_FILE_TYPES = frozenset({"pdf", "docx", "xlsx", "pptx"})
FIELDS = ("kind", *columns("title"), *columns("abstract"), "language", "year", "agency", "countries",
          "gcm_objectives", "sdg_targets", "visibility", "url")


def _retag(item: LibraryItem) -> None:
    """Rebuild the derived country and topic rows the list filters on."""
    LibraryTag.objects.filter(item=item).delete()
    LibraryTag.objects.bulk_create(
        [LibraryTag(item=item, dimension=LibraryTag.COUNTRY, code=code) for code in item.countries]
        + [LibraryTag(item=item, dimension=LibraryTag.GCM, code=str(code)) for code in item.gcm_objectives]
        + [LibraryTag(item=item, dimension=LibraryTag.SDG, code=code) for code in item.sdg_targets]
    )


def _reindex(item: LibraryItem) -> None:
    """Re-index after the partner agencies changed (a many-to-many change sends no post_save)."""
    from rwg_portal.registry import SEARCH_SOURCES
    from rwg_portal.search import index_record

    source = SEARCH_SOURCES.get("reports.library")
    if source is not None:
        index_record(source, item.pk)


@transaction.atomic
def library_item_save(*, item: LibraryItem | None, fields: dict, by: User, upload=None,
                      partner_agencies=None) -> LibraryItem:
    """Share a new item (``item`` None) or change one; ``upload`` replaces the file (and drops any link),
    a link given without a file replaces the file. Refused with ``PermissionDenied`` for someone who may not
    edit it, and ``ValidationError`` (nothing changed, no file kept) for bad input."""
    if item is None:
        if not permissions.can_add_library_item(by):
            raise PermissionDenied
        item = LibraryItem(created_by=by)
    else:
        item = LibraryItem.objects.select_for_update().get(pk=item.pk)
        if not permissions.can_edit_library_item(by, item):
            raise PermissionDenied
    for name, value in fields.items():
        if name not in FIELDS:
            raise ValueError(f"{name} cannot be set on a library item")
        setattr(item, name, value)
    if not selectors.library_agencies_for(by).filter(pk=item.agency_id).exists():
        raise ValidationError({"agency": _("You may share items only for an agency you represent.")})
    new_file = upload is not None
    if not new_file and not item.file and not item.url:
        raise ValidationError({"upload": _("Upload a file or give a link to the document.")})
    if new_file:
        checked = check_upload(upload, allowed=LIBRARY_FILE_TYPES)
        item.url = ""
        item.original_name, item.extension = checked.original_name, checked.extension
        item.content_type, item.size, item.sha256 = checked.content_type, checked.size, checked.sha256
        item.text = ""
        item.file.save(f"upload.{checked.extension}", upload, save=False)
    elif item.url and item.file:
        # A link instead of the file: the stored file stays (earlier versions name it), unused.
        item.file, item.original_name, item.extension, item.content_type = "", "", "", ""
        item.size, item.sha256, item.text = None, "", ""
    item.updated_by, item.updated_at = by, timezone.now()
    try:
        item.full_clean()
        item._history_user = by
        item.save()
    except Exception:
        if new_file:
            item.file.storage.delete(item.file.name)
        raise
    if partner_agencies is not None:
        item.partner_agencies.set([agency for agency in partner_agencies if agency.pk != item.agency_id])
    _retag(item)
    _reindex(item)
    if new_file:
        enqueue("reports.tasks.extract_library_text", item.pk)
    return item


def library_item_extract_text(*, item_id: int) -> LibraryItem | None:
    """Read the text of the item's file (PDF, DOCX) into the item, which re-indexes it for the search."""
    from rwg_portal.text_extraction import extract_text

    item = LibraryItem.objects.filter(pk=item_id).first()
    if item is None or not item.file:
        return None
    name = item.file.name
    with item.file.open("rb") as handle:
        text = extract_text(handle, item.extension)
    # Only if the file is still the one read (a new upload meanwhile has its own task).
    LibraryItem.objects.filter(pk=item.pk, file=name).update(text=text)
    item.text = text
    _reindex(item)
    return item


def library_item_count_download(*, item: LibraryItem, request) -> bool:
    """Count a download of the item's file once per visitor and day; True if this one was counted."""
    return count_once(obj=item, visit={"library_item_id": item.pk}, request=request)
