from django.urls import reverse

from rwg_portal.registry import NAV_ITEMS


def portal(request):
    """Navigation entries the current user may see, for the base layout."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    items = []
    for item in NAV_ITEMS:
        if item.visible(user):
            url = reverse(item.url_name)
            items.append({"label": item.label, "url": url, "active": request.path.startswith(url)})
    return {"nav_items": items}
