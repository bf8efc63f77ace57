"""Writing reports: reports, the outline of chapters, chapter text and its review, sources.

A chapter moves draft → submitted → (reviewed → submitted)* → approved; the secretariat
may reopen an approved chapter. Each step locks the chapter row, checks the state it is
really in, and records who did it in the chapter's history.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Agency, User
from reports import emails, permissions, text
from reports.choices import ChapterState, CommentKind, ReportKind
from reports.models import Chapter, ChapterComment, Report, Source
from rwg_portal import dashboard_cache

REPORT_FIELDS = ("title_en", "title_ar", "summary_en", "summary_ar")
ASSESSMENT_FIELDS = ("findings_en", "findings_ar", "recommendations_en", "recommendations_ar", "questionnaire_deadline")


def default_title(kind: str, year: int) -> str:
    if kind == ReportKind.SITUATION_REPORT:
        return f"Situation Report on International Migration in the Arab States {year}"
    return f"Assessment of the Working Group on International Migration in the Arab Region, {year}"


def check_markdown(value: str, *, field: str, known_sources: set[str]) -> None:
    """Raise a ValidationError on ``field`` for an unreadable data block or an unknown source."""
    try:
        text.extract_blocks(value)
    except text.BlockSyntaxError as exc:
        raise ValidationError({field: str(exc)}) from None
    unknown = [key for key in text.cited_keys(value) if key not in known_sources]
    if unknown:
        raise ValidationError({field: _("Unknown source: %(keys)s. Add it to the report's sources first.")
                               % {"keys": ", ".join(f"[@{key}]" for key in unknown)}})


def _save(instance, *, by: User | None, reason: str) -> None:
    instance.full_clean()
    instance._change_reason = reason
    if by is not None:
        instance._history_user = by
    instance.save()


# Reports -------------------------------------------------------------------


@transaction.atomic
def report_create(*, kind: str, year: int, title_en: str = "", title_ar: str = "", summary_en: str = "",
                  summary_ar: str = "", by: User, is_demo: bool = False) -> Report:
    if not permissions.can_manage_reports(by) and not is_demo:
        raise PermissionDenied
    report = Report(kind=kind, year=year, title_en=title_en.strip() or default_title(kind, year),
                    title_ar=title_ar.strip(), summary_en=summary_en, summary_ar=summary_ar,
                    created_by=by, is_demo=is_demo)
    _save(report, by=by, reason="created")
    return report


@transaction.atomic
def report_update(*, report: Report, data: dict, by: User) -> Report:
    """Change titles and summaries; for an RCM assessment also findings, recommendations, deadline."""
    if not permissions.can_manage_reports(by):
        raise PermissionDenied
    report = Report.objects.select_for_update().get(pk=report.pk)
    allowed = REPORT_FIELDS + (ASSESSMENT_FIELDS if report.is_assessment else ())
    known = set(report.sources.values_list("key", flat=True))
    for field in allowed:
        if field in data:
            value = data[field]
            if field.startswith(("findings", "recommendations")):
                check_markdown(value or "", field=field, known_sources=known)
            setattr(report, field, value)
    _save(report, by=by, reason="details updated")
    return report


# The outline ---------------------------------------------------------------


def _check_contributors(lead_agency: Agency, contributing_agencies) -> list[Agency]:
    contributors = [agency for agency in contributing_agencies if agency.pk != lead_agency.pk]
    return contributors


@transaction.atomic
def chapter_create(*, report: Report, title_en: str, lead_agency: Agency, deadline: datetime.date,
                   title_ar: str = "", contributing_agencies=(), position: int | None = None, body_en: str = "",
                   body_ar: str = "", by: User) -> Chapter:
    """Add a chapter to a Situation Report edition's outline (at the end unless a position is given)."""
    if not permissions.can_edit_outline(by):
        raise PermissionDenied
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.is_situation_report:
        raise ValidationError(_("Only a Situation Report has chapters."))
    if position is None:
        position = (report.chapters.aggregate(last=Max("position"))["last"] or 0) + 1
    known = set(report.sources.values_list("key", flat=True))
    check_markdown(body_en, field="body_en", known_sources=known)
    check_markdown(body_ar, field="body_ar", known_sources=known)
    chapter = Chapter(report=report, position=position, title_en=title_en, title_ar=title_ar,
                      lead_agency=lead_agency, deadline=deadline, body_en=body_en, body_ar=body_ar, updated_by=by)
    _save(chapter, by=by, reason="added to the outline")
    chapter.contributing_agencies.set(_check_contributors(lead_agency, contributing_agencies))
    return chapter


