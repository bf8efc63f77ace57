"""Chapters: the outline, the text, the review, the comments and the versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reports import diff, permissions, selectors, services, sources, text
from reports.choices import ReportLanguage
from reports.forms import (
    ChapterActionForm,
    ChapterOutlineForm,
    ChapterTextForm,
    CommentForm,
    CompareForm,
)
from reports.pdf.svg import UnsafeSvg, clean_svg
from reports.views.common import preview_language
from rwg_portal.forms import add_service_errors
from rwg_portal.shortcuts import flash_errors, paginate


def _render_body(chapter, language: str) -> tuple:
    """The chapter's text rendered for the page, and a problem to show instead if it cannot be."""
    body = chapter.body_ar if language == ReportLanguage.ARABIC else chapter.body_en
    citations = text.Citations(known=set(chapter.report.sources.values_list("key", flat=True)))
    try:
        return text.render(body, citations=citations, id_prefix="c-"), None
    except text.BlockSyntaxError as exc:
        return None, str(exc)


@login_required
def chapter_detail(request, pk: int):
    chapter = selectors.chapter_get_for_user(request.user, pk)
    user = request.user
    language = preview_language(request)
    rendered, problem = _render_body(chapter, language)
    actions = {
        "submit": permissions.can_submit_chapter(user, chapter),
        "withdraw": permissions.can_withdraw_chapter(user, chapter),
        "return": permissions.can_review_chapter(user, chapter),
        "approve": permissions.can_approve_chapter(user, chapter),
        "reopen": permissions.can_reopen_chapter(user, chapter),
    }
    return render(request, "reports/chapter_detail.html", {
        "chapter": chapter,
        "report": chapter.report,
        "language": language,
        "rendered": rendered,
        "problem": problem,
        "comments": chapter.comments.select_related("author"),
        "can_edit": permissions.can_edit_chapter(user, chapter),
        "can_outline": permissions.can_edit_outline(user, chapter),
        "can_comment": permissions.can_comment_chapter(user, chapter),
        "actions": actions,
        "any_action": any(actions.values()),
        "comment_form": CommentForm(),
        "words": text.plain_words(chapter.body_en),
    })


