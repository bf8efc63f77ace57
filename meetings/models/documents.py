"""A meeting's papers: documents, their uploaded versions, and the ZIP bundles of them."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.choices import JobState
from meetings.models.meetings import AgendaItem, Meeting
from rwg_portal.jobs import Job
from rwg_portal.uploads import generated_name

USER = settings.AUTH_USER_MODEL


def document_upload_to(instance, filename: str) -> str:
    """A generated name: the person's file name is never used on disk."""
    return generated_name("meetings/documents", instance.extension)


class Document(models.Model):
    """A paper of a meeting (or of one of its agenda items); its file lives in its versions."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    agenda_item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    # Guests (observers without an account) read only the papers shared with them, through their link.
    shared_with_guests = models.BooleanField(_("shared with guests"), default=False,
                                             help_text=_("Guests of the meeting can download it through their "
                                                         "invitation link."))
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title


class DocumentVersion(models.Model):
    """One uploaded file of a document. Replacing a document adds a version; none is deleted."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(upload_to=document_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(max_length=10)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    # Read from the file after the upload (a Celery task, PDF and DOCX), for the portal's search.
    text = models.TextField(_("text of the file"), blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")]

    def __str__(self):
        return f"{self.document} v{self.number}"


def bundle_upload_to(instance, filename: str) -> str:
    return f"meetings/bundles/{uuid.uuid4().hex}.zip"


class PapersBundle(Job):
    """A job that packs the current version of every paper of a meeting into one ZIP.

    Built by a Celery task; ``signature`` names the versions it holds, so an up-to-date
    bundle is reused instead of built again.
    """

    task = "meetings.tasks.build_papers_bundle"
    time_limit = 660
    pending_stale_after = datetime.timedelta(hours=1)  # not waited for any more: asked for again instead

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="bundles")
    signature = models.CharField(max_length=64)
    state = models.CharField(max_length=20, choices=JobState.choices, default=JobState.PENDING)
    file = models.FileField(upload_to=bundle_upload_to, max_length=255, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    requested_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("papers bundle")
        verbose_name_plural = _("papers bundles")

    def __str__(self):
        return f"{self.meeting} papers ({self.state})"

    @property
    def progress_step(self) -> int:
        """Progress rounded down to tens, for the progress bar's CSS class (no inline styles)."""
        return min(100, self.progress // 10 * 10)