@transaction.atomic
def chapter_update_outline(*, chapter: Chapter, title_en: str, lead_agency: Agency, deadline: datetime.date,
                           position: int, title_ar: str = "", contributing_agencies=(), by: User) -> Chapter:
    """Change a chapter's place in the outline; a position already taken swaps the two chapters."""
    if not permissions.can_edit_outline(by, chapter):
        raise PermissionDenied
    chapter = Chapter.objects.select_for_update().get(pk=chapter.pk)
    if position != chapter.position:
        other = Chapter.objects.select_for_update().filter(report_id=chapter.report_id, position=position).first()
        if other is not None:
            # Park the other chapter so that the unique (report, position) constraint holds throughout.
            Chapter.objects.filter(pk=other.pk).update(position=0)
            other.position = chapter.position
        chapter.position = position
        Chapter.objects.filter(pk=chapter.pk).update(position=position)
        dashboard_cache.changed("reports")  # update() sends no signal
        if other is not None:
            _save(other, by=by, reason="moved in the outline")
    chapter.title_en, chapter.title_ar = title_en, title_ar
    chapter.lead_agency, chapter.deadline = lead_agency, deadline
    _save(chapter, by=by, reason="outline updated")
    chapter.contributing_agencies.set(_check_contributors(lead_agency, contributing_agencies))
    return chapter


# Chapter text and review ------------------------------------------------------


class EditConflict(ValidationError):
    """Someone saved the chapter after this edit began; nothing was saved."""


@transaction.atomic
def chapter_update_text(*, chapter: Chapter, body_en: str, body_ar: str, revision: int, by: User,
                        note: str = "") -> Chapter:
    """Save new text. ``revision`` is the one the author started from: if the chapter has moved on
    since, nothing is saved and EditConflict says so (no silent overwrite of a colleague's work)."""
    locked = Chapter.objects.select_for_update().get(pk=chapter.pk)
    if not permissions.can_edit_chapter(by, locked):
        raise PermissionDenied
    if locked.revision != revision:
        raise EditConflict(_("%(person)s saved this chapter after you opened it (revision %(theirs)s; you started "
                             "from %(yours)s). Your text was not saved: copy it, reload the page and apply your "
                             "changes again.") % {"person": locked.updated_by or _("Someone"),
                                                  "theirs": locked.revision, "yours": revision})
    known = set(locked.report.sources.values_list("key", flat=True))
    check_markdown(body_en, field="body_en", known_sources=known)
    check_markdown(body_ar, field="body_ar", known_sources=known)
    if locked.body_en == body_en and locked.body_ar == body_ar:
        return locked
    locked.body_en, locked.body_ar = body_en, body_ar
    locked.revision += 1
    locked.updated_by = by
    _save(locked, by=by, reason=note.strip()[:100] or "text edited")
    return locked


def _lock(chapter: Chapter) -> Chapter:
    return Chapter.objects.select_for_update().prefetch_related("contributing_agencies").get(pk=chapter.pk)


def _move(chapter: Chapter, *, to: str, by: User, reason: str) -> Chapter:
    chapter.state = to
    chapter.state_changed_at = timezone.now()
    _save(chapter, by=by, reason=reason)
    return chapter


def _comment(chapter: Chapter, *, body: str, kind: str, by: User) -> ChapterComment | None:
    if not body.strip():
        return None
    comment = ChapterComment(chapter=chapter, author=by, kind=kind, body=body.strip(), revision=chapter.revision)
    _save(comment, by=by, reason=kind)
    return comment


@transaction.atomic
def chapter_submit(*, chapter: Chapter, by: User) -> Chapter:
    """The lead agency hands the chapter to the secretariat for review."""
    chapter = _lock(chapter)
    if not permissions.can_submit_chapter(by, chapter):
        raise PermissionDenied
    if not chapter.body_en.strip():
        raise ValidationError(_("Write the English text before submitting the chapter."))
    _move(chapter, to=ChapterState.SUBMITTED, by=by, reason="submitted")
    transaction.on_commit(lambda: emails.send_chapter_submitted(chapter=chapter, by=by))
    return chapter


@transaction.atomic
def chapter_withdraw(*, chapter: Chapter, by: User) -> Chapter:
    chapter = _lock(chapter)
    if not permissions.can_withdraw_chapter(by, chapter):
        raise PermissionDenied
    return _move(chapter, to=ChapterState.DRAFT, by=by, reason="withdrawn")


