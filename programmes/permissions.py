"""Who may do what in the programmes app. Nothing is allowed unless a rule below says so.

- Secretariat (and admins): everything.
- Focal points and alternates: create and update their own agency's activities and good
  practices; read the whole catalogue. In a joint programme the lead agency (and the secretariat)
  edits the whole (title, summary, budget, status, dates, priority areas, the list of partners);
  a partner agency edits only its own part: its participation's role, and the indicators and
  documents it added.
- RCM delegates: read the catalogue, the coverage matrix and the finder.
- Anyone, signed in or not: published good practices.
"""

from django.utils.translation import gettext as _

from members.permissions import (
    has_portal_role,
    is_focal_point_or_alternate,
    is_secretariat,
    represented_agency_ids,
    represents,
)
from programmes.choices import PracticeStatus
from rwg_portal.refusals import Refused, role_refusal


def can_view_catalogue(user) -> bool:
    return has_portal_role(user)


def can_create_activity(user) -> bool:
    return is_secretariat(user) or is_focal_point_or_alternate(user)


def activity_agency_ids(activity) -> set[int]:
    """The lead agency and every participating agency; uses prefetched participations if present."""
    return {activity.lead_agency_id, *(p.agency_id for p in activity.participations.all())}


def can_edit_activity(user, activity) -> bool:
    """The secretariat, or a focal point/alternate of the lead or of any participating agency."""
    if is_secretariat(user):
        return True
    return bool(represented_agency_ids(user) & activity_agency_ids(activity))


def can_edit_activity_core(user, activity) -> bool:
    """The activity's own fields and its list of partners: the secretariat and the lead agency."""
    return is_secretariat(user) or represents(user, activity.lead_agency_id)


def partner_agency_ids(user, activity) -> set[int]:
    """The participating agencies (other than the lead) the user speaks for in this activity."""
    return set(represented_agency_ids(user)) & {p.agency_id for p in activity.participations.all()}


def can_edit_part(user, activity, agency_id: int | None) -> bool:
    """An indicator or document added by ``agency_id`` (None: the lead's, from before parts had owners)."""
    if can_edit_activity_core(user, activity):
        return True
    return (agency_id or activity.lead_agency_id) in partner_agency_ids(user, activity)


def can_lead_for(user, agency_id: int | None) -> bool:
    """May the user record an activity led by this agency?"""
    return is_secretariat(user) or represents(user, agency_id)


def can_view_activity_history(user, activity) -> bool:
    return can_edit_activity(user, activity)


def can_review_synergies(user) -> bool:
    return is_secretariat(user)


def can_manage_priority_areas(user) -> bool:
    return is_secretariat(user)


def can_view_recommendations(user) -> bool:
    """The governments' recommendations register and its coverage: whoever reads the catalogue."""
    return can_view_catalogue(user)


def can_manage_recommendations(user) -> bool:
    """Enter recommendations, link the activities responding, review their status: the secretariat."""
    return is_secretariat(user)


def can_bulk_update(user, agency_id: int) -> bool:
    return can_lead_for(user, agency_id)


def can_submit_practice(user) -> bool:
    return can_create_activity(user)


def can_view_practice(user, practice) -> bool:
    """Published practices are public; others only for the secretariat and the agency."""
    if practice.status == PracticeStatus.PUBLISHED:
        return True
    return is_secretariat(user) or represents(user, practice.agency_id)


def can_edit_practice(user, practice) -> bool:
    """The agency edits its practice until it is published; the secretariat always may."""
    if is_secretariat(user):
        return True
    return represents(user, practice.agency_id) and practice.status != PracticeStatus.PUBLISHED


def can_validate_practices(user) -> bool:
    return is_secretariat(user)


def can_view_practice_history(user, practice) -> bool:
    return is_secretariat(user) or represents(user, practice.agency_id)


# Reasons shown on the 403 page (rwg_portal/refusals.py) -----------------------


def activity_create_refusal(user) -> Refused:
    if not has_portal_role(user):
        return role_refusal(user)
    return Refused(_("Only focal points and alternates of member agencies and the secretariat can record "
                     "activities."))


def activity_edit_refusal(activity) -> Refused:
    """Who may edit this activity: its lead agency (and partners, each for its part) and the secretariat."""
    lead = activity.lead_agency.acronym
    if len(activity_agency_ids(activity)) > 1:
        return Refused(_("This activity belongs to %(agency)s and its partner agencies; only their focal points "
                         "and alternates and the secretariat can edit it.") % {"agency": lead})
    return Refused(_("This activity belongs to %(agency)s; only %(agency)s's focal points and alternates and the "
                     "secretariat can edit it.") % {"agency": lead})


def activity_core_refusal(activity) -> Refused:
    lead = activity.lead_agency.acronym
    return Refused(_("Only the lead agency, %(agency)s, and the secretariat can change this activity's own fields "
                     "and its partners; a partner agency edits its own part.") % {"agency": lead})


def bulk_update_refusal(agency) -> Refused:
    return Refused(_("Only %(agency)s's focal points and alternates and the secretariat can update %(agency)s's "
                     "activities in bulk.") % {"agency": agency.acronym})
