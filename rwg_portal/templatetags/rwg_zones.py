"""Time zones by their city and country in the reader's language (``rwg_portal.timezones``)."""

from django import template

from rwg_portal.timezones import zone_label

register = template.Library()


@register.filter
def zone_name(zone) -> str:
    """``"Asia/Beirut"`` (or a tzinfo) as "Beirut (Lebanon)", "بيروت (لبنان)", "Beyrouth (Liban)"."""
    return zone_label(str(zone))
