"""Reads for the reports app. Every object is fetched through the user.

``<thing>_get_for_user(user, pk, write=False)`` narrows to what the user may see and
raises Http404 when it is absent, PermissionDenied when they may not see (or change) it.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from members.choices import ProposalStatus
from members.permissions import can_moderate_stakeholders, represented_agency_ids
from reports import permissions
from reports.choices import (
    ACTIVE_BUILD_STATUSES,
    BuildStatus,
    ChapterState,
    LibraryVisibility,
    ReportKind,
    ReportLanguage,
)
from reports.models import Build, Chapter, LibraryItem, LibraryProposal, Question, QuestionnaireResponse, Report, Source
from rwg_portal.refusals import role_refusal, secretariat_only


def _get(queryset: QuerySet, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Reports -------------------------------------------------------------------------


def report_list_for_user(user) -> QuerySet[Report]:
    """The reports in the workspace, newest first, with chapter counts by state."""
    if not permissions.can_view_workspace(user):
        return Report.objects.none()
    return Report.objects.annotate(
        chapter_count=Count("chapters", distinct=True),
        approved_count=Count("chapters", filter=Q(chapters__state=ChapterState.APPROVED), distinct=True),
    ).order_by("-year", "kind")


def report_get_for_user(user, pk, *, write: bool = False) -> Report:
    if not permissions.can_view_workspace(user):
        raise PermissionDenied
    report = _get(Report.objects.all(), pk)
    if write and not permissions.can_manage_reports(user):
        raise PermissionDenied
    return report


def chapters_for_report(report: Report) -> QuerySet[Chapter]:
    """The outline at a glance: every chapter with its agencies, in order."""
    return (report.chapters.select_related("lead_agency", "updated_by")
            .prefetch_related("contributing_agencies").order_by("position"))


def chapter_state_counts(report: Report) -> dict[str, int]:
    counts = dict(report.chapters.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    return {value: counts.get(value, 0) for value, _label in ChapterState.choices}


# Chapters --------------------------------------------------------------------------


def chapter_get_for_user(user, pk, *, write: bool = False) -> Chapter:
    """A chapter as the user may see it; ``write`` means changing its text."""
    if not permissions.can_view_workspace(user):
        raise role_refusal(user)
    chapter = _get(Chapter.objects.select_related("report", "lead_agency", "updated_by", "approved_by")
                   .prefetch_related("contributing_agencies"), pk)
    if write and not permissions.can_edit_chapter(user, chapter):
        raise permissions.chapter_edit_refusal(user, chapter)
    return chapter


def my_chapters(user) -> QuerySet[Chapter]:
    """Chapters the user's agencies lead or contribute to, not yet approved, by deadline."""
    mine = represented_agency_ids(user)
    if not mine:
        return Chapter.objects.none()
    return (Chapter.objects.filter(Q(lead_agency_id__in=mine) | Q(contributing_agencies__in=mine))
            .exclude(state=ChapterState.APPROVED).select_related("report", "lead_agency")
            .distinct().order_by("deadline", "position"))


def chapter_versions(chapter: Chapter):
    """Every saved version of the chapter, newest first, with who saved it."""
    return chapter.history.select_related("history_user").order_by("-history_date", "-history_id")


