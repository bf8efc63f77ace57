"""Template helpers for the stakeholders' pages: a consultation's phase and its time zone's name."""

from django import template

from rwg_portal.timezones import zone_label

register = template.Library()


@register.filter
def phase_at(consultation, now) -> str:
    """"upcoming", "open" or "closed" at ``now``."""
    return consultation.phase(now)


@register.filter
def zone_name(zone: str) -> str:
    """A time zone as "City, Country" in the reader's language."""
    return zone_label(zone)
