"""Refusals that say why: the 403 page shows the reason a ``Refused`` carries.

The apps' ``*_get_for_user`` helpers raise ``Refused(reason)`` instead of a bare
``PermissionDenied`` when they refuse a write, so that the person knows whom to ask
("This activity belongs to IOM; only IOM's focal points and alternates and the secretariat can
edit it"). A reason may name only what the user may already see: where the object is hidden
from them, the helper raises 404 before any reason is given. A bare ``PermissionDenied`` (from
Django, allauth or older code) keeps the general text: its message is never shown, since it was
not written for the reader.

``Refused`` is a ``PermissionDenied``, so views, tests and middleware that catch the latter
are unaffected. The reasons below are shared by every app; object-specific ones live in each
app's ``permissions.py`` beside the rule they explain.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class Refused(PermissionDenied):
    """A 403 whose ``reason`` (already translated, safe for the reader) the error page shows."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = str(reason)


def sign_in_needed() -> Refused:
    return Refused(_("Sign in with an account of the Working Group to continue."))


def no_role() -> Refused:
    return Refused(_("Your account has no role in the Working Group yet; the secretariat gives roles to focal "
                     "points, alternates and RCM delegates."))


def members_only() -> Refused:
    return Refused(_("Only the Group's members can do this: the focal points and alternates of member agencies "
                     "and the secretariat."))


def secretariat_only() -> Refused:
    return Refused(_("Only the secretariat can do this."))


def role_refusal(user) -> Refused:
    """The general refusal for someone outside a members-only area, by what they lack."""
    if not user.is_authenticated:
        return sign_in_needed()
    if not getattr(user, "role", "") and not user.is_superuser:
        return no_role()
    return members_only()