@login_required
@require_http_methods(["GET", "POST"])
def chapter_create(request, pk: int):
    report = selectors.report_get_for_user(request.user, pk, write=True)
    if not report.is_situation_report:
        raise PermissionDenied
    form = ChapterOutlineForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            chapter = services.chapter_create(
                report=report, position=data["position"], title_en=data["title_en"], title_ar=data["title_ar"],
                lead_agency=data["lead_agency"], contributing_agencies=data["contributing_agencies"],
                deadline=data["deadline"], by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Chapter %(number)s was added to the outline.") % {"number": chapter.position})
            return redirect("reports:report_detail", pk=report.pk)
    return render(request, "reports/chapter_outline_form.html", {"form": form, "report": report})


@login_required
@require_http_methods(["GET", "POST"])
def chapter_outline(request, pk: int):
    chapter = selectors.chapter_get_for_user(request.user, pk)
    if not permissions.can_edit_outline(request.user, chapter):
        raise PermissionDenied
    form = ChapterOutlineForm(request.POST or None, instance=chapter, report=chapter.report)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.chapter_update_outline(
                chapter=chapter, position=data["position"], title_en=data["title_en"], title_ar=data["title_ar"],
                lead_agency=data["lead_agency"], contributing_agencies=data["contributing_agencies"],
                deadline=data["deadline"], by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The outline was saved."))
            return redirect("reports:report_detail", pk=chapter.report_id)
    return render(request, "reports/chapter_outline_form.html", {"form": form, "report": chapter.report,
                                                                 "chapter": chapter})


@login_required
@require_http_methods(["GET", "POST"])
def chapter_edit(request, pk: int):
    """Write the chapter (Markdown, English and Arabic), keeping the revision it started from."""
    chapter = selectors.chapter_get_for_user(request.user, pk, write=True)
    initial = {"body_en": chapter.body_en, "body_ar": chapter.body_ar, "revision": chapter.revision}
    form = ChapterTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.chapter_update_text(chapter=chapter, body_en=data["body_en"], body_ar=data["body_ar"],
                                         revision=data["revision"], note=data["note"], by=request.user)
        except services.writing.EditConflict as exc:
            add_service_errors(form, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The chapter was saved."))
            return redirect("reports:chapter_detail", pk=chapter.pk)
    return render(request, "reports/chapter_form.html", {"form": form, "chapter": chapter,
                                                         "report": chapter.report})


@login_required
@require_POST
def chapter_action(request, pk: int):
    """Submit, withdraw, return with comments, approve or reopen a chapter."""
    chapter = selectors.chapter_get_for_user(request.user, pk)
    form = ChapterActionForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    action, comment = form.cleaned_data["action"], form.cleaned_data["comment"]
    user = request.user
    calls = {
        "submit": (lambda: services.chapter_submit(chapter=chapter, by=user), _("The chapter was submitted.")),
        "withdraw": (lambda: services.chapter_withdraw(chapter=chapter, by=user), _("The chapter is a draft again.")),
        "return": (lambda: services.chapter_return(chapter=chapter, comment=comment, by=user),
                   _("The chapter was returned to its authors with your comments.")),
        "approve": (lambda: services.chapter_approve(chapter=chapter, comment=comment, by=user),
                    _("The chapter was approved.")),
        "reopen": (lambda: services.chapter_reopen(chapter=chapter, comment=comment, by=user),
                   _("The chapter was reopened.")),
    }
    call, done = calls[action]
    try:
        call()
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, done)
    return redirect("reports:chapter_detail", pk=chapter.pk)


@login_required
@require_POST
def chapter_comment(request, pk: int):
    chapter = selectors.chapter_get_for_user(request.user, pk)
    if not permissions.can_comment_chapter(request.user, chapter):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        services.chapter_comment(chapter=chapter, body=form.cleaned_data["body"], by=request.user)
        messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, _("Write a comment."))
    return redirect("reports:chapter_detail", pk=chapter.pk)


@login_required
def chapter_versions(request, pk: int):
    """Every saved version; pick two to compare."""
    chapter = selectors.chapter_get_for_user(request.user, pk)
    if not permissions.can_view_history(request.user):
        raise PermissionDenied
    page = paginate(request, selectors.chapter_versions(chapter), 30)
    return render(request, "reports/chapter_versions.html", {"chapter": chapter, "report": chapter.report,
                                                             "page_obj": page})


@login_required
def chapter_compare(request, pk: int):
    """Two versions of a chapter side by side: what was removed and what was added."""
    chapter = selectors.chapter_get_for_user(request.user, pk)
    if not permissions.can_view_history(request.user):
        raise PermissionDenied
    form = CompareForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose two versions to compare."))
        return redirect("reports:chapter_versions", pk=chapter.pk)
    a = selectors.chapter_version_get(chapter, form.cleaned_data["a"])
    b = selectors.chapter_version_get(chapter, form.cleaned_data["b"])
    if (a.history_date, a.history_id) > (b.history_date, b.history_id):
        a, b = b, a
    return render(request, "reports/chapter_compare.html", {
        "chapter": chapter, "report": chapter.report, "a": a, "b": b, "changes": diff.compare_versions(a, b),
    })


@login_required
def chapter_blocks(request, pk: int):
    """Resolve the chapter's data blocks now, to see what the next build will show (or why it would fail)."""
    chapter = selectors.chapter_get_for_user(request.user, pk)
    language = preview_language(request)
    body = chapter.body_ar if language == ReportLanguage.ARABIC else chapter.body_en
    results, problem = [], None
    try:
        _text, blocks = text.extract_blocks(body)
    except text.BlockSyntaxError as exc:
        blocks, problem = [], str(exc)
    for block in blocks:
        try:
            data = sources.resolve_data_block(block.spec)
        except sources.BlockFailed as exc:
            results.append({"block": block, "error": str(exc)})
        except sources.SourceUnavailable:
            results.append({"block": block, "error": _("Data blocks are not yet available (no data hub).")})
        else:
            try:
                svg = mark_safe(clean_svg(data.svg)) if getattr(data, "svg", "") else ""  # noqa: S308 - cleaned
            except UnsafeSvg:
                svg = ""
            results.append({"block": block, "data": data, "svg": svg, "rows": list(getattr(data, "rows", []))[:50]})
    return render(request, "reports/chapter_blocks.html", {
        "chapter": chapter, "report": chapter.report, "results": results, "problem": problem, "language": language,
    })
