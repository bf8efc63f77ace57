"""The reports app's dashboard panels (registered in ReportsConfig.ready)."""

from members.dashboard import agencies_scope
from members.permissions import is_rcm_delegate, represented_agency_ids
from reports import permissions, selectors
from reports.choices import ReportKind
from reports.models import Report


def secretariat_scope(request) -> str | None:
    return "secretariat" if permissions.is_secretariat(request.user) else None


def authors_scope(request) -> str | None:
    """Chapters and questionnaires are those of the user's agencies: the same for all their representatives."""
    return agencies_scope(represented_agency_ids(request.user))


def rcm_scope(request) -> str | None:
    return "rcm" if is_rcm_delegate(request.user) else None


def anonymous_scope(request) -> str | None:
    return None if request.user.is_authenticated else "anonymous"


def secretariat_panel(request):
    """The Situation Report being written, chapter states at a glance, and builds under way."""
    if not permissions.is_secretariat(request.user):
        return None
    edition = Report.objects.filter(kind=ReportKind.SITUATION_REPORT).order_by("-year").first()
    chapters = list(selectors.chapters_for_report(edition)) if edition else []
    return "reports/panel_secretariat.html", {
        "edition": edition,
        "counts": selectors.chapter_state_counts(edition) if edition else {},
        "waiting": [chapter for chapter in chapters if chapter.state == "submitted"],
        "overdue": [chapter for chapter in chapters if chapter.is_overdue],
        "running": list(selectors.running_builds()[:5]),
    }


def authors_panel(request):
    """Chapters the user's agencies are writing, and questionnaires waiting for their answer."""
    chapters = list(selectors.my_chapters(request.user)[:8])
    questionnaires = selectors.open_questionnaires_for(request.user)
    if not chapters and not questionnaires:
        return None
    return "reports/panel_authors.html", {"chapters": chapters, "questionnaires": questionnaires}


def downloads_panel(request):
    """RCM delegates: the latest published reports."""
    if not is_rcm_delegate(request.user):
        return None
    builds = selectors.published_builds_for_user(request.user)[:6]
    return "reports/panel_downloads.html", {"builds": builds}


def public_panel(request):
    """Visitors who are not signed in: the public reports, if there are any."""
    if request.user.is_authenticated:
        return None
    builds = selectors.public_builds()[:4]
    if not builds:
        return None
    return "reports/panel_public.html", {"builds": builds}
