"""The programmes app's dashboard panels."""

from members import permissions as member_permissions
from members.dashboard import agencies_scope
from programmes import finder, permissions, selectors
from programmes.models import Activity


def secretariat_scope(request) -> str | None:
    return "reviewer" if permissions.can_review_synergies(request.user) else None


def my_agency_scope(request) -> str | None:
    """Focal points and alternates of the same agencies see the same panel (drafts are their agencies')."""
    if member_permissions.is_secretariat(request.user):
        return None
    return agencies_scope(member_permissions.represented_agency_ids(request.user))


def everyone_scope(request) -> str:
    return "everyone"


def secretariat_panel(request):
    """Good practices awaiting validation and synergy pairs nobody has reviewed yet."""
    if not permissions.can_review_synergies(request.user):
        return None
    ranking = finder.rank(selectors.finder_items())
    unreviewed = len(ranking) - int(ranking.reviewed_mask(selectors.reviews_by_pair()).sum()) if len(ranking) else 0
    return "programmes/panel_secretariat.html", {
        "awaiting": list(selectors.practices_awaiting_validation()[:10]),
        "unreviewed": unreviewed,
        "activities": Activity.objects.count(),
    }


def my_agency_panel(request):
    """For focal points and alternates: their agencies' activities and drafts, and the bulk update."""
    ids = member_permissions.represented_agency_ids(request.user)
    if not ids or member_permissions.is_secretariat(request.user):
        return None
    agencies = list(selectors.agencies_user_may_lead_for(request.user))
    counts = {agency.pk: selectors.activities_for_agency(agency).count() for agency in agencies}
    return "programmes/panel_my_agency.html", {
        "agencies": [(agency, counts[agency.pk]) for agency in agencies],
        "drafts": list(selectors.practice_list_for_user(request.user).filter(agency_id__in=ids)
                       .exclude(status="published")[:5]),
    }


def good_practices_panel(request):
    """The latest published good practices, for everyone (also on the public home page)."""
    latest = list(selectors.practice_list_published()[:3])
    if not latest:
        return None
    return "programmes/panel_practices.html", {"latest": latest}
