"""Who may do what in the reports app. Nothing is allowed unless a rule below says so.

- The secretariat runs the reports: outlines, reviews and approvals, builds, publication,
  the questionnaire and the RCM assessment's findings.
- Focal points and alternates (group members) read the reports being written; those of a
  chapter's lead or contributing agencies write it; the lead agency's submit it; each
  agency's focal point or alternate answers the questionnaire for that agency.
- RCM delegates download published reports; anyone downloads what is published and public.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from members.permissions import (
    is_group_member,
    is_rcm_delegate,
    is_secretariat,
    represented_agency_ids,
    represents,
)
from reports.choices import ChapterState, QuestionnaireStatus
from rwg_portal.refusals import Refused

EDITABLE_STATES = (ChapterState.DRAFT, ChapterState.REVIEWED)


def can_view_workspace(user) -> bool:
    """The reports being written, their chapters, builds and the assessment."""
    return is_group_member(user)


def can_view_downloads(user) -> bool:
    """The downloads page of published reports."""
    return is_rcm_delegate(user) or is_group_member(user)


def can_manage_reports(user) -> bool:
    """Create reports, shape the outline, keep the sources, write findings, run the questionnaire."""
    return is_secretariat(user)


def _chapter_agency_ids(chapter) -> set[int]:
    ids = {chapter.lead_agency_id}
    # The contributors are prefetched by the selectors; this reads the cache when present.
    ids.update(agency.pk for agency in chapter.contributing_agencies.all())
    return ids


def is_chapter_author(user, chapter) -> bool:
    """A focal point or alternate of the chapter's lead or a contributing agency."""
    mine = represented_agency_ids(user)
    return bool(mine) and bool(mine & _chapter_agency_ids(chapter))


def can_edit_chapter(user, chapter) -> bool:
    """Change the text: the secretariat and the authors, while it is a draft or returned."""
    if chapter.state not in EDITABLE_STATES:
        return False
    return is_secretariat(user) or is_chapter_author(user, chapter)


def can_edit_outline(user, chapter=None) -> bool:
    """Title, lead and contributing agencies, deadline and position: the secretariat's outline."""
    return is_secretariat(user)


def can_submit_chapter(user, chapter) -> bool:
    """Hand the chapter to the secretariat: its lead agency (or the secretariat itself)."""
    if chapter.state not in EDITABLE_STATES:
        return False
    return is_secretariat(user) or represents(user, chapter.lead_agency_id)


def can_withdraw_chapter(user, chapter) -> bool:
    """Take a submitted chapter back to draft before it is reviewed."""
    if chapter.state != ChapterState.SUBMITTED:
        return False
    return is_secretariat(user) or represents(user, chapter.lead_agency_id)


def can_review_chapter(user, chapter) -> bool:
    """Return a submitted chapter to its authors with comments."""
    return is_secretariat(user) and chapter.state == ChapterState.SUBMITTED


def can_approve_chapter(user, chapter) -> bool:
    return is_secretariat(user) and chapter.state in (ChapterState.SUBMITTED, ChapterState.REVIEWED)


def can_reopen_chapter(user, chapter) -> bool:
    """Send an approved chapter back to draft, e.g. when new figures come out."""
    return is_secretariat(user) and chapter.state == ChapterState.APPROVED


def can_comment_chapter(user, chapter) -> bool:
    return is_secretariat(user) or is_chapter_author(user, chapter)


def can_manage_sources(user, report) -> bool:
    """Add and correct sources: the secretariat and the authors of any chapter of the report."""
    if is_secretariat(user):
        return True
    mine = represented_agency_ids(user)
    if not mine or not report.is_situation_report:
        return False
    return report.chapters.filter(Q(lead_agency_id__in=mine) | Q(contributing_agencies__in=mine)).exists()


def source_agency_for(user, report) -> int | None:
    """The agency a new source of ``user`` belongs to: one whose chapter of the report they write."""
    if is_secretariat(user):
        return None
    mine = represented_agency_ids(user)
    ids = sorted(set(report.chapters.filter(lead_agency_id__in=mine).values_list("lead_agency_id", flat=True))
                 | set(report.chapters.filter(contributing_agencies__in=mine)
                       .values_list("contributing_agencies", flat=True)) & mine)
    return ids[0] if ids else None


def can_edit_source(user, source) -> bool:
    """Correct a source: the secretariat, or the authors of the agency that added it."""
    if is_secretariat(user):
        return True
    return source.agency_id is not None and source.agency_id in represented_agency_ids(user) \
        and can_manage_sources(user, source.report)


def can_delete_source(user, source) -> bool:
    return is_secretariat(user)


def can_request_build(user, report=None) -> bool:
    """Building PDFs costs the worker time; the secretariat starts builds."""
    return is_secretariat(user)


def can_view_build(user, build) -> bool:
    """The build's page (status, progress, error)."""
    return is_group_member(user)


def can_download_build(user, build) -> bool:
    """Who may have the PDF: group members any finished build, delegates published ones, all public ones."""
    if not build.is_done:
        return False
    if build.is_published and build.is_public:
        return True
    if is_group_member(user):
        return True
    return build.is_published and is_rcm_delegate(user)


def can_approve_build(user, build) -> bool:
    return is_secretariat(user) and build.is_done and build.approved_at is None


def can_publish_build(user, build) -> bool:
    return is_secretariat(user) and build.approved_at is not None and build.published_at is None


def can_unpublish_build(user, build) -> bool:
    return is_secretariat(user) and build.published_at is not None


def can_mark_public(user, build) -> bool:
    return is_secretariat(user) and build.published_at is not None


def answerable_agency_ids(user, report) -> frozenset[int]:
    """The agencies for which the user may answer this report's questionnaire now."""
    if not report.is_assessment or report.questionnaire_status != QuestionnaireStatus.OPEN:
        return frozenset()
    return represented_agency_ids(user)


def can_answer_questionnaire(user, report, agency_id: int | None = None) -> bool:
    ids = answerable_agency_ids(user, report)
    return bool(ids) if agency_id is None else agency_id in ids


def can_view_questionnaire_results(user, report=None) -> bool:
    return is_secretariat(user)


def can_view_history(user) -> bool:
    """Chapter versions and their comparison: everyone who may read the chapter."""
    return is_group_member(user)



# Reasons shown on the 403 page (rwg_portal/refusals.py) -----------------------


def chapter_edit_refusal(user, chapter) -> Refused:
    """Why the text may not change: the chapter's state, or who writes it."""
    if chapter.state not in EDITABLE_STATES:
        return Refused(_("This chapter is “%(state)s”: its text changes only while it is a draft or returned "
                         "with changes requested.") % {"state": chapter.get_state_display()})
    lead = chapter.lead_agency.acronym
    return Refused(_("This chapter is written by %(agency)s and its contributing agencies; only their focal "
                     "points and alternates and the secretariat can edit it.") % {"agency": lead})


# Research and information library ----------------------------------------------


def can_view_library_item(user, item) -> bool:
    """Public items for everyone; members-only items for the Group's members (focal points, secretariat)."""
    return item.is_public or is_group_member(user)


def can_view_library_workspace(user) -> bool:
    """The members' library list (members-only items included)."""
    return is_group_member(user)


def can_add_library_item(user) -> bool:
    """Share an item: the secretariat, or a focal point or alternate (for their own agency)."""
    return is_secretariat(user) or bool(represented_agency_ids(user))


def can_edit_library_item(user, item) -> bool:
    """Change an item: the secretariat, or the focal points and alternates of the agency that shared it."""
    return is_secretariat(user) or represents(user, item.agency_id)