def chapter_version_get(chapter: Chapter, history_id):
    try:
        return chapter.history.select_related("history_user").get(history_id=history_id)
    except (chapter.history.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Sources --------------------------------------------------------------------------


def source_get_for_user(user, pk, *, write: bool = False) -> Source:
    if not permissions.can_view_workspace(user):
        raise PermissionDenied
    source = _get(Source.objects.select_related("report"), pk)
    if write and not permissions.can_edit_source(user, source):
        raise PermissionDenied
    return source


# Builds -----------------------------------------------------------------------------


def build_get_for_user(user, pk, *, manage: bool = False) -> Build:
    """A build's page: group members; ``manage`` (approve, publish) is for the secretariat."""
    build = _get(Build.objects.select_related("report", "requested_by", "approved_by", "published_by"), pk)
    if not permissions.can_view_build(user, build):
        raise PermissionDenied
    if manage and not permissions.is_secretariat(user):
        raise PermissionDenied
    return build


def build_for_download(user, pk) -> Build:
    """A build whose PDF the user may have; 404 for anything else, so as not to reveal drafts."""
    build = _get(Build.objects.select_related("report"), pk)
    if not permissions.can_download_build(user, build):
        if user.is_authenticated and permissions.is_group_member(user) or build.is_published:
            raise PermissionDenied
        raise Http404
    return build


def builds_for_report(report: Report) -> QuerySet[Build]:
    return report.builds.select_related("requested_by").order_by("-requested_at", "-pk")


def latest_builds(report: Report) -> dict[str, dict]:
    """Per language: the newest build (any status), the newest finished one and the newest active one.

    One query (it was nine): the newest build of each language and status, numbered by a window
    function; the newest of a language is then the newest of those few rows.
    """
    newest_first = [F("requested_at").desc(), F("pk").desc()]
    rows = list(report.builds.annotate(
        rank=Window(RowNumber(), partition_by=[F("language"), F("status")], order_by=newest_first),
    ).filter(rank=1).order_by(*newest_first))
    result = {}
    for language, label in ReportLanguage.choices:
        mine = [build for build in rows if build.language == language]  # newest first
        result[language] = {
            "label": label,
            "latest": mine[0] if mine else None,
            "done": next((build for build in mine if build.status == BuildStatus.DONE), None),
            "active": next((build for build in mine if build.status in ACTIVE_BUILD_STATUSES), None),
        }
    return result


def running_builds() -> QuerySet[Build]:
    return Build.objects.filter(status__in=ACTIVE_BUILD_STATUSES).select_related("report").order_by("requested_at")


def _latest_published(**filters) -> list[Build]:
    """The newest published build per report and language (older ones stay reachable by link)."""
    published = Build.objects.filter(published_at__isnull=False, status=BuildStatus.DONE, **filters)
    newer = published.filter(report=OuterRef("report"), language=OuterRef("language"),
                             published_at__gt=OuterRef("published_at"))
    return list(published.annotate(superseded=Exists(newer)).filter(superseded=False)
                .select_related("report").order_by("-report__year", "report__kind", "language"))


def published_builds_for_user(user) -> list[Build]:
    """The downloads page: published reports, earlier editions included."""
    if not permissions.can_view_downloads(user):
        raise PermissionDenied
    return _latest_published()


def public_builds() -> list[Build]:
    """The public page: what the secretariat published and marked public."""
    return _latest_published(is_public=True)


def earlier_published(build: Build) -> QuerySet[Build]:
    """Earlier published PDFs of the same report and language."""
    return (Build.objects.filter(report_id=build.report_id, language=build.language, published_at__isnull=False,
                                 status=BuildStatus.DONE).exclude(pk=build.pk).order_by("-published_at"))


def group_by_report(builds: list[Build]) -> list[tuple[Report, list[Build]]]:
    grouped: dict[int, tuple[Report, list[Build]]] = {}
    for build in builds:
        grouped.setdefault(build.report_id, (build.report, []))[1].append(build)
    return list(grouped.values())


# The questionnaire --------------------------------------------------------------------


def questions_for_report(report: Report) -> QuerySet[Question]:
    return report.questions.order_by("position")


def question_get_for_user(user, pk) -> Question:
    if not permissions.can_manage_reports(user):
        raise PermissionDenied
    return _get(Question.objects.select_related("report"), pk)


def responses_for_report(report: Report) -> QuerySet[QuestionnaireResponse]:
    return (report.responses.select_related("agency", "respondent")
            .prefetch_related(Prefetch("answers")).order_by("agency__acronym"))


def response_for_agency(report: Report, agency_id: int) -> QuestionnaireResponse | None:
    return report.responses.filter(agency_id=agency_id).prefetch_related("answers").first()


def open_questionnaires_for(user) -> list[tuple[Report, list]]:
    """Open questionnaires the user's agencies have not submitted yet (for the dashboard)."""
    mine = represented_agency_ids(user)
    if not mine:
        return []
    from members.models import Agency

    result = []
    for report in Report.objects.filter(kind=ReportKind.RCM_ASSESSMENT, questionnaire_status="open"):
        done = set(report.responses.filter(status="submitted").values_list("agency_id", flat=True))
        pending = list(Agency.objects.filter(pk__in=mine - done))
        if pending:
            result.append((report, pending))
    return result


def chapter_list_for_user(user) -> QuerySet[Chapter]:
    """Every chapter of the workspace, for those who may open it (the chapter page's own rule)."""
    if not permissions.can_view_workspace(user):
        return Chapter.objects.none()
    return Chapter.objects.all()


def published_build_list_for_user(user) -> QuerySet[Build]:
    """Published editions whose PDF the user may download (``permissions.can_download_build``, as a queryset)."""
    published = Build.objects.filter(published_at__isnull=False, status=BuildStatus.DONE)
    if permissions.can_view_downloads(user):
        return published
    return published.filter(is_public=True)


# The Group in public: publications (no user: what anyone may see) ---------------


def public_reports() -> list[tuple[Report, list[Build]]]:
    """Reports with a public published PDF, newest year first, each with its newest public PDF per language."""
    return group_by_report(public_builds())


def public_report_get(pk) -> tuple[Report, list[Build], list[Build]]:
    """A report's public page: 404 unless the secretariat made a PDF of it public. Returns the report, its
    newest public PDF per language and the earlier public PDFs (earlier editions)."""
    builds = [build for build in public_builds() if str(build.report_id) == str(pk)]
    if not builds:
        raise Http404
    earlier = list(Build.objects.filter(report_id=builds[0].report_id, is_public=True, published_at__isnull=False,
                                        status=BuildStatus.DONE).exclude(pk__in=[b.pk for b in builds])
                   .order_by("-published_at"))
    return builds[0].report, builds, earlier


# Research and information library ------------------------------------------------


def _library_items() -> QuerySet[LibraryItem]:
    return LibraryItem.objects.select_related("agency").prefetch_related("partner_agencies")


def library_list_public() -> QuerySet[LibraryItem]:
    """What anyone may find: the public items, newest first."""
    return _library_items().filter(visibility=LibraryVisibility.PUBLIC)


def library_list_for_user(user) -> QuerySet[LibraryItem]:
    """Every item for the Group's members; the public ones for everyone else."""
    if permissions.can_view_library_workspace(user):
        return _library_items()
    return library_list_public()


def library_item_get_for_user(user, pk, *, write: bool = False) -> LibraryItem:
    """An item as the user may see it: 404 when it is absent or members-only and they are no member (its
    existence is not revealed); with ``write``, 403 unless they may edit it (its agency or the secretariat)."""
    if write:
        item = _get(_library_items(), pk)
        if not permissions.can_edit_library_item(user, item):
            raise PermissionDenied
        return item
    return _get(library_list_for_user(user), pk)


def library_agencies_for(user):
    """The agencies on whose behalf the user may share items: all active ones for the secretariat."""
    from members.models import Agency
    from members.permissions import is_secretariat

    agencies = Agency.objects.order_by("acronym")
    if is_secretariat(user):
        return agencies
    return agencies.filter(pk__in=represented_agency_ids(user))


def library_year_choices() -> list[int]:
    """The years items were published in, newest first (for the year filter)."""
    return list(LibraryItem.objects.order_by("-year").values_list("year", flat=True).distinct())


# Library items proposed by organisations (moderated by the secretariat) ----------------------------


def library_proposal_list_for_user(user) -> QuerySet[LibraryProposal]:
    """Every proposed library item, for those who moderate stakeholders' proposals (the secretariat)."""
    if not can_moderate_stakeholders(user):
        raise secretariat_only()
    return LibraryProposal.objects.select_related("decided_by", "library_item")


def library_proposal_get_for_user(user, pk) -> LibraryProposal:
    return _get(library_proposal_list_for_user(user), pk)


def library_proposals_awaiting() -> int:
    """How many proposed library items await moderation (the secretariat's dashboard)."""
    return LibraryProposal.objects.filter(status=ProposalStatus.NEW).count()
