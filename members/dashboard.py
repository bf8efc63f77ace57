"""The members app's dashboard panels."""

from members import permissions, selectors
from members.models import Agency


def secretariat_scope(request) -> str | None:
    """Every secretariat member sees the same designations panel."""
    return "secretariat" if permissions.is_secretariat(request.user) else None


def my_agency_scope(request) -> str | None:
    return agencies_scope(permissions.represented_agency_ids(request.user))


def agencies_scope(ids) -> str | None:
    """The shared-panel scope of the people who represent exactly these agencies."""
    return "agencies:" + ",".join(str(pk) for pk in sorted(ids)) if ids else None


def secretariat_panel(request):
    """Agencies that lack a current focal point or alternate, and pending requests to join, for the secretariat."""
    if not permissions.is_secretariat(request.user):
        return None
    return "members/panel_secretariat.html", {
        "missing": list(selectors.agencies_missing_designations()),
        "pending_requests": selectors.pending_join_request_count(request.user),
    }


def moderation_panel(request):
    """What the public sent that awaits the secretariat: proposed good practices, consultation answers and
    proposed library items (counted by the reports app, above members, through the registry's hook)."""
    if not permissions.can_moderate_stakeholders(request.user):
        return None
    from members.stakeholders.selectors import awaiting_moderation
    from rwg_portal.registry import hook

    counts = {**awaiting_moderation(request.user), "library": hook("library_proposals_awaiting")()}
    return "members/panel_moderation.html", {"counts": counts, "total": sum(counts.values())}


def my_agency_panel(request):
    """The agencies a focal point or alternate represents, with a link to keep them current."""
    ids = permissions.represented_agency_ids(request.user)
    if not ids:
        return None
    return "members/panel_my_agency.html", {"agencies": list(Agency.objects.filter(pk__in=ids))}
