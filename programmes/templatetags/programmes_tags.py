"""Small template helpers of the programmes app."""

from django import template
from django.utils.translation import gettext

from programmes import permissions
from rwg_portal import reference

register = template.Library()


@register.filter
def may_record_activities(user) -> bool:
    """Focal points, alternates and the secretariat: they see the bulk update and "add" links."""
    return permissions.can_create_activity(user)


@register.filter
def place_name(code: str) -> str:
    return reference.place_name(code)


@register.filter
def listing(values) -> str:
    """Join labels with the comma of the active language (the Arabic comma in Arabic)."""
    return gettext(", ").join(str(value) for value in values)
