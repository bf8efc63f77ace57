"""Time zones by their city and country in the reader's language (``rwg_portal.timezones``), and a
meeting's time as the e-mails write it."""

import zoneinfo

from django import template
from django.utils.formats import date_format

from rwg_portal.history import list_separator
from rwg_portal.timezones import zone_label

register = template.Library()


@register.filter
def zone_name(zone) -> str:
    """``"Asia/Beirut"`` (or a tzinfo) as "Beirut (Lebanon)", "بيروت (لبنان)", "Beyrouth (Liban)"."""
    return zone_label(str(zone))


@register.simple_tag
def when_in_zone(start, end, zone) -> str:
    """A meeting's time in ``zone``, for plain-text e-mails in the active language: "Wednesday 12 March 2031,
    10:00–13:00 (Beirut (Lebanon))"; the zone by its city (not "Asia/Riyadh" nor "+03"), the Arabic comma
    "،" in Arabic, both dates when it ends on another day. Empty when ``start`` is unknown."""
    if not start:
        return ""
    tz = zoneinfo.ZoneInfo(str(zone))
    start, comma = start.astimezone(tz), list_separator()
    line = f"{date_format(start, 'l j F Y')}{comma}{start:%H:%M}"
    if end:
        end = end.astimezone(tz)
        line += f"–{end:%H:%M}" if end.date() == start.date() else f" – {date_format(end, 'l j F Y')}{comma}{end:%H:%M}"
    return f"{line} ({zone_label(str(zone))})"