@transaction.atomic
def chapter_return(*, chapter: Chapter, comment: str, by: User) -> Chapter:
    """The secretariat returns a submitted chapter to its authors, saying what to change."""
    chapter = _lock(chapter)
    if not permissions.can_review_chapter(by, chapter):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should change: the comment goes to the authors.")})
    _move(chapter, to=ChapterState.REVIEWED, by=by, reason="reviewed, changes requested")
    note = _comment(chapter, body=comment, kind=CommentKind.REVIEW, by=by)
    transaction.on_commit(lambda: emails.send_chapter_decided(chapter=chapter, comment=note))
    return chapter


@transaction.atomic
def chapter_approve(*, chapter: Chapter, by: User, comment: str = "") -> Chapter:
    chapter = _lock(chapter)
    if not permissions.can_approve_chapter(by, chapter):
        raise PermissionDenied
    chapter.approved_by = by
    _move(chapter, to=ChapterState.APPROVED, by=by, reason="approved")
    note = _comment(chapter, body=comment, kind=CommentKind.APPROVAL, by=by)
    transaction.on_commit(lambda: emails.send_chapter_decided(chapter=chapter, comment=note))
    return chapter


@transaction.atomic
def chapter_reopen(*, chapter: Chapter, comment: str, by: User) -> Chapter:
    """Send an approved chapter back to draft, e.g. when newer figures come out."""
    chapter = _lock(chapter)
    if not permissions.can_reopen_chapter(by, chapter):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError({"comment": _("Say why the chapter is reopened.")})
    chapter.approved_by = None
    _move(chapter, to=ChapterState.DRAFT, by=by, reason="reopened")
    _comment(chapter, body=comment, kind=CommentKind.REOPENING, by=by)
    return chapter


@transaction.atomic
def chapter_comment(*, chapter: Chapter, body: str, by: User) -> ChapterComment:
    chapter = Chapter.objects.prefetch_related("contributing_agencies").get(pk=chapter.pk)
    if not permissions.can_comment_chapter(by, chapter):
        raise PermissionDenied
    if not body.strip():
        raise ValidationError({"body": _("Write a comment.")})
    return _comment(chapter, body=body, kind=CommentKind.COMMENT, by=by)


# Sources -------------------------------------------------------------------


def _citing_chapters(source: Source) -> list[Chapter]:
    needle = f"[@{source.key}]"
    return [chapter for chapter in source.report.chapters.all()
            if needle in chapter.body_en or needle in chapter.body_ar]


@transaction.atomic
def source_create(*, report: Report, key: str, citation_en: str, citation_ar: str = "", url: str = "",
                  by: User) -> Source:
    if not permissions.can_manage_sources(by, report):
        raise PermissionDenied
    source = Source(report=report, key=key.strip().lower(), citation_en=citation_en.strip(),
                    citation_ar=citation_ar.strip(), url=url.strip(),
                    agency_id=permissions.source_agency_for(by, report))
    _save(source, by=by, reason="added")
    return source


@transaction.atomic
def source_update(*, source: Source, citation_en: str, citation_ar: str = "", url: str = "", by: User) -> Source:
    """Change a source's citation; its key stays, since chapters cite it by key.

    Refused while an approved chapter cites it: the approved text would change under its
    reviewers' eyes. The secretariat reopens the chapter first (chapter_reopen), then the source
    is corrected and the chapter goes through review again.
    """
    if not permissions.can_edit_source(by, source):
        raise PermissionDenied
    source = Source.objects.select_for_update().get(pk=source.pk)
    approved = [chapter for chapter in _citing_chapters(source) if chapter.state == ChapterState.APPROVED]
    if approved:
        raise ValidationError(_("Chapters %(chapters)s are approved and cite [@%(key)s]; the secretariat reopens "
                                "them before the source changes.") % {
            "chapters": ", ".join(str(chapter.position) for chapter in approved), "key": source.key})
    source.citation_en, source.citation_ar, source.url = citation_en.strip(), citation_ar.strip(), url.strip()
    _save(source, by=by, reason="updated")
    return source


@transaction.atomic
def source_delete(*, source: Source, by: User) -> None:
    """Remove a source that no chapter cites (a cited one would break the next build)."""
    if not permissions.can_delete_source(by, source):
        raise PermissionDenied
    citing = _citing_chapters(source)
    if citing:
        raise ValidationError(_("Chapters %(chapters)s cite [@%(key)s]; remove the citations first.") % {
            "chapters": ", ".join(str(chapter.position) for chapter in citing), "key": source.key})
    source._history_user = by
    source.delete()
