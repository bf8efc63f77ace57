"""The meetings app's dashboard panels and navigation rules."""

from django.utils import timezone

from meetings import permissions, selectors, stats
from meetings.choices import InvitationResponse, MeetingStatus
from members.permissions import is_group_member, is_rcm_delegate, is_secretariat


def shows_rcm_nav(user) -> bool:
    """RCM delegates have only this page here; members reach it from the meetings pages."""
    return is_rcm_delegate(user)


def shows_public_decisions_nav(user) -> bool:
    """Visitors outside the Group and the RCM reach the published decisions from the menu."""
    return not is_group_member(user) and not is_rcm_delegate(user)


def secretariat_scope(request) -> str | None:
    return "secretariat" if is_secretariat(request.user) else None


def rcm_scope(request) -> str | None:
    return "rcm" if is_rcm_delegate(request.user) else None


def three_a_year_panel(request):
    """For the secretariat: will this year reach three meetings? And the next meeting, overdue items."""
    if not is_secretariat(request.user):
        return None
    today = timezone.localdate()
    now = timezone.now()
    counts = stats.meeting_counts(today.year)
    next_meeting = (
        selectors.meeting_list_for_user(request.user).filter(starts_at__gte=now, status=MeetingStatus.PLANNED)
        .order_by("starts_at").first()
    )
    overdue = selectors.action_item_list_for_user(request.user).filter(
        status__in=("open", "in_progress"), due_on__lt=today).count()
    return "meetings/panel_three_a_year.html", {
        "year": today.year, "counts": counts, "next_meeting": next_meeting, "overdue": overdue,
        "to_hold": counts["shortfall"],
    }


def my_meetings_panel(request):
    """For focal points, alternates and invitees: upcoming meetings to answer, their agency's action items."""
    user = request.user
    if not user.is_authenticated:
        return None
    now = timezone.now()
    invitations = list(selectors.upcoming_invitations(user, now)[:5])
    if not invitations and not is_group_member(user):
        return None
    if is_secretariat(user) and not invitations:
        return None  # before reading action items that the panel would not show
    items = list(selectors.my_action_items(user).order_by("due_on", "pk")[:5]) if is_group_member(user) else []
    return "meetings/panel_my_meetings.html", {
        "invitations": invitations, "items": items, "pending": InvitationResponse.PENDING,
        "today": timezone.localdate(), "can_view_meetings": permissions.can_view_meetings(user),
    }


def rcm_decisions_panel(request):
    if not is_rcm_delegate(request.user):
        return None
    decisions = list(selectors.rcm_decisions_for_user(request.user)[:5])
    return "meetings/panel_rcm_decisions.html", {"decisions": decisions}
