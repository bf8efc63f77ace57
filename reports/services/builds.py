"""Building, approving and publishing the PDFs.

``build_request`` records a pending build and queues the Celery task once the request's
transaction commits; the worker's task calls ``build_run``, which claims the build with a
conditional update (so a message delivered twice cannot build twice), renders the PDF
into a temporary file beside its final place, moves it into place only when complete,
and records checksum and page count. A failure records its error; since every build has
its own file, the last good build is never touched. The secretariat then approves a
finished build and publishes it; published builds can also be made public.
"""

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from members.models import User
from reports import emails, permissions
from reports.choices import ACTIVE_BUILD_STATUSES, BuildStatus
from reports.models import Build, Report
from reports.pdf.document import BuildError, document_html
from reports.services.downloads import count_once
from rwg_portal import dashboard_cache

logger = logging.getLogger(__name__)

SOFT_TIME_LIMIT = Build.time_limit - 60  # the build task's (reports.tasks), reported in its error


def _save(build: Build, *, by: User | None, reason: str) -> None:
    build.full_clean()
    build._change_reason = reason
    if by is not None:
        build._history_user = by
    build.save()


@transaction.atomic
def build_request(*, report: Report, language: str, by: User, enqueue: bool = True) -> tuple[Build, bool]:
    """Queue a build of ``report`` in ``language``; if one is already queued or running, return that one.

    Returns (build, created). The report row is locked while deciding, and a partial unique
    constraint backs it up, so two requests at the same moment never start two builds.
    """
    if not permissions.can_request_build(by, report):
        raise PermissionDenied
    Report.objects.select_for_update().get(pk=report.pk)
    Build.fail_stale(report=report)
    active = Build.objects.filter(report=report, language=language, status__in=ACTIVE_BUILD_STATUSES).first()
    if active is not None:
        return active, False
    build = Build(report=report, language=language, requested_by=by, message_language=(get_language() or "en")[:7])
    try:
        with transaction.atomic():
            _save(build, by=by, reason="requested")
    except IntegrityError:
        return Build.objects.get(report=report, language=language, status__in=ACTIVE_BUILD_STATUSES), False
    except ValidationError as exc:
        # full_clean checks the partial unique constraint too: another request won the race.
        active = Build.objects.filter(report=report, language=language, status__in=ACTIVE_BUILD_STATUSES).first()
        if active is None:
            raise exc from None
        return active, False
    if enqueue:
        build.enqueue()
    return build, True


