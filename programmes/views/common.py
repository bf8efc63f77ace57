"""Helpers shared by the programmes views."""

from django.core.exceptions import PermissionDenied

from programmes import permissions


def require_catalogue(user) -> None:
    """Refuse whoever may not read the catalogue of activities."""
    if not permissions.can_view_catalogue(user):
        raise PermissionDenied
