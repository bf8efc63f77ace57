"""Where the reports' figures come from: one small function per source.

Each function below calls the one documented function of the app that owns the figure
and returns its answer unchanged, so the reports never reach into another app's models: they
import the other apps' ``stats`` and ``blocks`` modules only (an import-linter contract,
``.importlinter``). A source that cannot give a figure raises ``SourceUnavailable`` and the
RCM assessment says "not yet available" for that figure; it never invents one. Any other
error is a real fault and fails the build.

To add a source: write a function here that calls the owning app's function, then list
it in ``reports.assessment.FIGURES`` with a title and a template to show it.

==============================  ============================================  ==========================
function                        calls                                          returns
==============================  ============================================  ==========================
``meeting_counts(year)``        ``meetings.stats.meeting_counts``              dict: held, planned,
                                                                               cancelled, postponed,
                                                                               minimum, shortfall,
                                                                               meets_minimum
``attendance_rates(year)``      ``meetings.stats.attendance_rates``            list of dict: agency,
                                                                               agency_id, meetings,
                                                                               attended, rate
``action_item_counts(year)``    ``meetings.stats.action_item_counts``          dict: opened, completed,
                                                                               open, overdue
``activity_counts(year)``       ``programmes.stats.activity_counts``           dict: started, ongoing,
                                                                               joint_started,
                                                                               joint_ongoing
``rcm_sessions(year)``          ``meetings.stats.rcm_sessions``                list of dict per session:
                                                                               presented, feedback,
                                                                               follow-up with status
``good_practices_published``    ``programmes.stats.good_practices_published``  int
``releases_added(year)``        ``data_hub.stats.releases_added``              int
``designations()``              ``members`` (current designations)            list of dict per agency
``situation_report_progress``   this app                                       dict (see below)
``resolve_data_block(spec)``    ``data_hub.blocks.resolve``                    DataBlock; raises
                                                                               ``BlockFailed``
==============================  ============================================  ==========================
"""

from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from data_hub import blocks as data_hub_blocks
from data_hub import stats as data_hub_stats
from meetings import stats as meetings_stats
from programmes import stats as programmes_stats


class SourceUnavailable(Exception):
    """The app that provides a figure cannot give it (yet)."""

    def __init__(self, provider: str):
        super().__init__(provider)
        self.provider = provider


class BlockFailed(Exception):
    """The data hub could not resolve a data block; the message says why."""


def meeting_counts(year: int) -> dict:
    """Meetings held in ``year`` against the minimum of three a year (ToR section 5)."""
    return meetings_stats.meeting_counts(year)


def attendance_rates(year: int) -> list[dict]:
    """Per agency: meetings it was expected at, meetings attended, and the rate (0 to 1)."""
    return meetings_stats.attendance_rates(year)


def action_item_counts(year: int) -> dict:
    return meetings_stats.action_item_counts(year)


def rcm_sessions(year: int) -> list[dict]:
    """The RCM sessions of ``year``: what the Group presented, the RCM's feedback, the follow-up."""
    return meetings_stats.rcm_sessions(year)


def activity_counts(year: int) -> dict:
    """Activities and joint programmes started and ongoing in ``year``."""
    return programmes_stats.activity_counts(year)


def good_practices_published(year: int) -> int:
    return programmes_stats.good_practices_published(year)


def releases_added(year: int) -> int:
    """Data releases added to the data hub in ``year``."""
    return data_hub_stats.releases_added(year)


def designations() -> list[dict]:
    """Each active agency with its current focal point and alternate (names, since when)."""
    from members.choices import DesignationRole, Membership
    from members.models import Agency, Designation

    current = {}
    for designation in Designation.objects.current().select_related("person"):
        current[(designation.agency_id, designation.role)] = designation
    rows = []
    for agency in Agency.objects.exclude(membership=Membership.FORMER).order_by("acronym"):
        focal = current.get((agency.pk, DesignationRole.FOCAL_POINT))
        alternate = current.get((agency.pk, DesignationRole.ALTERNATE))
        rows.append({
            "agency": agency.acronym,
            "agency_id": agency.pk,
            "focal_point": str(focal.person) if focal else "",
            "focal_point_since": focal.starts_on if focal else None,
            "alternate": str(alternate.person) if alternate else "",
            "alternate_since": alternate.starts_on if alternate else None,
        })
    return rows


def situation_report_progress(year: int) -> dict:
    """The latest Situation Report edition up to ``year + 2``: chapters by state, overdue, approved."""
    from reports.choices import ChapterState, ReportKind
    from reports.models import Report

    edition = (Report.objects.filter(kind=ReportKind.SITUATION_REPORT, year__lte=year + 2)
               .order_by("-year").prefetch_related("chapters").first())
    if edition is None:
        return {"edition": None, "chapters": 0, "by_state": {}, "overdue": 0, "arabic": 0}
    chapters = list(edition.chapters.all())
    states = Counter(chapter.state for chapter in chapters)
    return {
        "edition": edition.title_in(),
        "year": edition.year,
        "chapters": len(chapters),
        "by_state": {label: states.get(value, 0) for value, label in ChapterState.choices},
        "approved": states.get(ChapterState.APPROVED, 0),
        "overdue": sum(1 for chapter in chapters if chapter.is_overdue),
        "arabic": sum(1 for chapter in chapters if chapter.has_arabic),
    }


def resolve_data_block(spec: dict) -> Any:
    """The data hub's table, chart and citation for a chapter's data block.

    Returns the data hub's ``DataBlock`` (title, columns, rows, svg, citation). Raises
    ``BlockFailed`` with the data hub's message when the block no longer resolves (for
    example a deleted release).
    """
    try:
        return data_hub_blocks.resolve(dict(spec))
    except data_hub_blocks.BlockError as exc:
        raise BlockFailed(str(exc) or _("the data hub could not resolve it")) from exc