def _set_progress(build_id: int, percent: int, note) -> None:
    Build.objects.filter(pk=build_id, status=BuildStatus.RUNNING).update(
        progress=percent, progress_note=str(note)[:200]
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _finish(build_id: int, **values) -> Build:
    with transaction.atomic():
        build = Build.objects.select_for_update(of=("self",)).select_related("report", "requested_by").get(pk=build_id)
        for name, value in values.items():
            setattr(build, name, value)
        build.finished_at = timezone.now()
        _save(build, by=None, reason=build.status)
    return build


def build_run(*, build_id: int) -> Build | None:
    """Run a queued build (the worker's task calls this). Returns None if it was not pending.

    Deliberately not one transaction: the progress written while the PDF is laid out must be
    visible to the page that shows it.
    """
    # WeasyPrint is loaded by the worker only, never by the web processes.
    from reports.pdf.render import html_to_pdf

    if not Build.claim(build_id, progress=2, progress_note=str(gettext_lazy("Starting"))):
        logger.info("report build %s is not pending; nothing to do", build_id)
        return None
    dashboard_cache.changed("reports")  # update() sends no signal: the secretariat's panel lists running builds
    build = Build.objects.select_related("report").get(pk=build_id)
    previous = (Build.objects.filter(report=build.report, language=build.language, status=BuildStatus.DONE)
                .exclude(page_count=None).values_list("page_count", flat=True).first())
    folder = build.folder
    temporary: Path | None = None
    try:
        with translation.override(build.message_language):
            _set_progress(build_id, 5, _("Gathering the chapters, figures and data blocks"))
        document = document_html(build.report, build.language)
        with translation.override(build.message_language):
            _set_progress(build_id, 20, _("Laying out the pages"))

        def on_page(page: int) -> None:
            share = min(page / previous, 1.0) if previous else min(page / 150, 1.0)
            with translation.override(build.message_language):
                _set_progress(build_id, 20 + int(60 * share), _("Laying out page %(page)s") % {"page": page})

        def on_layout_done(pages: int) -> None:
            with translation.override(build.message_language):
                _set_progress(build_id, 85, _("Writing the PDF (%(pages)s pages)") % {"pages": pages})

        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".build-{build_id}-", suffix=".pdf.part")
        temporary = Path(name)
        with os.fdopen(handle, "wb") as output:
            pages = html_to_pdf(document.html, output, base_url=str(settings.BASE_DIR), on_page=on_page,
                                on_layout_done=on_layout_done)
            output.flush()
            os.fsync(output.fileno())
        checksum, size = _sha256(temporary), temporary.stat().st_size
        build.is_draft = document.is_draft
        relative = f"reports/{build.report_id}/{build_id}-{build.download_name}"
        os.replace(temporary, Path(settings.MEDIA_ROOT) / relative)
        temporary = None
        build = _finish(build_id, status=BuildStatus.DONE, file=relative, sha256=checksum, size_bytes=size,
                        page_count=pages, progress=100, progress_note="", error="", is_draft=document.is_draft,
                        content_revisions=document.revisions)
    except SoftTimeLimitExceeded:
        with translation.override(build.message_language):
            build = _finish(build_id, status=BuildStatus.FAILED,
                            error=_("The build took longer than %(seconds)s seconds and was stopped.")
                            % {"seconds": SOFT_TIME_LIMIT})
    except BuildError as exc:
        with translation.override(build.message_language):
            build = _finish(build_id, status=BuildStatus.FAILED, error=str(exc))
    except Exception as exc:
        logger.exception("report build %s failed", build_id)
        with translation.override(build.message_language):
            build = _finish(build_id, status=BuildStatus.FAILED,
                            error=_("The build failed unexpectedly (%(error)s). The technical log has the details.")
                            % {"error": type(exc).__name__})
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
    try:
        emails.send_build_finished(build=build)
    except Exception:  # the PDF is built (or its error recorded); a mail failure must not undo that
        logger.exception("could not e-mail the outcome of report build %s", build_id)
    return build


# Approval and publication ---------------------------------------------------------


def _lock(build: Build) -> Build:
    return Build.objects.select_for_update(of=("self",)).select_related("report").get(pk=build.pk)


@transaction.atomic
def build_approve(*, build: Build, by: User) -> Build:
    """The secretariat accepts a finished PDF as the text to publish."""
    build = _lock(build)
    if not permissions.can_approve_build(by, build):
        raise PermissionDenied
    if build.is_draft:
        raise ValidationError(_("This PDF was built from a draft (not every chapter approved, or findings and "
                                "recommendations missing). Complete the report and build it again."))
    build.approved_at, build.approved_by = timezone.now(), by
    _save(build, by=by, reason="approved")
    return build


@transaction.atomic
def build_publish(*, build: Build, by: User) -> Build:
    """Put an approved PDF on the downloads page of RCM delegates."""
    build = _lock(build)
    if not permissions.can_publish_build(by, build):
        raise PermissionDenied
    build.published_at, build.published_by = timezone.now(), by
    _save(build, by=by, reason="published")
    return build


@transaction.atomic
def build_unpublish(*, build: Build, by: User) -> Build:
    build = _lock(build)
    if not permissions.can_unpublish_build(by, build):
        raise PermissionDenied
    build.published_at, build.published_by, build.is_public = None, None, False
    _save(build, by=by, reason="withdrawn from publication")
    return build


@transaction.atomic
def build_set_public(*, build: Build, public: bool, by: User) -> Build:
    """Show a published PDF on the public page too (or take it off)."""
    build = _lock(build)
    if not permissions.can_mark_public(by, build):
        raise PermissionDenied
    build.is_public = public
    _save(build, by=by, reason="made public" if public else "made non-public")
    return build


def build_count_download(*, build: Build, request) -> bool:
    """Count a download of the build's PDF once per visitor and day; True if this one was counted."""
    return count_once(obj=build, visit={"build_id": build.pk}, request=request)
