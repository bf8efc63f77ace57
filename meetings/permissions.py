"""Who may do what in the meetings app. Nothing is allowed by default.

- The secretariat (and admins) run everything.
- Focal points and alternates (the Group's members) see every meeting, its papers and
  its shared or approved minutes, answer their invitations, comment on shared minutes and
  update the action items of the agencies they represent.
- Anyone else the secretariat invites sees that meeting, its agenda and papers, and answers.
- RCM delegates see the decisions published to them (flagged for the RCM, in approved
  minutes) and the dates of the Group's meetings (date, subject, place or mode), not their
  pages or papers.
"""

from django.utils.translation import gettext as _

from meetings.choices import MinutesStatus
from members.permissions import is_group_member, is_rcm_delegate, is_secretariat, represents
from rwg_portal.refusals import Refused


def can_view_meetings(user) -> bool:
    """See the list of meetings, the calendar and the year view."""
    return is_group_member(user)


def can_view_meeting_dates(user) -> bool:
    """See when and where (or how) the Group meets: date, subject, place or mode; not the
    meetings' pages or papers. RCM delegates follow the Group's calendar this way."""
    return is_group_member(user) or is_rcm_delegate(user)


def can_view_meeting(user, meeting, *, invited: bool = False) -> bool:
    """See one meeting, its agenda and its papers. ``invited``: the user has an invitation to it."""
    return is_group_member(user) or (invited and user.is_authenticated and user.is_active)


def can_see_video_link(user, meeting, *, invited: bool = False) -> bool:
    return can_view_meeting(user, meeting, invited=invited)


def can_manage_meetings(user) -> bool:
    """Schedule, edit, clone, invite, record attendance, draft minutes, record decisions."""
    return is_secretariat(user)


def can_view_minutes(user, meeting) -> bool:
    """Drafts are the secretariat's; members read them once shared for comments."""
    if is_secretariat(user):
        return True
    return is_group_member(user) and meeting.minutes_status in (MinutesStatus.SHARED, MinutesStatus.APPROVED)


def can_comment_minutes(user, meeting) -> bool:
    return is_group_member(user) and meeting.minutes_status == MinutesStatus.SHARED


def can_edit_minutes(user, meeting) -> bool:
    return is_secretariat(user) and not meeting.minutes_locked


def can_answer_invitation(user, invitation) -> bool:
    return user.is_authenticated and user.is_active and (invitation.person_id == user.pk or is_secretariat(user))


def can_view_action_items(user) -> bool:
    return is_group_member(user)


def can_update_action_item(user, item) -> bool:
    """Focal points and alternates update their own agency's action items."""
    return is_secretariat(user) or represents(user, item.owner_agency_id)


def can_drop_action_item(user) -> bool:
    """An item agreed by the Group is dropped by the secretariat (on the Group's word), not by its owner."""
    return is_secretariat(user)


def can_edit_action_item(user, item) -> bool:
    """Change what was agreed (title, owner, due date): the secretariat only."""
    return is_secretariat(user)


def can_view_rcm_decisions(user) -> bool:
    return is_rcm_delegate(user) or is_group_member(user)


def can_view_rcm_sessions(user) -> bool:
    """The RCM's sessions, what the Group presented and the follow-up: RCM delegates and the Group."""
    return is_rcm_delegate(user) or is_group_member(user)


def can_manage_rcm_sessions(user) -> bool:
    """Record sessions, the RCM's feedback and the follow-up (with history): the secretariat."""
    return is_secretariat(user)


def can_have_calendar_feed(user) -> bool:
    return is_group_member(user)


def can_view_history(user) -> bool:
    return is_secretariat(user)


# Reasons shown on the 403 page (rwg_portal/refusals.py) -----------------------


def manage_meetings_refusal() -> Refused:
    return Refused(_("Only the secretariat schedules and changes meetings, their agendas, attendance, minutes "
                     "and decisions."))


def manage_rcm_sessions_refusal() -> Refused:
    return Refused(_("Only the secretariat records the RCM's sessions, its feedback and the follow-up."))


def action_item_update_refusal(item) -> Refused:
    return Refused(_("This action item belongs to %(agency)s; only %(agency)s's focal points and alternates and "
                     "the secretariat can update it.") % {"agency": item.owner_agency.acronym})


def action_item_edit_refusal(item) -> Refused:
    return Refused(_("Only the secretariat can change what the Group agreed (title, owner, due date); "
                     "%(agency)s updates the item's progress.") % {"agency": item.owner_agency.acronym})
