"""The data hub's dashboard panel."""

from data_hub import permissions, selectors
from data_hub.choices import ImportState


def data_panel(request):
    """Current releases for everyone signed in with a role; recent imports and an upload link for importers."""
    user = request.user
    if not user.is_authenticated or not (permissions.can_import(user) or permissions.can_view_unpublished(user)):
        return None
    current = list(selectors.releases_for_user(user).filter(is_current=True).order_by("dataset__name_en")[:5])
    jobs = list(selectors.import_jobs_for_user(user).exclude(state=ImportState.CANCELLED)[:5]) \
        if permissions.can_import(user) else []
    return "data_hub/panel.html", {"releases": current, "jobs": jobs, "can_import": permissions.can_import(user)}
